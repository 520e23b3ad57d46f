/**
 * A 390 × 844 phone at browser zoom (issue 7: "browser zoom makes the picture larger, never
 * smaller, up to 200 %", tap targets of at least 24 × 24 px). Browser zoom is emulated as the
 * browser does it: at zoom z, Chromium lays the page out in a viewport of 390/z × 844/z CSS px
 * (media queries see that width) and paints it z device pixels per CSS px. A context with that
 * viewport and `deviceScaleFactor: z` is the same layout and the same pixels on screen; CSS `zoom`
 * on the page would not be (media queries would still see 390 px).
 */
import { expect, test } from '@playwright/test';
import { SCREENS, button, counter } from './support/pipeline-page.ts';

const PHONE = { width: 390, height: 844 };
const ZOOMS = [1, 1.25, 1.5, 2] as const;

for (const zoom of ZOOMS) {
  test.describe(`a 390 px phone at ${zoom * 100} % zoom`, () => {
    test.use({
      viewport: {
        width: Math.round(PHONE.width / zoom),
        height: Math.round(PHONE.height / zoom),
      },
      deviceScaleFactor: zoom,
    });

    test('the sticky step buttons show every label whole and are at least 24 × 24 px', async ({
      page,
    }) => {
      await page.goto('/#/sandbox?s=01-yesterday-vs-today&step=5');
      await expect(counter(page)).toHaveText(/^Step 5 of/);
      const bar = page.getByRole('group', { name: 'Playback' });
      const problems = await bar.evaluate((group) => {
        const found: string[] = [];
        const screen = { width: innerWidth, height: innerHeight };
        for (const b of Array.from(group.querySelectorAll('button'))) {
          const name = b.textContent?.trim().replace(/\s+/g, ' ') ?? '';
          const box = b.getBoundingClientRect();
          if (b.scrollWidth > b.clientWidth || b.scrollHeight > b.clientHeight)
            found.push(`"${name}" clips its label (${b.scrollWidth} > ${b.clientWidth})`);
          // Every visible part of the label lies inside the button.
          for (const part of Array.from(b.querySelectorAll('span'))) {
            const r = part.getBoundingClientRect();
            if (r.width <= 1 || getComputedStyle(part).display === 'none') continue;
            if (r.left < box.left - 0.5 || r.right > box.right + 0.5)
              found.push(`"${name}": "${part.textContent}" leaves the button`);
          }
          if (box.width < 24 || box.height < 24)
            found.push(`"${name}" is ${Math.round(box.width)}×${Math.round(box.height)}`);
          if (box.left < 0 || box.right > screen.width || box.bottom > screen.height)
            found.push(`"${name}" is off the screen`);
        }
        return found;
      });
      expect(problems).toEqual([]);
      // Still the same five controls, by their full names (the short labels are visual only).
      for (const name of ['Restart', 'Previous step', 'Play', 'Next step', 'Go to end'])
        await expect(button(page, name)).toBeVisible();
      await button(page, 'Next step').click();
      await expect(counter(page)).toHaveText(/^Step 6 of/);
      await page.screenshot({ path: `${SCREENS}/zoom-phone-${zoom * 100}.png` });
    });
  });
}
