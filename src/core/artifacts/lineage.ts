/**
 * Lineage: each record lists its inputs (upstream); consumers (downstream) are the reverse index, derived — never
 * stored separately — so the two directions cannot disagree.
 *
 * Stores keep the graph acyclic by construction: a put's inputs must already exist and its id must not, and records
 * are immutable. `findCycle` is the check for data that did not come through a store (imports, repairs, tests).
 */
import { LineageCycleError } from './errors';

export interface LineageNode {
  readonly id: string;
  readonly inputs: readonly string[];
}

/** input id → ids of the records that list it as an input, each list sorted. */
export function consumerIndex(nodes: Iterable<LineageNode>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const node of nodes) {
    for (const input of node.inputs) {
      const list = index.get(input);
      if (list) list.push(node.id);
      else index.set(input, [node.id]);
    }
  }
  for (const list of index.values()) list.sort();
  return index;
}

/**
 * Ids reachable from `start` by `neighbors` (not including `start`), breadth first; within one hop in the order the
 * neighbours are given. With `transitive: false`, only the direct neighbours.
 */
export async function walkLineage(
  start: string,
  neighbors: (id: string) => readonly string[] | Promise<readonly string[]>,
  transitive: boolean,
): Promise<string[]> {
  const seen = new Set<string>([start]);
  const out: string[] = [];
  let frontier = [start];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of await neighbors(id)) {
        if (seen.has(n)) continue;
        seen.add(n);
        out.push(n);
        next.push(n);
      }
    }
    if (!transitive) break;
    frontier = next;
  }
  return out;
}

/** A cycle in the graph (first id repeated at the end), or undefined. Inputs that are not nodes are ignored. */
export function findCycle(nodes: Iterable<LineageNode>): string[] | undefined {
  const inputsOf = new Map<string, readonly string[]>();
  for (const n of nodes) inputsOf.set(n.id, n.inputs);
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  // Iterative DFS: lineage chains can be long (a sweep of thousands of runs), recursion could overflow.
  for (const root of [...inputsOf.keys()].sort()) {
    if (state.has(root)) continue;
    const stack: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    state.set(root, 'open');
    path.push(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const inputs = inputsOf.get(top.id) ?? [];
      if (top.next < inputs.length) {
        const child = inputs[top.next++];
        if (!inputsOf.has(child)) continue;
        const s = state.get(child);
        if (s === 'open') return [...path.slice(path.indexOf(child)), child];
        if (s === 'done') continue;
        state.set(child, 'open');
        path.push(child);
        stack.push({ id: child, next: 0 });
      } else {
        state.set(top.id, 'done');
        path.pop();
        stack.pop();
      }
    }
  }
  return undefined;
}

export function assertAcyclic(nodes: Iterable<LineageNode>): void {
  const cycle = findCycle(nodes);
  if (cycle) throw new LineageCycleError(cycle);
}
