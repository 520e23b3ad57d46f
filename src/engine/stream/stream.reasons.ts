/** Why a streaming job has not counted a truth item (shared by every architecture's explanations). */
import type { ReasonKind } from '../simulation/simulation.types.ts';
import type { World } from '../world/world.ts';
import type { StreamJob } from './stream.job.ts';

export function jobMissingReason(
  world: World,
  job: StreamJob,
  ev: number,
  day: number,
): ReasonKind {
  const record = world.firstRecord[ev];
  const user = world.eventUser[ev];
  const table = job.tally.table;
  if (table.userExcluded[user]) return 'excluded';
  if (table.eventDay[ev] !== day) return 'time-zone';
  if (job.lost.includes(record)) return 'lost';
  if (job.timesProcessed.get(record) === 0) {
    return job.missedToRetention(record) ? 'retention' : 'in-flight';
  }
  // Processed, yet not counted here: rolled back (exactly-once) and not re-processed yet, or
  // the user is counted on another day.
  return job.tally.counting === 'distinct-users' && job.tally.earliestEvent[user] >= 0
    ? 'earlier-signup'
    : 'in-flight';
}
