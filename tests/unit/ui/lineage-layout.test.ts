import { describe, expect, it } from 'vitest';
import { lineageLayout, NODE_WIDTH, type LineageRecord } from '../../../src/ui/artifacts/lineage-layout';

const r = (id: string, inputs: string[] = [], kind = 'results'): LineageRecord => ({ id, kind, instruments: [], inputs });

describe('lineageLayout', () => {
  // a → b → d, c → d, b → e; f is unrelated.
  const records = [r('a', [], 'ohlcv'), r('b', ['a']), r('c', [], 'ohlcv'), r('d', ['b', 'c']), r('e', ['b']), r('f')];

  it('puts ancestors left and descendants right of the focus, one column per hop', () => {
    const layout = lineageLayout(records, 'b');
    const depth = Object.fromEntries(layout.nodes.map((n) => [n.id, n.depth]));
    expect(depth).toEqual({ a: -1, b: 0, d: 1, e: 1 });
    const x = Object.fromEntries(layout.nodes.map((n) => [n.id, n.x]));
    expect(x.a).toBeLessThan(x.b);
    expect(x.b).toBeLessThan(x.d);
    expect(x.d).toBe(x.e);
    expect(layout.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['a>b', 'b>d', 'b>e']);
    expect(layout.width).toBeGreaterThanOrEqual(3 * NODE_WIDTH);
  });

  it('follows the graph to the end in both directions', () => {
    const depth = Object.fromEntries(lineageLayout(records, 'd').nodes.map((n) => [n.id, n.depth]));
    expect(depth).toEqual({ a: -2, b: -1, c: -1, d: 0 });
  });

  it('an artifact without lineage is a single box; an unknown id draws nothing', () => {
    expect(lineageLayout(records, 'f').nodes.map((n) => n.id)).toEqual(['f']);
    expect(lineageLayout(records, 'zzz').nodes).toEqual([]);
  });

  it('caps a crowded column and says how many are left out', () => {
    const many = [r('root', [], 'ohlcv'), ...Array.from({ length: 12 }, (_, i) => r(`x${String(i).padStart(2, '0')}`, ['root']))];
    const layout = lineageLayout(many, 'root', 8);
    expect(layout.nodes.filter((n) => n.depth === 1)).toHaveLength(8);
    expect(layout.hidden.get(1)).toBe(4);
  });
});
