/**
 * Measures the plot's label text as the browser will set it (a canvas in the font the plot's SVG
 * inherits), for `placeLabels`; where there is no canvas (a test's DOM), a generous estimate.
 */
import { estimateWidth, FONT_PX, type Measure } from './plot.labels.ts';

export function measureIn(element: Element | undefined): Measure {
  const context =
    element && typeof OffscreenCanvas !== 'undefined'
      ? new OffscreenCanvas(1, 1).getContext('2d')
      : null;
  if (!element || !context) return estimateWidth;
  const family = getComputedStyle(element).fontFamily || 'sans-serif';
  const widths = new Map<string, number>();
  return (text, style) => {
    const key = `${style}:${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      const weight = style === 'value' ? '700 ' : '';
      const slant = style === 'tag' ? 'italic ' : '';
      context.font = `${slant}${weight}${FONT_PX}px ${family}`;
      width = Math.ceil(context.measureText(text).width) + 1;
      widths.set(key, width);
    }
    return width;
  };
}
