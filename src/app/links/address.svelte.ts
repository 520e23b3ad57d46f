/**
 * Keeps the address bar describing the sandbox on screen, and puts on screen what an address
 * describes (at start, and on the browser's Back and Forward).
 *
 * History: a new entry at deliberate moments only: when the scenario changes (picked, run,
 * edited, injected into, imported, opened from a link) and when Play is pressed (the entry
 * before keeps the step it was pressed at). Everything else, including every step while
 * playing, replaces the current entry, and at most twice a second while playing.
 */
import { parseScenarioText } from '../../engine/index.ts';
import type { BundledScenario } from '../bundled-scenarios.ts';
import type { ScenarioSource, SimulationSession } from '../simulation.svelte.ts';
import {
  linkedScenarioFor,
  readSandboxQuery,
  resolveLinkedScenario,
  writeSandboxQuery,
  type LinkBase,
} from './sandbox-link.ts';
import { DEFAULT_RATE } from '../playback/speed.ts';

/** The id a link uses for a bundled scenario: its file name without `.json`. */
export const bundledId = (file: string): string => file.replace(/\.json$/, '');

const SANDBOX = '#/sandbox';
const WHILE_PLAYING_MS = 500;

/** The query of a sandbox address, or null when the hash is not one. */
export function sandboxQuery(hash: string): string | null {
  if (hash === SANDBOX) return '';
  if (hash.startsWith(`${SANDBOX}?`)) return hash.slice(SANDBOX.length + 1);
  return null;
}

export class AddressSync {
  /** What was wrong with the address last opened, for the page to say; null when nothing. */
  problem = $state<string | null>(null);
  /** False until the address the page was opened with is on screen. */
  ready = $state(false);

  #session: SimulationSession;
  #bundled: readonly BundledScenario[];
  #pick: (file: string) => void;
  #bases: LinkBase[] | null = null;
  /** The scenario part of the address for the input on screen (cached per input). */
  #scenarioPart: { input: unknown; query: string } | null = null;
  #written: { scenario: string; hash: string } | null = null;
  #wasPlaying = false;
  /** A deliberate moment happened: the next different address gets its own entry. */
  #pushNext = false;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    session: SimulationSession,
    bundled: readonly BundledScenario[],
    pick: (file: string) => void,
  ) {
    this.#session = session;
    this.#bundled = bundled;
    this.#pick = pick;
  }

  /** Bundled scenarios as validated inputs, parsed on first use. */
  #basesNow(): LinkBase[] {
    this.#bases ??= this.#bundled.flatMap((b) => {
      const parsed = parseScenarioText(b.text);
      return parsed.ok ? [{ id: bundledId(b.file), input: { ...parsed.input } }] : [];
    });
    return this.#bases;
  }

  #fallback(): void {
    if (!this.#session.simulation && this.#bundled.length > 0) this.#pick(this.#bundled[0].file);
  }

  /** Puts on screen what `hash` describes; anything wrong is said in `problem`. */
  async open(hash: string): Promise<void> {
    const query = sandboxQuery(hash);
    if (query === null || query === '') {
      if (query === null && hash !== '' && hash !== '#' && hash !== '#/') {
        this.problem = `This address ("${hash.slice(0, 60)}") is not a page of the Lab: showing the sandbox.`;
      }
      this.#fallback();
      return;
    }
    const read = await readSandboxQuery(query);
    if (!read.ok) {
      this.problem = `${read.problem} Showing the default scenario instead.`;
      this.#fallback();
      return;
    }
    const link = read.link;
    const resolved = resolveLinkedScenario(link.scenario, this.#basesNow());
    if (!resolved.ok) {
      this.problem = `${resolved.problem} Showing the default scenario instead.`;
      this.#fallback();
      return;
    }
    const session = this.#session;
    const bundled =
      resolved.kind === 'bundled'
        ? this.#bundled.find((b) => bundledId(b.file) === resolved.id)
        : undefined;
    const text = bundled ? bundled.text : resolved.kind === 'custom' ? resolved.text : '';
    const source: ScenarioSource = bundled
      ? { kind: 'bundled', file: bundled.file }
      : { kind: 'custom' };
    // A big run is built in the worker: the step is set once it has loaded.
    const loaded = await new Promise<boolean>((resolve) => {
      if (!session.run(text, source, { kind: 'start' }, () => resolve(true))) resolve(false);
    });
    if (!loaded) {
      const problems = session.problems;
      this.problem =
        `This link's scenario is not valid (${problems.join('; ')}). ` +
        'Showing the default scenario instead; the scenario is in the Scenario JSON box.';
      this.#fallback();
      session.draft = text;
      return;
    }
    session.draft = text;
    let step = link.step;
    if (step > session.stepCount) {
      this.problem = `This link asks for step ${step}, but the run has ${session.stepCount} steps: showing the last.`;
      step = session.stepCount;
    }
    session.seek(step);
    session.setRate(link.speed ?? DEFAULT_RATE);
    session.selectDay(link.day ?? null);
  }

  /** Opens the address the page was loaded with; from then on the address follows the page. */
  async start(hash: string = location.hash): Promise<void> {
    await this.open(hash);
    this.ready = true;
  }

  /** Back / Forward: show the moment that entry recorded, without recording a new one. */
  async onPopState(): Promise<void> {
    // Another page of the Lab (a link to the lessons or the comparison): the shell leaves the
    // sandbox, and writing the sandbox's address back would undo that navigation.
    if (sandboxQuery(location.hash) === null) return;
    this.problem = null;
    this.#session.pause();
    this.#written = null;
    this.#pushNext = false;
    this.#wasPlaying = false;
    this.ready = false;
    await this.open(location.hash);
    this.ready = true;
  }

  async #scenarioQuery(): Promise<string | null> {
    const session = this.#session;
    const input = session.input;
    if (!input || !session.source) return null;
    if (this.#scenarioPart?.input === input) return this.#scenarioPart.query;
    const source = session.source;
    const id = source.kind === 'bundled' ? bundledId(source.file) : null;
    const scenario = linkedScenarioFor({ ...input }, this.#basesNow(), id);
    const query = await writeSandboxQuery({ scenario, step: 0 });
    const part = query.replace(/&?step=0$/, '');
    this.#scenarioPart = { input, query: part };
    return part;
  }

  /** The address of what is on screen now. */
  async hashNow(): Promise<string | null> {
    const session = this.#session;
    const scenario = await this.#scenarioQuery();
    if (scenario === null) return null;
    const parts = [scenario, `step=${session.position}`];
    if (session.rate !== DEFAULT_RATE) parts.push(`speed=${session.rate}`);
    if (session.selectedDay) parts.push(`day=${encodeURIComponent(session.selectedDay)}`);
    return `${SANDBOX}?${parts.join('&')}`;
  }

  /** The full link of what is on screen now (for Copy link and the QR code). */
  async hrefNow(): Promise<string> {
    const hash = (await this.hashNow()) ?? '';
    return `${location.href.replace(/#.*$/, '')}${hash}`;
  }

  /** Called by an effect whenever anything the address shows may have changed. */
  changed(): void {
    if (!this.ready) return;
    const playing = this.#session.playing;
    const startedPlaying = playing && !this.#wasPlaying;
    this.#wasPlaying = playing;
    if (startedPlaying) this.#pushNext = true;
    if (playing && !startedPlaying) {
      this.#timer ??= setTimeout(() => {
        this.#timer = null;
        void this.#write();
      }, WHILE_PLAYING_MS);
      return;
    }
    void this.#write();
  }

  async #write(): Promise<void> {
    let hash: string | null;
    try {
      hash = await this.hashNow();
    } catch {
      return; // No way to write this moment (no compression here): the address stays as it was.
    }
    if (hash === null || !this.ready) return;
    const scenario = this.#scenarioPart?.query ?? '';
    const previous = this.#written;
    if (previous?.hash === hash) return;
    const push = previous !== null && (this.#pushNext || previous.scenario !== scenario);
    this.#pushNext = false;
    this.#written = { scenario, hash };
    const url = `${location.pathname}${location.search}${hash}`;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }

  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
  }
}
