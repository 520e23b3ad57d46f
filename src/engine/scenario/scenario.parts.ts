/**
 * The repeated parts of a scenario file, as valibot schemas: logic, events, the `generate` block,
 * faults and queries. The JSON Schema names each of them under `$defs`.
 */
import * as v from 'valibot';
import { parseDayKey } from '../time/time.logic.ts';
import {
  duration,
  expected,
  info,
  isoTime,
  nonEmpty,
  numberIn,
  oneOf,
  strict,
  strictEntries,
  strictVariant,
  timeZoneField,
} from './scenario.fields.ts';

const countMessage = expected('an integer ≥ 0');
const count = v.pipe(
  v.number(countMessage),
  v.integer(countMessage),
  v.minValue(0, countMessage),
  v.description('How many events to generate (with the explicit events, at most 5,000,000).'),
);

export const LogicSchema = v.pipe(
  strict(
    {
      counting: v.optional(
        oneOf(
          ['per-record', 'distinct-users'],
          '"per-record" adds 1 per record processed; "distinct-users" counts each user once, on the day of their earliest event (idempotent). Default: "distinct-users" for truth and the batch job, "per-record" for the speed, stream and deployed jobs.',
        ),
      ),
      timeZone: v.optional(
        timeZoneField(
          'IANA zone that decides which day an event counts for. Default: the scenario\'s "logic.timeZone", itself defaulting to "timeZone".',
        ),
      ),
      excludeUserPrefix: v.optional(
        v.pipe(
          v.string(expected('a string')),
          info(
            'Users whose name starts with this prefix are not counted (e.g. "test-"). Default: the scenario\'s "logic.excludeUserPrefix", itself defaulting to "" (nobody excluded).',
          ),
        ),
      ),
    },
    'business logic',
  ),
  v.description('Business logic: how a job (or truth) counts new users.'),
);

export const EventSchema = v.pipe(
  strict(
    {
      id: nonEmpty('Event id, unique among the events of the file.'),
      user: nonEmpty('The user who signed up.'),
      time: isoTime('Event time: when the signup happened.'),
      arrival: v.optional(
        isoTime(
          'When the event reaches the log (≥ time). Default: time plus a seeded network delay of 100 ms to 3 s.',
        ),
      ),
      value: v.optional(
        v.pipe(
          v.number(expected('a number')),
          info('A number the "sum" aggregate of a unified scenario adds; ignored otherwise.', 1),
        ),
      ),
    },
    'an event',
  ),
  v.description('A signup event.'),
);

export const GenerateSchema = v.pipe(
  strict(
    {
      count,
      from: v.optional(
        isoTime('Earliest event time. Default: "start"; required when "start" is not given.'),
      ),
      to: v.optional(
        isoTime(
          'Event times are before this instant. Default: "end"; required when "end" is not given.',
        ),
      ),
      lateFraction: v.optional(
        numberIn(
          0,
          1,
          false,
          'Fraction of events that arrive late (more than 3 s after their time).',
          0,
        ),
      ),
      maxLateness: v.optional(duration('Longest delay of a late event.', '6h', 'positive')),
      repeatFraction: v.optional(
        numberIn(
          0,
          1,
          false,
          'Extension: fraction of events that reuse an earlier generated user.',
          0,
        ),
      ),
      testFraction: v.optional(
        numberIn(
          0,
          1,
          false,
          'Extension: fraction of new generated users that are test accounts named "test-<k>".',
          0,
        ),
      ),
    },
    'the "generate" block',
  ),
  v.description('Seeded random events, ids g1, g2, … in time order.'),
);

const faultKinds = ['producer-retry', 'crash', 'delay', 'deploy'] as const;

export const FaultSchema = v.pipe(
  strictVariant(
    'kind',
    [
      strictEntries(
        {
          kind: v.pipe(
            v.literal('producer-retry'),
            v.description('The producer sends the event twice: a duplicate record in the log.'),
          ),
          event: nonEmpty('Id of the event (explicit or generated) that is sent again.'),
          after: v.optional(
            duration('How long after the first record the duplicate arrives.', '3s'),
          ),
        },
        'a fault',
      ),
      strictEntries(
        {
          kind: v.pipe(v.literal('crash'), v.description('A job crashes and restarts later.')),
          job: oneOf(
            ['speed', 'batch', 'stream'],
            '"speed" or "batch" in a lambda scenario; "stream" (the Kappa job serving at that moment) in a kappa scenario.',
          ),
          at: isoTime('When the job crashes.'),
          downFor: v.optional(duration('How long the job stays down.', '5m', 'positive')),
        },
        'a fault',
      ),
      strictEntries(
        {
          kind: v.pipe(v.literal('delay'), v.description('The event reaches the log late.')),
          event: nonEmpty('Id of the event (explicit or generated) that is delayed.'),
          by: duration("Added to the event's arrival.", undefined, 'positive'),
        },
        'a fault',
      ),
      strictEntries(
        {
          kind: v.pipe(
            v.literal('deploy'),
            v.description(
              'Deploy new logic as stream job v2, which replays the log (a kappa run; a lambda run ignores it).',
            ),
          ),
          at: isoTime('When the new job starts replaying.'),
          logic: v.optional(LogicSchema),
        },
        'a fault',
      ),
    ],
    'a fault',
    faultKinds,
  ),
  v.description('Something that goes wrong, chosen by "kind".'),
);

const DAY_PATTERN = /^(?:today|yesterday|\d{4}-\d{2}-\d{2})$/;
const dayMessage = expected('"today", "yesterday" or a date "YYYY-MM-DD"');

export const QuerySchema = v.pipe(
  strict(
    {
      at: isoTime('When the question is asked.'),
      day: v.pipe(
        v.string(dayMessage),
        v.regex(DAY_PATTERN, dayMessage),
        v.check(
          (d) => !/^\d/.test(d) || parseDayKey(d) !== null,
          expected('a real date "YYYY-MM-DD"'),
        ),
        v.description(
          '"today", "yesterday" (relative to "at", in the scenario\'s time zone) or "YYYY-MM-DD".',
        ),
      ),
    },
    'a query',
  ),
  v.description('A question to the serving layer: how many new users on that day?'),
);
