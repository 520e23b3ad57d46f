/**
 * Watching an element's content width for a picture that lays itself out for it. The first width
 * is read at once, when the element is attached (before the first paint): a ResizeObserver only
 * reports at the next rendering step, and until then the picture was drawn for a default width
 * (the unified plot for 900 px in a 910-px column: a lesson step drawn right after its picture
 * mounted could be read, or seen, at the wrong width for a frame). Where there is no
 * ResizeObserver (jsdom in unit tests) nothing is measured and the default stays.
 */
export function watchContentWidth(
  element: HTMLElement,
  onwidth: (width: number) => void,
): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  // The observer's `contentRect` width (the pictures' boxes have no padding or border).
  const now = parseFloat(getComputedStyle(element).width);
  if (now > 0) onwidth(now);
  const observer = new ResizeObserver(([entry]) => onwidth(entry.contentRect.width));
  observer.observe(element);
  return () => observer.disconnect();
}
