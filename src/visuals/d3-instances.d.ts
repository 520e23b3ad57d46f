/** `d3-scale?time`: d3-scale itself, as a second module instance (see `time-scale.ts`). */
declare module 'd3-scale?time' {
  export { scaleUtc } from 'd3-scale';
}
