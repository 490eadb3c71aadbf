/**
 * A uPlot plugin that draws triple-barrier events over a time-axis price chart: a dot at each event start t0 (at
 * its close) coloured by label (+1 green, −1 red, 0 grey), a line from there to the first touch or vertical barrier
 * t1 (at its close), ended by a tick. Only the events in the visible range are drawn; `onDraw` reports how many.
 */
import type uPlot from 'uplot';
import { CHART_COLORS } from '../results/chart-theme';
import type { LabelRow } from './derived-rows';

export const LABEL_COLORS = { 1: CHART_COLORS.up, [-1]: CHART_COLORS.down, 0: '#94a3b8' } as const;

export interface LabelMarkersOptions {
  events: readonly LabelRow[];
  close: ArrayLike<number>;
  onDraw?: (drawn: number) => void;
}

export function labelMarkersPlugin(options: LabelMarkersOptions): uPlot.Plugin {
  function draw(u: uPlot): void {
    const { ctx } = u;
    const { left, top, width, height } = u.bbox;
    // uPlot draws in device pixels (its pxRatio); read it here so this file does not load uPlot with the page.
    const dpr = globalThis.devicePixelRatio || 1;
    const xMin = u.scales.x.min ?? -Infinity;
    const xMax = u.scales.x.max ?? Infinity;
    const r = 3.5 * dpr;
    let drawn = 0;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    ctx.lineWidth = 1.5 * dpr;
    for (const e of options.events) {
      const s0 = e.t0Time / 1000;
      const s1 = e.t1Time / 1000;
      if (s1 < xMin || s0 > xMax) continue;
      const x0 = u.valToPos(s0, 'x', true);
      const x1 = u.valToPos(s1, 'x', true);
      const y0 = u.valToPos(options.close[e.t0], 'y', true);
      const y1 = u.valToPos(options.close[e.t1], 'y', true);
      const color = LABEL_COLORS[e.label];
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.moveTo(x1, y1 - r);
      ctx.lineTo(x1, y1 + r);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(x0, y0, r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.strokeStyle = CHART_COLORS.outline;
      ctx.lineWidth = 1 * dpr;
      ctx.stroke();
      ctx.lineWidth = 1.5 * dpr;
      drawn++;
    }
    ctx.restore();
    options.onDraw?.(drawn);
  }
  return { hooks: { draw } };
}
