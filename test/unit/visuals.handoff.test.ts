import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import DayCountBars from '../../src/visuals/pipeline/DayCountBars.svelte';

const rect = { x: 0, y: 0, width: 300, height: 80 };

describe('the hand-off fade in day bars', () => {
  it('draws the part about to be dropped separately, fading with the step progress', () => {
    const { container } = render(DayCountBars, {
      props: {
        rect,
        days: ['2026-11-23', '2026-11-24'],
        counts: { '2026-11-23': 4, '2026-11-24': 2 },
        colour: '#09c',
        caption: 'Real-time (speed) view',
        leaving: { '2026-11-23': 3 },
        fade: 0.25,
        countWidth: (n: number) => n * 10,
        countTicks: [0, 1, 2],
      },
    });
    const leaving = container.querySelectorAll('rect[data-leaving]');
    expect(leaving).toHaveLength(1);
    expect(leaving[0].getAttribute('data-leaving')).toBe('3');
    expect(Number(leaving[0].getAttribute('fill-opacity'))).toBeCloseTo(0.75);
    // The numbers shown stay the real current counts.
    expect(container.textContent).toContain('4');
    expect(container.textContent).toContain('2');
  });

  it('draws nothing extra when nothing is leaving', () => {
    const { container } = render(DayCountBars, {
      props: {
        rect,
        days: ['2026-11-23'],
        counts: { '2026-11-23': 4 },
        colour: '#09c',
        caption: 'x',
        countWidth: (n: number) => n * 10,
        countTicks: [0, 1, 2],
      },
    });
    expect(container.querySelectorAll('rect[data-leaving]')).toHaveLength(0);
  });
});
