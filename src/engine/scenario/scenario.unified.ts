/**
 * The `unified` section of a scenario file (MODEL.md, "Contract: unified") as valibot schemas:
 * window, aggregate, watermark, allowed lateness, triggers, accumulation, sink, bounded. Every
 * field is optional and every schema carries its own message naming what was expected. A
 * schedule that goes backwards is a cross-field check (`scenario.checks.ts`).
 */
import * as v from 'valibot';
import { parseDuration } from '../time/time.logic.ts';
import {
  describeValue,
  duration,
  expected,
  info,
  isoTime,
  oneOf,
  strict,
  strictEntries,
  strictVariant,
} from './scenario.fields.ts';

const DURATION = /^\d+(?:\.\d+)?(?:ms|s|m|h|d)$/;

/** A duration ≥ 0; a negative one (`"-5m"`) is named as such. */
export function nonNegativeDuration(description: string, defaultValue: string) {
  const message = (issue: v.BaseIssue<unknown>) =>
    typeof issue.input === 'string' && /^-\d/.test(issue.input)
      ? `expected a duration of at least 0 (it cannot be negative), got ${describeValue(issue.input)}`
      : `expected a duration <number><ms|s|m|h|d> such as "0s", "5m" or "2h", got ${describeValue(issue.input)}`;
  return v.pipe(v.string(message), v.regex(DURATION, message), info(description, defaultValue));
}

const windowMessage = expected('"day" or a window size such as "2m" or "1h" (greater than 0)');
const windowField = v.pipe(
  v.string(windowMessage),
  v.check((s) => s === 'day' || (DURATION.test(s) && (parseDuration(s) ?? 0) > 0), windowMessage),
  info(
    '"day": calendar days in the scenario\'s time zone; or a duration: fixed windows [k·size, (k+1)·size) aligned to the Unix epoch.',
    'day',
  ),
);

const triggerKinds = ['per-element', 'processing-time'] as const;

const TriggerSchema = v.nullable(
  strictVariant(
    'kind',
    [
      strictEntries(
        {
          kind: v.pipe(v.literal('per-element'), v.description('A pane after every record.')),
        },
        'a trigger',
      ),
      strictEntries(
        {
          kind: v.pipe(
            v.literal('processing-time'),
            v.description('A pane `delay` after the first record since the last pane.'),
          ),
          delay: duration(
            'How long after the first record since the last pane.',
            undefined,
            'positive',
          ),
          aligned: v.optional(
            v.pipe(
              v.boolean(expected('true or false')),
              info('Fire on whole multiples of `delay` (since the epoch) instead.', false),
            ),
          ),
        },
        'a trigger',
      ),
    ],
    'a trigger, or null',
    triggerKinds,
  ),
);

const pointMessage = expected(
  'a point [processingTime, watermark]: two ISO-8601 times, or "end" as the watermark',
);
const watermarkValue = v.union(
  [
    v.literal('end'),
    isoTime('The watermark: the event time up to which input is believed complete.'),
  ],
  (issue) => `expected an ISO-8601 date-time or "end", got ${describeValue(issue.input)}`,
);
const PointSchema = v.pipe(
  v.custom<unknown>((input) => Array.isArray(input), pointMessage),
  v.strictTuple(
    [isoTime('Processing time at which the watermark jumps.'), watermarkValue],
    pointMessage,
  ),
);

const watermarkKinds = ['heuristic', 'perfect', 'schedule'] as const;

export const WatermarkSchema = v.pipe(
  strictVariant(
    'kind',
    [
      strictEntries(
        {
          kind: v.pipe(
            v.literal('heuristic'),
            v.description(
              'Per log partition: the max event time seen − bound; the pipeline takes the minimum over partitions.',
            ),
          ),
          bound: v.optional(nonNegativeDuration('Subtracted from the max event time seen.', '10m')),
          idleAfter: v.optional(
            duration(
              'A partition with no arrival for this long stops holding the watermark back until its next record. Default: never.',
              undefined,
              'positive',
            ),
          ),
        },
        'a watermark',
      ),
      strictEntries(
        {
          kind: v.pipe(
            v.literal('perfect'),
            v.description(
              'The earliest event time of any record not yet arrived, never past the processing time.',
            ),
          ),
        },
        'a watermark',
      ),
      strictEntries(
        {
          kind: v.pipe(
            v.literal('schedule'),
            v.description('The watermark jumps to given values at given processing times.'),
          ),
          points: v.pipe(
            v.array(PointSchema, expected('an array of points [processingTime, watermark]')),
            v.description(
              'Points [processingTime, watermark] in time order; the watermark "end" means all input seen.',
            ),
          ),
        },
        'a watermark',
      ),
    ],
    'a watermark',
    watermarkKinds,
  ),
  v.description('How far event time is believed complete. Default: heuristic, bound "10m".'),
);

export const UnifiedSchema = v.pipe(
  strict(
    {
      window: v.optional(windowField),
      aggregate: v.optional(
        oneOf(
          ['distinct-users', 'count', 'sum'],
          '"distinct-users": new users whose earliest event falls in the window; "count": records; "sum": of each event\'s "value". Default: "distinct-users".',
        ),
      ),
      watermark: v.optional(WatermarkSchema),
      allowedLateness: v.optional(
        nonNegativeDuration(
          "How long after the watermark passes a window's end late records still update it; after that they are dropped.",
          '0s',
        ),
      ),
      triggers: v.optional(
        strict(
          {
            early: v.optional(TriggerSchema),
            onTime: v.optional(
              v.pipe(
                v.boolean(expected('true or false')),
                info("A pane when the watermark passes the window's end, even if empty.", true),
              ),
            ),
            late: v.optional(TriggerSchema),
          },
          'the triggers',
        ),
      ),
      accumulation: v.optional(
        oneOf(
          ['discarding', 'accumulating', 'retracting'],
          'What each pane carries: what arrived since the last pane, everything so far, or everything so far plus a retraction of the previous pane. Default: "discarding".',
        ),
      ),
      sink: v.optional(
        oneOf(
          ['correct', 'add-all'],
          '"correct" combines panes as their mode requires; "add-all" adds every pane (double counts accumulating panes). Default: "correct".',
        ),
      ),
      bounded: v.optional(
        v.pipe(
          v.boolean(expected('true or false')),
          info(
            'The input is complete at the scenario\'s end: every watermark then reaches "end".',
            false,
          ),
        ),
      ),
      checkpointEvery: v.optional(
        duration(
          "Extension: time between periodic checkpoints of the pipeline's state.",
          '1m',
          'positive',
        ),
      ),
    },
    'the unified settings',
  ),
  v.description(
    'Unified (Dataflow-style): windows, watermark, triggers, accumulation and sink of the one pipeline.',
  ),
);
