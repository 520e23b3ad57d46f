/**
 * The parameters of embed mode, read from the page's query (`index.html?embed&…`): what an
 * author writes in an iframe's `src`. Unknown parameters are ignored; a bad value is named in a
 * problem and its default used, so an embed always shows something.
 *
 * - `embed`: embed mode (just the stage and the chosen controls)
 * - `scenario=<id>`: a bundled scenario (file name without `.json`); `lesson=<folder id>`: a
 *   lesson's step (`EmbedLesson`); or a sandbox address in the hash (`#/sandbox?x=…`)
 * - `step=<n>`: steps done when it opens (in a lesson: the lesson's step, from 1)
 * - `autoplay`: start playing
 * - `controls=on|off`: the playback controls (default on)
 * - `speed=<steps per second>`: 0.25 to 16,384 (`MAX_RATE`)
 * - `profile=projector`: the high-contrast projector colours, large type, thick strokes
 * - `motion=stop-after-5`: stop animating five seconds after it starts
 */

import { isLinkRate, linkRateProblem } from '../playback/speed.ts';

export interface EmbedParams {
  embed: boolean;
  scenario: string | null;
  lesson: string | null;
  step: number | null;
  autoplay: boolean;
  controls: boolean;
  speed: number | null;
  profile: 'default' | 'projector';
  stopAfterMs: number | null;
  problems: string[];
}

const ON = new Set(['', '1', 'on', 'true', 'yes']);
const OFF = new Set(['0', 'off', 'false', 'no']);

function flag(params: URLSearchParams, name: string, fallback: boolean, problems: string[]) {
  const value = params.get(name);
  if (value === null) return fallback;
  if (ON.has(value)) return true;
  if (OFF.has(value)) return false;
  problems.push(`"${name}" must be on or off, got "${value}"`);
  return fallback;
}

export function readEmbedParams(search: string): EmbedParams {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const scenario = params.get('scenario');
  const lesson = params.get('lesson');
  const stepText = params.get('step');
  const speedText = params.get('speed');
  const profile = params.get('profile');
  const motion = params.get('motion');

  let step: number | null = null;
  if (stepText !== null) {
    if (/^\d{1,9}$/.test(stepText)) step = Number(stepText);
    else problems.push(`"step" must be a whole number, got "${stepText}"`);
  }
  let speed: number | null = null;
  if (speedText !== null) {
    const value = Number(speedText);
    if (speedText.trim() !== '' && isLinkRate(value)) speed = value;
    else problems.push(linkRateProblem(speedText));
  }
  if (profile !== null && profile !== 'projector' && profile !== 'default') {
    problems.push(`"profile" must be projector or default, got "${profile}"`);
  }
  if (motion !== null && motion !== 'stop-after-5') {
    problems.push(`"motion" must be stop-after-5, got "${motion}"`);
  }
  if (scenario !== null && !/^[a-z0-9][a-z0-9-]{0,80}$/.test(scenario)) {
    problems.push(`"scenario" is not a scenario name: "${scenario.slice(0, 40)}"`);
  }
  return {
    embed: params.has('embed'),
    scenario: scenario !== null && /^[a-z0-9][a-z0-9-]{0,80}$/.test(scenario) ? scenario : null,
    lesson,
    step,
    autoplay: flag(params, 'autoplay', false, problems),
    controls: flag(params, 'controls', true, problems),
    speed,
    profile: profile === 'projector' ? 'projector' : 'default',
    stopAfterMs: motion === 'stop-after-5' ? 5000 : null,
    problems,
  };
}

/** The sandbox address an embed's parameters describe (for `AddressSync.open`), or null. */
export function embedHash(params: EmbedParams): string | null {
  if (params.scenario === null) return null;
  const step = params.step ?? 0;
  const speed = params.speed !== null ? `&speed=${params.speed}` : '';
  return `#/sandbox?s=${params.scenario}&step=${step}${speed}`;
}
