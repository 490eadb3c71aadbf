/**
 * A uPlot plugin that draws candles (and, optionally, volume bars along the bottom) over a bar-index x scale.
 * The visible bars are aggregated to at most one candle per few pixels (decimate.ts), so the cost of a redraw
 * depends on the chart's width, not on the number of bars. Candles are batched into four paths (up/down
 * wicks and bodies) to keep canvas calls few.
 */
import uPlot from 'uplot';
import { CHART_COLORS } from './chart-theme';
import { decimateOhlc, type OhlcBuckets, type OhlcColumns } from './decimate';

/** Narrowest candle slot, in CSS pixels: a 1 px wick with a body on each side. */
export const MIN_CANDLE_PX = 3;
/** Share of the chart's height that the tallest volume bar takes. */
export const VOLUME_SHARE = 0.18;

export interface CandlesDrawn {
  /** Visible bar range [from, to). */
  from: number;
  to: number;
  buckets: number;
  bucketSize: number;
}

export interface CandlesOptions {
  bars: OhlcColumns;
  showVolume: boolean;
  onDraw?: (drawn: CandlesDrawn) => void;
}

/** Visible whole bars [from, to) of the x scale. */
export function visibleBars(u: uPlot, total: number): [number, number] {
  const min = u.scales.x.min ?? 0;
  const max = u.scales.x.max ?? total - 1;
  return [Math.max(0, Math.ceil(min - 0.5)), Math.min(total, Math.floor(max + 0.5) + 1)];
}

export function candlesPlugin(options: CandlesOptions): uPlot.Plugin {
  const { bars, showVolume } = options;
  const total = bars.close.length;
  let cache: { from: number; to: number; max: number; buckets: OhlcBuckets } | null = null;

  function bucketsFor(from: number, to: number, max: number): OhlcBuckets {
    if (!cache || cache.from !== from || cache.to !== to || cache.max !== max) {
      cache = { from, to, max, buckets: decimateOhlc(bars, from, to, max) };
    }
    return cache.buckets;
  }

  function draw(u: uPlot): void {
    const [from, to] = visibleBars(u, total);
    const dpr = uPlot.pxRatio;
    const { left, top, width, height } = u.bbox;
    const maxBuckets = Math.max(1, Math.floor(width / (MIN_CANDLE_PX * dpr)));
    const b = bucketsFor(from, to, maxBuckets);
    const span = (u.scales.x.max ?? 1) - (u.scales.x.min ?? 0);
    const pxPerBar = span > 0 ? width / span : width;
    const slot = pxPerBar * b.size;
    const bodyWidth = Math.max(1, Math.min(Math.floor(slot * 0.7), Math.round(18 * dpr)));
    const wickWidth = Math.max(1, Math.round(dpr));

    const ctx = u.ctx;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();

    if (showVolume) {
      let maxVolume = 0;
      for (let i = 0; i < b.count; i++) if (b.volume[i] > maxVolume) maxVolume = b.volume[i];
      if (maxVolume > 0) {
        const upVol = new Path2D();
        const downVol = new Path2D();
        const base = top + height;
        for (let i = 0; i < b.count; i++) {
          const x = u.valToPos((b.first[i] + b.last[i]) / 2, 'x', true);
          const h = (b.volume[i] / maxVolume) * height * VOLUME_SHARE;
          (b.close[i] >= b.open[i] ? upVol : downVol).rect(Math.round(x - bodyWidth / 2), base - h, bodyWidth, h);
        }
        ctx.fillStyle = CHART_COLORS.upVolume;
        ctx.fill(upVol);
        ctx.fillStyle = CHART_COLORS.downVolume;
        ctx.fill(downVol);
      }
    }

    const upWicks = new Path2D();
    const downWicks = new Path2D();
    const upBodies = new Path2D();
    const downBodies = new Path2D();
    for (let i = 0; i < b.count; i++) {
      const x = Math.round(u.valToPos((b.first[i] + b.last[i]) / 2, 'x', true));
      const yHigh = u.valToPos(b.high[i], 'y', true);
      const yLow = u.valToPos(b.low[i], 'y', true);
      const yOpen = u.valToPos(b.open[i], 'y', true);
      const yClose = u.valToPos(b.close[i], 'y', true);
      const up = b.close[i] >= b.open[i];
      (up ? upWicks : downWicks).rect(x - Math.floor(wickWidth / 2), Math.round(yHigh), wickWidth, Math.max(1, Math.round(yLow - yHigh)));
      if (bodyWidth > wickWidth) {
        const y = Math.round(Math.min(yOpen, yClose));
        const h = Math.max(1, Math.round(Math.abs(yClose - yOpen)));
        (up ? upBodies : downBodies).rect(x - Math.floor(bodyWidth / 2), y, bodyWidth, h);
      }
    }
    ctx.fillStyle = CHART_COLORS.up;
    ctx.fill(upWicks);
    ctx.fill(upBodies);
    ctx.fillStyle = CHART_COLORS.down;
    ctx.fill(downWicks);
    ctx.fill(downBodies);
    ctx.restore();

    options.onDraw?.({ from, to, buckets: b.count, bucketSize: b.size });
  }

  return { hooks: { draw: [draw] } };
}
