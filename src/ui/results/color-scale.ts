/**
 * Color scales for heatmaps. A sequential scale (viridis-like: dark violet → teal → yellow, readable on a dark
 * background and in grey scale) for "more is more" values such as a sweep metric; a diverging scale around zero
 * (red for losses, green for gains, the panel's slate at zero) for returns. Undefined values get no color.
 */

export type Rgb = readonly [number, number, number];

export const SEQUENTIAL_STOPS: readonly Rgb[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

export const NEGATIVE: Rgb = [220, 38, 38];
export const NEUTRAL: Rgb = [30, 41, 59];
export const POSITIVE: Rgb = [22, 163, 74];

export function rgbCss(c: Rgb): string {
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t)];
}

/** The color at position t ∈ [0, 1] along evenly spaced stops (t is clamped). */
export function colorAt(stops: readonly Rgb[], t: number): Rgb {
  const c = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(c));
  return mix(stops[i], stops[i + 1], c - i);
}

export type ColorScale = (value: number | null) => string | null;

/** min → first stop, max → last stop; a degenerate domain (min = max) maps to the middle. */
export function sequentialScale(min: number, max: number, stops: readonly Rgb[] = SEQUENTIAL_STOPS): ColorScale {
  const span = max - min;
  return (value) => {
    if (value === null || !Number.isFinite(value)) return null;
    const t = span > 0 ? (value - min) / span : 0.5;
    return rgbCss(colorAt(stops, t));
  };
}

/** 0 → neutral, ±maxAbs (and beyond) → full red / green, linear in between. */
export function divergingScale(maxAbs: number, negative: Rgb = NEGATIVE, neutral: Rgb = NEUTRAL, positive: Rgb = POSITIVE): ColorScale {
  return (value) => {
    if (value === null || !Number.isFinite(value)) return null;
    if (!(maxAbs > 0) || value === 0) return rgbCss(neutral);
    const t = Math.min(1, Math.abs(value) / maxAbs);
    return rgbCss(mix(neutral, value < 0 ? negative : positive, t));
  };
}

/** The two inks a colored cell's text can take (theme.css: --ink-on-light, --ink-on-dark): black and white. */
export const INK_ON_LIGHT = 'var(--ink-on-light)';
export const INK_ON_DARK = 'var(--ink-on-dark)';

/** WCAG 2 relative luminance of an sRGB color. */
export function relativeLuminance(c: Rgb): number {
  const lin = (v: number) => {
    const x = v / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
}

/** WCAG 2 contrast ratio of the text a cell gets (black or white) on `c`. */
export function inkContrast(c: Rgb): number {
  const l = relativeLuminance(c);
  return Math.max((l + 0.05) / 0.05, 1.05 / (l + 0.05));
}

/**
 * Black or white text, whichever has the higher WCAG contrast on a background given as `rgb(r, g, b)`: on any
 * color one of the two reaches at least 4.58:1, so cell text always meets WCAG AA.
 */
export function textOn(background: string | null): string {
  const m = background ? /rgb\((\d+), (\d+), (\d+)\)/.exec(background) : null;
  if (!m) return 'inherit';
  const l = relativeLuminance([Number(m[1]), Number(m[2]), Number(m[3])]);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? INK_ON_LIGHT : INK_ON_DARK;
}

/** Largest magnitude among finite values (0 when there is none): the domain of a diverging scale. */
export function maxAbsOf(values: Iterable<number | null>): number {
  let m = 0;
  for (const v of values) if (v !== null && Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  return m;
}

/** Smallest and largest finite values, or null when there is none. */
export function extentOf(values: Iterable<number | null>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}
