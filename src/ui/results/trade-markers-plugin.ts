/**
 * A uPlot plugin that marks trades on a bar-index chart: ▲ (green) where a long opens, ▼ (red) where a short
 * opens, ✕ where a trade closes, each at its fill price. Hovering a marker shows the trade in a tooltip inside
 * the plot (uPlot's cursor gives the position); one highlighted trade gets a band from entry to exit.
 */
import uPlot from 'uplot';
import { CHART_COLORS } from './chart-theme';
import { barTimeText } from './bar-axis';
import { isLong, type ChartTrade } from './chart-trade';
import { formatMoney, formatPercent } from './format';
import { visibleBars } from './candles-plugin';

export type MarkerKind = 'long-entry' | 'short-entry' | 'exit';

interface PlacedMarker {
  kind: MarkerKind;
  trade: number;
  /** CSS pixels within the plot area. */
  x: number;
  y: number;
}

export interface TradeMarkersOptions {
  trades: readonly ChartTrade[];
  bars: number;
  /** Index of the trade to shade from entry to exit, read at each redraw (-1 for none). */
  highlighted: () => number;
  formatPrice: (price: number) => string;
  onDraw?: (markers: number) => void;
}

/** Half the size of a marker glyph, in CSS pixels. */
const R = 5;
/** Smallest half-size, when markers crowd. */
const MIN_R = 2.5;
/** How close (CSS pixels) the cursor must be to a marker for its tooltip. */
const HOVER_PX = 9;

export function markerText(trade: ChartTrade, index: number, kind: MarkerKind, price: (x: number) => string): string {
  const side = isLong(trade) ? 'Long' : 'Short';
  if (kind === 'exit') {
    return `#${index + 1} ${side} exit · ${barTimeText(trade.exitTime)}\n@ ${price(trade.exitPrice)} · PnL ${formatMoney(trade.pnl)} (${formatPercent(trade.returnPct * 100)})`;
  }
  return `#${index + 1} ${side} entry · ${barTimeText(trade.entryTime)}\n@ ${price(trade.entryPrice)} · size ${Math.abs(trade.size).toLocaleString('en-US')}`;
}

export function tradeMarkersPlugin(options: TradeMarkersOptions): uPlot.Plugin {
  const { trades } = options;
  let placed: PlacedMarker[] = [];
  let tip: HTMLDivElement | null = null;

  function triangle(path: Path2D, x: number, y: number, r: number, up: boolean): void {
    // The tip sits on the fill price; the triangle hangs below it (long) or above it (short).
    const d = up ? 1 : -1;
    path.moveTo(x, y);
    path.lineTo(x + r, y + d * r * 1.8);
    path.lineTo(x - r, y + d * r * 1.8);
    path.closePath();
  }

  function draw(u: uPlot): void {
    const [from, to] = visibleBars(u, options.bars);
    const dpr = uPlot.pxRatio;
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();

    const h = options.highlighted();
    if (h >= 0 && h < trades.length) {
      const t = trades[h];
      const x0 = u.valToPos(t.entryBar - 0.5, 'x', true);
      const x1 = u.valToPos(t.exitBar + 0.5, 'x', true);
      ctx.fillStyle = CHART_COLORS.highlight;
      ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
    }

    const longs = new Path2D();
    const shorts = new Path2D();
    const exits = new Path2D();
    // Dense markers shrink (down to a dot-sized glyph) so that thousands of trades do not paint the chart over.
    let visible = 0;
    for (const t of trades) visible += (t.entryBar >= from && t.entryBar < to ? 1 : 0) + (t.exitBar >= from && t.exitBar < to ? 1 : 0);
    const room = width / dpr / Math.max(1, visible);
    const r = Math.min(R, Math.max(MIN_R, room * 1.2)) * dpr;
    const dense = room < 4;
    placed = [];
    for (let k = 0; k < trades.length; k++) {
      const t = trades[k];
      if (t.entryBar >= from && t.entryBar < to) {
        const x = u.valToPos(t.entryBar, 'x', true);
        const y = u.valToPos(t.entryPrice, 'y', true);
        const long = isLong(t);
        triangle(long ? longs : shorts, x, y, r, long);
        placed.push({ kind: long ? 'long-entry' : 'short-entry', trade: k, x: (x - left) / dpr, y: (y - top) / dpr });
      }
      if (t.exitBar >= from && t.exitBar < to) {
        const x = u.valToPos(t.exitBar, 'x', true);
        const y = u.valToPos(t.exitPrice, 'y', true);
        exits.moveTo(x - r * 0.8, y - r * 0.8);
        exits.lineTo(x + r * 0.8, y + r * 0.8);
        exits.moveTo(x + r * 0.8, y - r * 0.8);
        exits.lineTo(x - r * 0.8, y + r * 0.8);
        placed.push({ kind: 'exit', trade: k, x: (x - left) / dpr, y: (y - top) / dpr });
      }
    }
    ctx.lineJoin = 'round';
    if (dense) ctx.globalAlpha = 0.7;
    ctx.lineWidth = (dense ? 1 : 1.5) * dpr;
    ctx.strokeStyle = CHART_COLORS.outline;
    ctx.stroke(longs);
    ctx.stroke(shorts);
    ctx.fillStyle = CHART_COLORS.up;
    ctx.fill(longs);
    ctx.fillStyle = CHART_COLORS.down;
    ctx.fill(shorts);
    ctx.lineCap = 'round';
    ctx.lineWidth = (dense ? 2.5 : 3.5) * dpr;
    ctx.stroke(exits);
    ctx.lineWidth = (dense ? 1.1 : 1.6) * dpr;
    ctx.strokeStyle = CHART_COLORS.exit;
    ctx.stroke(exits);
    ctx.restore();
    options.onDraw?.(placed.length);
  }

  function init(u: uPlot): void {
    tip = document.createElement('div');
    tip.className = 'trade-tip';
    tip.setAttribute('role', 'tooltip');
    tip.style.display = 'none';
    u.over.appendChild(tip);
  }

  function setCursor(u: uPlot): void {
    if (!tip) return;
    const { left, top } = u.cursor;
    let best: PlacedMarker | null = null;
    let bestDistance = HOVER_PX;
    if (left !== undefined && top !== undefined && left >= 0) {
      for (const m of placed) {
        const d = Math.hypot(m.x - left, m.y - top);
        if (d <= bestDistance) {
          best = m;
          bestDistance = d;
        }
      }
    }
    if (!best) {
      tip.style.display = 'none';
      return;
    }
    // A reversal exits one trade and enters the next on the same bar at the same price: show every marker there.
    const anchor = best;
    const here = placed.filter((m) => Math.hypot(m.x - anchor.x, m.y - anchor.y) <= 2);
    tip.textContent = here.map((m) => markerText(trades[m.trade], m.trade, m.kind, options.formatPrice)).join('\n');
    tip.dataset.kind = here.length > 1 ? 'several' : best.kind;
    tip.style.display = 'block';
    // Keep the tooltip inside the plot: flip to the left of the marker near the right edge.
    const overWidth = u.over.clientWidth;
    const flip = best.x > overWidth - 240;
    tip.style.left = flip ? '' : `${best.x + 12}px`;
    tip.style.right = flip ? `${overWidth - best.x + 12}px` : '';
    tip.style.top = `${Math.max(0, best.y - 18)}px`;
  }

  return { hooks: { init: [init], draw: [draw], setCursor: [setCursor] } };
}
