/**
 * Where the lineage graph of one artifact puts its boxes: ancestors in columns to the left (inputs, their inputs …),
 * the artifact in the middle, descendants to the right; one column per hop, arrows from input to consumer. Pure, so
 * the drawing is a function of the records and can be tested without a DOM.
 */
import { consumerIndex } from '../../core/artifacts/lineage';

export interface LineageRecord {
  readonly id: string;
  readonly kind: string;
  readonly instruments: readonly string[];
  readonly inputs: readonly string[];
}

export interface LineageNode {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  /** Hops from the focus: negative upstream, 0 the focus, positive downstream. */
  readonly depth: number;
  readonly x: number;
  readonly y: number;
}

export interface LineageEdge {
  readonly from: string;
  readonly to: string;
  readonly path: string;
}

export interface LineageLayout {
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
  /** Nodes left out of a column that had more than `maxPerColumn`, per depth. */
  readonly hidden: ReadonlyMap<number, number>;
  readonly width: number;
  readonly height: number;
}

export const NODE_WIDTH = 176;
export const NODE_HEIGHT = 44;
const COLUMN_GAP = 56;
const ROW_GAP = 14;
const PAD = 8;

/** Breadth first from `start`: each reachable id with its distance in hops. */
function distances(start: string, next: (id: string) => readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  let frontier = [start];
  for (let d = 1; frontier.length > 0; d++) {
    const following: string[] = [];
    for (const id of frontier) {
      for (const n of next(id)) {
        if (n === start || out.has(n)) continue;
        out.set(n, d);
        following.push(n);
      }
    }
    frontier = following;
  }
  return out;
}

function label(r: LineageRecord): string {
  const what = r.instruments.length > 0 ? r.instruments.join(', ') : r.kind;
  return what.length > 22 ? `${what.slice(0, 21)}…` : what;
}

export function lineageLayout(records: readonly LineageRecord[], focus: string, maxPerColumn = 8): LineageLayout {
  const byId = new Map(records.map((r) => [r.id, r]));
  const me = byId.get(focus);
  if (!me) return { nodes: [], edges: [], hidden: new Map(), width: 0, height: 0 };
  const consumers = consumerIndex(records);
  const up = distances(focus, (id) => byId.get(id)?.inputs ?? []);
  const down = distances(focus, (id) => consumers.get(id) ?? []);

  const columns = new Map<number, LineageRecord[]>([[0, [me]]]);
  const place = (id: string, depth: number) => {
    const r = byId.get(id);
    if (!r) return;
    const col = columns.get(depth) ?? [];
    col.push(r);
    columns.set(depth, col);
  };
  for (const [id, d] of up) place(id, -d);
  for (const [id, d] of down) place(id, d);

  const depths = [...columns.keys()].sort((a, b) => a - b);
  const minDepth = depths[0];
  const hidden = new Map<number, number>();
  const nodes: LineageNode[] = [];
  let rowsMax = 0;
  for (const depth of depths) {
    const col = columns.get(depth)!.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const shown = col.slice(0, maxPerColumn);
    if (col.length > shown.length) hidden.set(depth, col.length - shown.length);
    rowsMax = Math.max(rowsMax, shown.length + (col.length > shown.length ? 1 : 0));
    shown.forEach((r, row) => {
      nodes.push({
        id: r.id,
        kind: r.kind,
        label: label(r),
        depth,
        x: PAD + (depth - minDepth) * (NODE_WIDTH + COLUMN_GAP),
        y: PAD + row * (NODE_HEIGHT + ROW_GAP),
      });
    });
  }

  const at = new Map(nodes.map((n) => [n.id, n]));
  const edges: LineageEdge[] = [];
  for (const n of nodes) {
    for (const input of byId.get(n.id)?.inputs ?? []) {
      const from = at.get(input);
      if (!from) continue;
      const x1 = from.x + NODE_WIDTH;
      const y1 = from.y + NODE_HEIGHT / 2;
      const x2 = n.x;
      const y2 = n.y + NODE_HEIGHT / 2;
      const mid = (x1 + x2) / 2;
      edges.push({ from: input, to: n.id, path: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}` });
    }
  }

  const width = PAD * 2 + depths.length * NODE_WIDTH + (depths.length - 1) * COLUMN_GAP;
  const height = PAD * 2 + rowsMax * NODE_HEIGHT + Math.max(0, rowsMax - 1) * ROW_GAP;
  return { nodes, edges, hidden, width, height };
}

/** Where the "+N more" note of a column goes. */
export function hiddenNoteAt(layout: LineageLayout, depth: number, maxPerColumn = 8): { x: number; y: number } {
  const minDepth = Math.min(...layout.nodes.map((n) => n.depth));
  return { x: PAD + (depth - minDepth) * (NODE_WIDTH + COLUMN_GAP), y: PAD + maxPerColumn * (NODE_HEIGHT + ROW_GAP) };
}
