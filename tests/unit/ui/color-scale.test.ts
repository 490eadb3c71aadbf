import { describe, expect, it } from 'vitest';
import {
  colorAt,
  divergingScale,
  extentOf,
  maxAbsOf,
  mix,
  NEGATIVE,
  NEUTRAL,
  POSITIVE,
  rgbCss,
  SEQUENTIAL_STOPS,
  sequentialScale,
  textOn,
  INK_ON_DARK,
  INK_ON_LIGHT,
  inkContrast,
  relativeLuminance,
} from '../../../src/ui/results/color-scale';

describe('sequentialScale', () => {
  const scale = sequentialScale(-1, 3);

  it('maps the domain ends to the first and last stops', () => {
    expect(scale(-1)).toBe(rgbCss(SEQUENTIAL_STOPS[0]));
    expect(scale(3)).toBe(rgbCss(SEQUENTIAL_STOPS[SEQUENTIAL_STOPS.length - 1]));
  });

  it('maps the midpoint to the middle stop', () => {
    expect(scale(1)).toBe(rgbCss(SEQUENTIAL_STOPS[2]));
  });

  it('clamps values outside the domain', () => {
    expect(scale(-100)).toBe(scale(-1));
    expect(scale(100)).toBe(scale(3));
  });

  it('gives no color to NaN, infinities and null', () => {
    expect(scale(Number.NaN)).toBeNull();
    expect(scale(Infinity)).toBeNull();
    expect(scale(null)).toBeNull();
  });

  it('maps a degenerate domain to the middle', () => {
    expect(sequentialScale(2, 2)(2)).toBe(rgbCss(SEQUENTIAL_STOPS[2]));
  });

  it('interpolates between stops', () => {
    expect(
      colorAt(
        [
          [0, 0, 0],
          [100, 200, 50],
        ],
        0.5,
      ),
    ).toEqual([50, 100, 25]);
    expect(mix([0, 0, 0], [10, 10, 10], 0.25)).toEqual([3, 3, 3]);
  });
});

describe('divergingScale', () => {
  const scale = divergingScale(10);

  it('is neutral at zero and saturated at ±maxAbs', () => {
    expect(scale(0)).toBe(rgbCss(NEUTRAL));
    expect(scale(10)).toBe(rgbCss(POSITIVE));
    expect(scale(-10)).toBe(rgbCss(NEGATIVE));
    expect(scale(-25)).toBe(rgbCss(NEGATIVE));
  });

  it('is halfway at half the magnitude', () => {
    expect(scale(5)).toBe(rgbCss(mix(NEUTRAL, POSITIVE, 0.5)));
    expect(scale(-5)).toBe(rgbCss(mix(NEUTRAL, NEGATIVE, 0.5)));
  });

  it('gives no color to NaN, and neutral everywhere with an empty domain', () => {
    expect(scale(Number.NaN)).toBeNull();
    expect(divergingScale(0)(3)).toBe(rgbCss(NEUTRAL));
  });
});

describe('helpers', () => {
  it('picks dark text on bright colors and light text on dark ones', () => {
    expect(textOn(rgbCss(SEQUENTIAL_STOPS[4]))).toBe(INK_ON_LIGHT);
    expect(textOn(rgbCss(SEQUENTIAL_STOPS[0]))).toBe(INK_ON_DARK);
    expect(textOn(null)).toBe('inherit');
    // WCAG AA (4.5:1) for cell text on every color of both scales: black or white, whichever contrasts more.
    // WCAG 2 formula by hand: rgb(33, 145, 140) has luminance 0.2247 → black 5.49:1, white 3.74:1.
    expect(relativeLuminance([255, 255, 255])).toBe(1);
    expect(relativeLuminance([33, 145, 140])).toBeCloseTo(0.22468, 5);
    expect(inkContrast([33, 145, 140])).toBeCloseTo(5.4935, 4);
    expect(textOn('rgb(33, 145, 140)')).toBe(INK_ON_LIGHT);
    const seq = sequentialScale(0, 1000);
    const div = divergingScale(1000);
    for (let k = -1000; k <= 1000; k++) {
      for (const css of [seq(Math.abs(k)), div(k)]) {
        const [r, g, b] = /rgb\((\d+), (\d+), (\d+)\)/.exec(css!)!.slice(1).map(Number);
        expect(inkContrast([r, g, b])).toBeGreaterThanOrEqual(4.5);
        const l = relativeLuminance([r, g, b]);
        const chosen = textOn(css) === INK_ON_LIGHT ? (l + 0.05) / 0.05 : 1.05 / (l + 0.05);
        expect(chosen).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('finds the extent and largest magnitude of finite values', () => {
    expect(extentOf([3, null, -2, Number.NaN, 7])).toEqual([-2, 7]);
    expect(extentOf([null, Number.NaN])).toBeNull();
    expect(maxAbsOf([3, -9, null, Infinity])).toBe(9);
    expect(maxAbsOf([])).toBe(0);
  });
});

describe('axisLabels', () => {
  it('one unit and one precision for all ticks', async () => {
    const { axisLabels } = await import('../../../src/ui/results/chart-theme');
    expect(axisLabels([5_000, 7_500, 10_000, 12_500], '$')).toEqual(['$5.0k', '$7.5k', '$10.0k', '$12.5k']);
    expect(axisLabels([0, 20, 40])).toEqual(['0', '20', '40']);
    expect(axisLabels([-50, -25, 0], '', ' %')).toEqual(['\u221250 %', '\u221225 %', '0 %']);
    expect(axisLabels([1.05, 1.1, 1.15])).toEqual(['1.05', '1.10', '1.15']);
  });
});
