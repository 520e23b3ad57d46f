/** The words for the steps only Kappa takes: a deploy, its replay catching up, the switch-over. */
import type { StreamJob } from '../../stream/stream.job.ts';
import type { StepFact } from '../../simulation/step-facts.ts';
import { offsetText, plural } from '../../simulation/words.ts';
import type { Core } from '../architecture.ts';

export function kappaWords(
  core: Core,
  jobs: readonly StreamJob[],
  fact: StepFact,
): string | undefined {
  switch (fact.kind) {
    case 'deploy.started': {
      const j = jobs[fact.job];
      const logic = j.tally.table.logic;
      let text = `New logic deployed (${logic.counting}, ${logic.timeZone}${logic.excludeUserPrefix ? `, excluding "${logic.excludeUserPrefix}…"` : ''}): job ${j.name} starts at the earliest retained ${offsetText(core.world, fact.earliest)} and replays at ${core.scenario.kappa.speedup}× into table ${j.name}. The serving layer still reads ${fact.servingTable}.`;
      if (fact.earliest > 0)
        text += ` Retention already deleted ${plural(fact.earliest, 'record')}: ${j.name} can never count them.`;
      return text;
    }
    case 'replay.caught-up':
      return `Job ${jobs[fact.job].name} caught up: its lag is 0.`;
    case 'serving.switched':
      return `The serving layer now reads table ${jobs[fact.job].name} (an atomic switch); job ${jobs[fact.stoppedJob]?.name ?? '?'} is stopped.`;
  }
  return undefined;
}
