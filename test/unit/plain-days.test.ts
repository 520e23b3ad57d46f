/**
 * Days and times a learner reads, in plain words as the picture writes them ("Mon 23 Nov"):
 * a lesson's highlight, and the unified pipeline's watermark and windows in the state summary
 * and the table view.
 */
import { describe, expect, it } from 'vitest';
import { highlightWords } from '../../src/lessons/player/highlight.logic.ts';
import { markText, windowLabel } from '../../src/visuals/unified-tables.select.ts';

const at = (iso: string) => Date.parse(iso);

describe('plain days and times', () => {
  it('a day highlight names its day as the picture does', () => {
    expect(highlightWords({ kind: 'day', day: 'today' }, null, () => '2026-11-23')).toBe(
      'the numbers for today (Mon 23 Nov)',
    );
    expect(highlightWords({ kind: 'day', day: '2026-11-23' }, null, (d) => d)).toBe(
      'the numbers for Mon 23 Nov',
    );
  });

  it('a watermark and a window read in plain words, seconds kept when there are any', () => {
    expect(markText(at('2026-01-10T12:08:00Z'), 'UTC')).toBe('Sat 10 Jan, 12:08 UTC');
    expect(markText(at('2026-01-10T12:08:30Z'), 'UTC')).toBe('Sat 10 Jan, 12:08:30 UTC');
    expect(markText(-Infinity, 'UTC')).toBe('none yet');
    expect(windowLabel(at('2026-01-10T12:00:00Z'), at('2026-01-10T12:02:00Z'), 'UTC')).toBe(
      'Sat 10 Jan, 12:00–12:02',
    );
    expect(windowLabel(at('2026-01-10T00:00:00Z'), at('2026-01-11T00:00:00Z'), 'UTC')).toBe(
      'Sat 10 Jan, 00:00 UTC – Sun 11 Jan, 00:00 UTC',
    );
  });
});
