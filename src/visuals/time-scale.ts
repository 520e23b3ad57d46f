/**
 * d3-scale's `scaleUtc`, for the pictures that load on demand (the time strip, the unified plot,
 * the compare chart), from a second instance of d3-scale's module (`?time`: Vite and Rolldown
 * treat the query as another module). d3-scale ships as one file, and a bundler puts a module
 * shared by the first lesson and an on-demand picture in a chunk the first lesson loads, with
 * everything either of them uses; so `scaleUtc`, and with it d3-time-format and d3-time (about
 * 4 KB gzipped), would ride along with the first lesson's `scaleLinear`. With its own instance it
 * loads with the pictures that draw time. Use `scaleLinear` from `d3-scale` as usual.
 */
export { scaleUtc } from 'd3-scale?time';
