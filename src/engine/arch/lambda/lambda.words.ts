/** The words for the steps only Lambda takes: the batch layer's runs, crashes and recoveries. */
import type { StepFact } from '../../simulation/step-facts.ts';
import { formatLocal, offsetText, plural } from '../../simulation/words.ts';
import type { Core } from '../architecture.ts';

export function lambdaWords(core: Core, fact: StepFact): string | undefined {
  const w = core.world;
  const tz = core.scenario.timeZone;
  switch (fact.kind) {
    case 'batch.started':
      return `Batch run ${fact.run} started. Its cut-off is the log's end now (${offsetText(w, fact.cutOff)}); it recomputes every day from scratch over the ${plural(fact.cutOff - fact.from, 'retained record')} before the cut-off, and publishes at ${formatLocal(fact.endsAt, tz)}.`;
    case 'batch.published': {
      if (fact.cutOff === fact.from) {
        return `Batch run ${fact.run} published an empty view: the log held no records before its cut-off.`;
      }
      const published = `Batch run ${fact.run} published its view atomically, covering every record before ${offsetText(w, fact.cutOff)}.`;
      if (fact.handoff === 'clear-all') {
        const during = Math.max(fact.floor - Math.max(fact.cutOff, fact.previousFloor), 0);
        return `${published} Wrong hand-off (clear-all): the speed layer drops all its state, including the ${plural(during, 'record')} that arrived during the run, after the cut-off. No view counts those now, so the served answer dips until the next batch run covers them.`;
      }
      if (fact.handoff === 'clear-none') {
        return `${published} Wrong hand-off (clear-none): the speed layer keeps all its state, so the ${plural(fact.kept, 'record')} before the cut-off that it counted are now counted by the batch view too, and the served answer jumps.`;
      }
      const dropped = fact.cutOff - fact.previousFloor;
      return `${published} The speed layer drops its state for the ${plural(Math.max(dropped, 0), 'record')} before that cut-off; records that arrived during the run stay in the speed view.`;
    }
    case 'job.crashed':
      if (!('batch' in fact)) return undefined;
      if (fact.batch === 'ignored') return 'The batch layer was already down.';
      return `The batch layer crashed${fact.batch === 'aborted' ? '; the run in progress is lost and starts again' : ''} when it is back at ${formatLocal(fact.backAt, tz)}.`;
    case 'job.recovered':
      if (!('startsNow' in fact)) return undefined;
      return `The batch layer is back.${fact.startsNow ? ' It starts the run it missed now.' : ''}`;
  }
  return undefined;
}
