/**
 * What is wrong with the unified plot's labels on the page: two text boxes that overlap where they
 * show, a pane drawn without its mark, or without its value both beside it and in the results
 * table; with `whole`, any mark without its label and a watermark without its tag.
 */
import type { Page } from '@playwright/test';

export const plot = (page: Page) =>
  page.getByRole('img', { name: /^Event time across, processing time up/ });

/**
 * Pairs of the plot's text boxes that overlap, and panes shown without their value; with `whole`,
 * any mark (pane or record) without its label, and a watermark without its tag.
 */
export async function labelProblems(page: Page, whole: boolean): Promise<string[]> {
  return plot(page).evaluate((svg, whole) => {
    const out: string[] = [];
    const clip = svg.querySelector('clipPath rect') as SVGRectElement | null;
    const area = clip?.getBBox();
    const boxes: { text: string; x1: number; y1: number; x2: number; y2: number }[] = [];
    for (const t of Array.from(svg.querySelectorAll('text'))) {
      const text = t.textContent?.trim();
      if (!text || getComputedStyle(t).display === 'none') continue;
      const b = t.getBBox();
      if (b.width === 0) continue;
      let box = { text, x1: b.x, y1: b.y, x2: b.x + b.width, y2: b.y + b.height };
      // Text in the clipped marks shows only inside the clip's rectangle.
      if (area && t.closest('g[clip-path]')) {
        box = {
          text,
          x1: Math.max(box.x1, area.x),
          y1: Math.max(box.y1, area.y),
          x2: Math.min(box.x2, area.x + area.width),
          y2: Math.min(box.y2, area.y + area.height),
        };
        if (box.x2 - box.x1 < 1 || box.y2 - box.y1 < 1) continue;
      }
      boxes.push(box);
    }
    const slack = 0.5;
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        if (
          a.x1 < b.x2 - slack &&
          b.x1 < a.x2 - slack &&
          a.y1 < b.y2 - slack &&
          b.y1 < a.y2 - slack
        )
          out.push(`"${a.text}" and "${b.text}" overlap`);
      }
    // A pane drawn without its value: its mark stays, and its value is in its window's row of
    // the results table.
    for (const pane of Array.from(svg.querySelectorAll('[data-pane]'))) {
      const key = pane.getAttribute('data-pane')!;
      if (pane.querySelector('path') === null) out.push(`pane ${key} has no mark`);
      if (pane.querySelector('text')) continue;
      const value = pane.getAttribute('data-value');
      const row = document.querySelector(
        `table[aria-label="Results at the sink"] tr[data-window="${key.split(':')[0]}"]`,
      );
      const chips = Array.from(row?.querySelectorAll('.chip') ?? [], (c) => c.textContent ?? '');
      if (!chips.some((c) => new RegExp(`(^|[^0-9])${value}([^0-9]|$)`).test(c)))
        out.push(`pane ${key}'s value ${value} is neither beside it nor in the table`);
    }
    // On a projector nothing is left out: every pane's value, every record's, and the tag.
    if (whole) {
      for (const mark of Array.from(svg.querySelectorAll('[data-pane], [data-record]')))
        if (!mark.querySelector('text'))
          out.push(
            `${mark.getAttribute('data-pane') ?? mark.getAttribute('data-record')} has no label`,
          );
      // The tag is due when the watermark's head is in sight (not past the plot at +∞).
      const d = svg.querySelector('path.watermark')?.getAttribute('d') ?? '';
      const [x, y] = (d.match(/-?[\d.]+(?:e-?\d+)?/g) ?? []).slice(-2).map(Number);
      const inSight =
        area && x >= area.x && x <= area.x + area.width && y >= area.y && y <= area.y + area.height;
      if (inSight && !svg.querySelector('text.tag')) out.push('the watermark has no tag');
    }
    return out;
  }, whole);
}
