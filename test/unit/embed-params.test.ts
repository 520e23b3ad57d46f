// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { embedHash, readEmbedParams } from '../../src/app/embed/embed-params.ts';

describe('embed parameters', () => {
  test('every parameter an author can write is read', () => {
    const params = readEmbedParams(
      '?embed&scenario=03-hand-off-after-a-batch-run&step=12&autoplay&controls=off&speed=8&profile=projector&motion=stop-after-5',
    );
    expect(params).toEqual({
      embed: true,
      scenario: '03-hand-off-after-a-batch-run',
      lesson: null,
      step: 12,
      autoplay: true,
      controls: false,
      speed: 8,
      profile: 'projector',
      stopAfterMs: 5000,
      problems: [],
    });
    expect(embedHash(params)).toBe('#/sandbox?s=03-hand-off-after-a-batch-run&step=12&speed=8');
  });

  test('defaults: not embedded, controls on, no autoplay, default colours, motion as usual', () => {
    const params = readEmbedParams('');
    expect(params.embed).toBe(false);
    expect(params.controls).toBe(true);
    expect(params.autoplay).toBe(false);
    expect(params.profile).toBe('default');
    expect(params.stopAfterMs).toBeNull();
    expect(embedHash(params)).toBeNull();
  });

  test('bad values are named and their defaults used', () => {
    const params = readEmbedParams(
      'embed&step=two&speed=0&controls=maybe&profile=neon&motion=forever&scenario=../x',
    );
    expect(params.step).toBeNull();
    expect(params.speed).toBeNull();
    expect(params.controls).toBe(true);
    expect(params.scenario).toBeNull();
    expect(params.problems).toEqual([
      '"step" must be a whole number, got "two"',
      '"speed" must be 0.25 to 16384 steps per second, got "0"',
      '"profile" must be projector or default, got "neon"',
      '"motion" must be stop-after-5, got "forever"',
      '"scenario" is not a scenario name: "../x"',
      '"controls" must be on or off, got "maybe"',
    ]);
  });
});
