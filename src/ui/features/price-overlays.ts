/** What the shown features/labels add to the price chart: moving averages as series, label events as markers. */
import type uPlot from 'uplot';
import { RUN_COLORS } from '../results/chart-theme';
import type { FeaturesState } from './features.svelte';
import { labelMarkersPlugin } from './label-markers-plugin';

export interface PriceOverlays {
  series: { label: string; values: Float64Array; color: string }[];
  plugins: uPlot.Plugin[];
}

export function priceOverlays(features: FeaturesState, close: Float64Array): PriceOverlays {
  const shown = features.shown;
  const series = (shown?.features ?? [])
    .filter((s) => s.overlay)
    .map((s, i) => ({ label: s.name, values: s.values, color: RUN_COLORS[(i + 1) % RUN_COLORS.length] }));
  const plugins = shown?.labels
    ? [
        labelMarkersPlugin({
          events: shown.labels,
          close,
          onDraw: (n) => (features.markersDrawn = n),
        }),
      ]
    : [];
  return { series, plugins };
}
