/**
 * Where architectures plug in: one factory per `architecture` name. A new architecture adds its
 * folder (`arch/<name>/`, implementing `Architecture`) and one line here; see docs/engine.md.
 */
import type { Scenario } from '../scenario/scenario.types.ts';
import type { World } from '../world/world.ts';
import type { Report } from '../simulation/simulation.types.ts';
import type { Architecture } from './architecture.ts';
import { KappaArchitecture } from './kappa/kappa.arch.ts';
import { LambdaArchitecture } from './lambda/lambda.arch.ts';

type Factory = (world: World) => Architecture;
/** A headless run an architecture does its own way (the unified pipeline's `runUnified`). */
type Headless = (scenario: Scenario) => Report;

/**
 * Lambda and Kappa are always here. The unified pipeline registers itself when
 * `unified/unified.register.ts` is imported: `engine/index.ts` does, so every importer of the
 * engine's API has it; a lesson page imports the engine's modules directly and loads the
 * unified part only for a lesson that plays a unified scenario (it is a quarter of the engine).
 */
const ARCHITECTURES: { [K in Scenario['architecture']]?: Factory } = {
  lambda: (world) => new LambdaArchitecture(world),
  kappa: (world) => new KappaArchitecture(world),
};

const HEADLESS: { [K in Scenario['architecture']]?: Headless } = {};

export function registerArchitecture(
  kind: Scenario['architecture'],
  factory: Factory,
  headless?: Headless,
): void {
  ARCHITECTURES[kind] = factory;
  if (headless) HEADLESS[kind] = headless;
}

/** The architecture's own headless run of `scenario`, if it has one (else the engine's). */
export function headlessRunner(scenario: Scenario): Headless | null {
  return HEADLESS[scenario.architecture] ?? null;
}

export function createArchitecture(world: World): Architecture {
  const kind = world.scenario.architecture;
  const factory = ARCHITECTURES[kind];
  if (!factory)
    throw new Error(
      `the "${kind}" architecture is not loaded: import engine/arch/${kind}/${kind}.register.ts (engine/index.ts does)`,
    );
  return factory(world);
}

export type { Architecture, Core, Scan, Served } from './architecture.ts';
