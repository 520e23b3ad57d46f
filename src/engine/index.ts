/** The engine's public API: read scenarios, run them, revisit any step. */
// Every architecture, the unified pipeline included (it registers itself).
import './arch/unified/unified.register.ts';
export { parseScenario, parseScenarioText, formatProblem } from './scenario/scenario.parse.ts';
export { Simulation, runScenario } from './simulation/simulation.ts';
export type * from './scenario/scenario.types.ts';
export type * from './simulation/simulation.types.ts';
export { injectIntoScenario } from './scenario/scenario.inject.ts';
