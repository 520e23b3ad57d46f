/**
 * Where architectures plug in: one factory per `architecture` name. A new architecture adds its
 * folder (`arch/<name>/`, implementing `Architecture`) and one line here; see docs/engine.md.
 */
import type { Scenario } from '../scenario/scenario.types.ts';
import type { World } from '../world/world.ts';
import type { Architecture } from './architecture.ts';
import { KappaArchitecture } from './kappa/kappa.arch.ts';
import { LambdaArchitecture } from './lambda/lambda.arch.ts';
import { UnifiedArchitecture } from './unified/unified.arch.ts';

export const ARCHITECTURES: Record<Scenario['architecture'], (world: World) => Architecture> = {
  lambda: (world) => new LambdaArchitecture(world),
  kappa: (world) => new KappaArchitecture(world),
  unified: (world) => new UnifiedArchitecture(world),
};

export function createArchitecture(world: World): Architecture {
  return ARCHITECTURES[world.scenario.architecture](world);
}

export type { Architecture, Core, Scan, Served } from './architecture.ts';
