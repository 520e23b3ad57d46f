/** The engine's public API: read scenarios, run them, revisit any step. */
export { parseScenario, parseScenarioText, formatProblem } from './scenario/scenario.parse.ts';
export { Simulation, runScenario } from './simulation/simulation.ts';
export type * from './scenario/scenario.types.ts';
export type * from './simulation/simulation.types.ts';
export { injectIntoScenario } from './scenario/scenario.inject.ts';
