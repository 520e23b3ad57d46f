/**
 * d3-zoom on the plot's SVG: wheel, pinch and drag zoom and pan it; `scaleBy`, `panBy` and
 * `reset` do the same for buttons and keys. The transform is handed to the layout (D3 calculates,
 * Svelte draws); d3-zoom never draws. No transitions: a zoom step is immediate (reduced motion).
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import type { ZoomState } from './plot.scales.ts';

export interface ZoomControl {
  scaleBy(k: number): void;
  panBy(dx: number, dy: number): void;
  reset(): void;
  detach(): void;
}

export function attachZoom(
  svg: SVGSVGElement,
  width: number,
  height: number,
  onzoom: (z: ZoomState) => void,
): ZoomControl {
  const behaviour: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([1, 50])
    .extent([
      [0, 0],
      [width, height],
    ])
    .translateExtent([
      [0, 0],
      [width, height],
    ])
    .on('zoom', (event: { transform: ZoomState }) => {
      const { k, x, y } = event.transform;
      onzoom({ k, x, y });
    });
  const selection = select(svg);
  selection.call(behaviour);
  return {
    scaleBy: (k) => behaviour.scaleBy(selection, k),
    panBy: (dx, dy) => behaviour.translateBy(selection, dx / currentK(svg), dy / currentK(svg)),
    reset: () => behaviour.transform(selection, zoomIdentity),
    detach: () => {
      selection.on('.zoom', null);
    },
  };
}

function currentK(svg: SVGSVGElement): number {
  return (svg as unknown as { __zoom?: { k: number } }).__zoom?.k ?? 1;
}
