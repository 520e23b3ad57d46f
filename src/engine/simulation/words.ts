/**
 * The vocabulary narration is built from: a record as the UI shows it, local times, offsets,
 * plurals and who did something. Shared by the engine's narration and every architecture's words.
 */
import type { StreamJob } from '../stream/stream.job.ts';
import { calendarFor, dayKey, MINUTE } from '../time/time.logic.ts';
import { eventIdOf, offsetsAt, type World } from '../world/world.ts';
import type { RecordInfo } from './simulation.types.ts';

export function recordInfo(world: World, index: number): RecordInfo {
  const ev = world.recEvent[index];
  return {
    index,
    id: eventIdOf(world, ev),
    user: world.users.get(world.eventUser[ev]),
    time: world.eventTime[ev],
    arrival: world.recArrival[index],
    partition: world.recPartition[index],
    offset: world.recOffset[index],
    copy: world.recCopy[index],
    outOfOrder: world.recOutOfOrder[index] === 1,
    lateness: world.recArrival[index] - world.eventTime[ev],
  };
}

/** `2026-11-24 09:15` (seconds when not zero) in the scenario's time zone. */
export function formatLocal(ms: number, timeZone: string): string {
  const cal = calendarFor(timeZone);
  const day = cal.dayOf(ms);
  const sinceMidnight = Math.round(ms - cal.startOf(day));
  const h = Math.floor(sinceMidnight / 3_600_000);
  const m = Math.floor((sinceMidnight % 3_600_000) / MINUTE);
  const s = Math.floor((sinceMidnight % MINUTE) / 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${dayKey(day)} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

export function jobLabel(job: StreamJob | undefined, capital = true): string {
  if (!job) return capital ? 'The batch layer' : 'the batch layer';
  if (job.role === 'speed') return capital ? 'The speed layer' : 'the speed layer';
  return `${capital ? 'Job' : 'job'} ${job.name}`;
}

/** Offsets of a global position: `offset 12`, or `offsets p0:5 p1:7` with partitions. */
export function offsetText(world: World, position: number): string {
  const offs = offsetsAt(world, position);
  return offs.length === 1
    ? `offset ${offs[0]}`
    : `offsets ${offs.map((o, p) => `p${p}:${o}`).join(' ')}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function recordLabel(world: World, record: number): string {
  const r = recordInfo(world, record);
  return `${r.id} (user ${r.user}${r.copy ? ', retry copy' : ''})`;
}
