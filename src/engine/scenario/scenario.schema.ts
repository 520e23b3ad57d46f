/**
 * The structure of a scenario file (MODEL.md, "Contract: scenario files"), as valibot schemas:
 * the top level and the settings blocks here, the repeated parts in `scenario.parts.ts`, the
 * fields in `scenario.fields.ts`. Every schema carries its own message, `expected …, got …`, so
 * that problems read the same in the CLI and the browser. Checks that need more than one field
 * live in `scenario.checks.ts` and `scenario.normalize.ts`. The same schemas produce
 * `public/scenario.schema.json` (`npm run schema`).
 */
import * as v from 'valibot';
import { MINUTE } from '../time/time.logic.ts';
import {
  describeValue,
  duration,
  expected,
  info,
  isoTime,
  localTime,
  numberIn,
  oneOf,
  quoteAll,
  strict,
  timeZoneField,
} from './scenario.fields.ts';
import {
  EventSchema,
  FaultSchema,
  GenerateSchema,
  LogicSchema,
  QuerySchema,
} from './scenario.parts.ts';
import { UnifiedSchema } from './scenario.unified.ts';

export { EventSchema, FaultSchema, GenerateSchema, LogicSchema, QuerySchema, UnifiedSchema };

const architectures = ['lambda', 'kappa', 'unified'] as const;

const architecture = v.pipe(
  v.picklist(
    architectures,
    (issue) => `expected one of ${quoteAll(architectures)}, got ${describeValue(issue.input)}`,
  ),
  v.description('Which architecture to simulate.'),
);

const arrayOf = <T extends v.GenericSchema>(item: T, what: string, description: string) =>
  v.pipe(v.array(item, expected(`an array of ${what}`)), v.description(description));

const described = <T extends v.GenericSchema>(schema: T, description: string) =>
  v.pipe(schema, v.description(description));

export const LogSchema = described(
  strict(
    {
      partitions: v.optional(
        numberIn(1, 8, true, 'Number of log partitions (partition = hash of user).', 1),
      ),
      retention: v.optional(
        duration(
          'Records older than this are deleted. Default: keep everything.',
          undefined,
          'positive',
        ),
      ),
    },
    'the log settings',
  ),
  'The event log.',
);

export const BatchSchema = described(
  strict(
    {
      at: v.optional(
        localTime('Local time (in "timeZone") of the first batch run of each day.', '00:05'),
      ),
      every: v.optional(duration('Time between batch runs.', '24h', MINUTE)),
      duration: v.optional(duration('How long a batch run takes.', '40m', 'positive')),
      logic: v.optional(LogicSchema),
      handoff: v.optional(
        oneOf(
          ['cut-off', 'clear-all', 'clear-none'],
          'What the speed layer drops when a batch view is published. "cut-off" (right): exactly its state for records before the run\'s cut-off. Two wrong ways, for teaching: "clear-all" drops all of it (records that arrived during the run vanish until the next run: the answer dips); "clear-none" keeps all of it (records before the cut-off are counted by both layers: the answer jumps). Default: "cut-off".',
        ),
      ),
    },
    'the batch layer settings',
  ),
  'Lambda: the batch layer. Its logic counts "distinct-users" unless it says otherwise.',
);

const commitEvery = () =>
  v.optional(duration('Time between offset commits (checkpoints).', '1m', 'positive'));
const processingTime = () =>
  v.optional(
    duration('Extension: time a job takes to process one record after fetching it.', '1s'),
  );

export const SpeedSchema = described(
  strict(
    {
      commitEvery: commitEvery(),
      processingTime: processingTime(),
      logic: v.optional(LogicSchema),
    },
    'the speed layer settings',
  ),
  'Lambda: the speed layer. Its logic counts "per-record" unless it says otherwise.',
);

export const KappaSchema = described(
  strict(
    {
      speedup: v.optional(
        numberIn(1, 1000, false, 'How many times faster than real time a replaying job runs.', 10),
      ),
      commitEvery: commitEvery(),
      processingTime: processingTime(),
      logic: v.optional(LogicSchema),
    },
    'the Kappa settings',
  ),
  'Kappa: the stream jobs. Their logic counts "per-record" unless it says otherwise.',
);

export const ScenarioInputSchema = v.pipe(
  strict(
    {
      $schema: v.optional(
        v.pipe(
          v.string(expected('a string')),
          info(
            'Optional: where editors find the JSON Schema of this format; the simulator ignores it.',
          ),
        ),
      ),
      name: v.optional(
        v.pipe(
          v.string(expected('a string')),
          info('Shown in the app and the report.', 'Untitled scenario'),
        ),
      ),
      seed: v.optional(
        numberIn(0, 4294967295, true, 'Seed of the one random generator: same seed, same run.', 1),
      ),
      architecture,
      timeZone: v.optional(
        timeZoneField('IANA time zone of the scenario\'s days. Default: "UTC".'),
      ),
      start: v.optional(
        isoTime("When the simulation starts. Default: local midnight of the earliest event's day."),
      ),
      end: v.optional(
        isoTime(
          'When the simulation ends. Default: the later of the last query and one hour after the last arrival.',
        ),
      ),
      events: v.optional(arrayOf(EventSchema, 'events', 'Events written out one by one.')),
      generate: v.optional(GenerateSchema),
      delivery: v.optional(
        oneOf(
          ['at-most-once', 'at-least-once', 'exactly-once'],
          'Delivery guarantee of the streaming jobs. Default: "at-least-once".',
        ),
      ),
      dedup: v.optional(
        oneOf(
          ['none', 'event-id'],
          'Whether every job (batch and streaming) skips a record whose event id it has already counted. Default: "none".',
        ),
      ),
      logic: v.optional(LogicSchema),
      log: v.optional(LogSchema),
      batch: v.optional(BatchSchema),
      speed: v.optional(SpeedSchema),
      kappa: v.optional(KappaSchema),
      unified: v.optional(UnifiedSchema),
      faults: v.optional(
        arrayOf(FaultSchema, 'faults', 'Things that go wrong, injected at given times.'),
      ),
      queries: v.optional(
        arrayOf(
          QuerySchema,
          'queries',
          'Questions asked of the serving layer, answered in the report.',
        ),
      ),
    },
    'the scenario',
  ),
  v.title('Lambda·Kappa Lab scenario'),
  v.description(
    'A scenario for Lambda·Kappa Lab: signup events, an architecture, faults and questions. See docs/scenario-format.md.',
  ),
);
