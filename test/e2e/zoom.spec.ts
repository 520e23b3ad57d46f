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

    test('the page never scrolls sideways, and no table is cut off (it scrolls in its own box)', async ({
      page,
    }) => {
      const problems: string[] = [];
      for (const file of ['13-kappa-deploy-and-replay', '17-generated-two-and-a-half-days']) {
        await page.goto(`/#/sandbox?s=${file}&step=0`);
        await expect(counter(page)).toHaveText(/^Step 0 of/);
        await button(page, 'Go to end').click();
        await expect(counter(page)).toHaveText(/^Step (\d+) of \1$/);
        problems.push(
          ...(
            await page.evaluate(() => {
              const found: string[] = [];
              const root = document.documentElement;
              if (root.scrollWidth > root.clientWidth)
                found.push(
                  `the page scrolls sideways by ${root.scrollWidth - root.clientWidth} px`,
                );
              for (const table of Array.from(document.querySelectorAll('table'))) {
                const box = table.getBoundingClientRect();
                if (box.width === 0) continue;
                // The nearest box that clips it must let it scroll sideways.
                let clip = table.parentElement;
                while (clip && getComputedStyle(clip).overflowX === 'visible') {
                  const style = getComputedStyle(clip);
                  if (style.contentVisibility === 'auto' || style.contain.includes('paint')) break;
                  clip = clip.parentElement;
                }
                const scrolls =
                  clip && ['auto', 'scroll'].includes(getComputedStyle(clip).overflowX);
                const edge = clip ? clip.getBoundingClientRect().right : root.clientWidth;
                if (box.right > edge + 0.5 && !scrolls)
                  found.push(`table "${table.caption?.textContent ?? ''}" is cut off`);
              }
              return found;
            })
          ).map((p) => `${file}: ${p}`),
        );
      }
      expect(problems).toEqual([]);
      await page.screenshot({
        path: `${SCREENS}/zoom-phone-${zoom * 100}-end.png`,
        fullPage: true,
      });
    });
  });
}
