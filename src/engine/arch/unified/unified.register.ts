/**
 * Adds the unified pipeline to the engine's architectures (`arch/index.ts`). Imported by
 * `engine/index.ts`; a page that imports the engine's modules directly (a lesson) imports this
 * only when it plays a unified scenario, so Lambda and Kappa lessons do not load it.
 */
import { registerArchitecture } from '../index.ts';
import { runUnified } from '../../unified/unified.run.ts';
import { UnifiedArchitecture } from './unified.arch.ts';

registerArchitecture('unified', (world) => new UnifiedArchitecture(world), runUnified);
