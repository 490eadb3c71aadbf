import type uPlot from 'uplot';

/** Keeps a chart as wide as its host (never under 320 px) at its own height; returns what stops it. */
export function followHostWidth(host: HTMLElement, plot: uPlot, height: number): () => void {
  const resize = new ResizeObserver(() => {
    const w = Math.max(320, host.clientWidth);
    if (w !== plot.width) plot.setSize({ width: w, height });
  });
  resize.observe(host);
  return () => resize.disconnect();
}
