/**
 * A plain-data copy of (part of) a Value graph, drawn with the engine's `nodesToDot` (see stable-layout).
 * Big graphs are capped: the snapshot keeps the `cap` values nearest the root (breadth-first through the
 * parents) and counts what it left out, so drawing stays fast and the page says what it omitted. Plain
 * objects, so the training worker can post a snapshot to the page.
 */
import { topoOrder, Value } from "../../src/index.js";

/** One value of the snapshot. */
export interface SnapshotNode {
  /** Index in the topological order of the whole graph (`n<id>` in the DOT, as in `toDot`). */
  id: number;
  label: string;
  op: string;
  data: number;
  grad: number;
  /** Parents' ids, in argument order (some may be left out of the snapshot). */
  prev: number[];
}

/** Part or all of a graph. */
export interface GraphSnapshot {
  /** The values kept, in topological order. */
  nodes: SnapshotNode[];
  /** How many values the whole graph has. */
  total: number;
  /** The root's id. */
  root: number;
}

/**
 * Copies the `cap` values nearest `root` (all of them when the graph is smaller).
 * @throws TypeError if root is not a Value; RangeError if cap is not an integer >= 1
 */
export function snapshotGraph(root: Value, cap = Number.POSITIVE_INFINITY): GraphSnapshot {
  if (!(root instanceof Value)) throw new TypeError("snapshotGraph(root): root must be a Value");
  if (!(cap >= 1) || (Number.isFinite(cap) && !Number.isInteger(cap))) {
    throw new RangeError(`snapshotGraph: cap must be an integer >= 1, got ${cap}`);
  }
  const topo = topoOrder(root);
  const id = new Map<Value, number>();
  topo.forEach((v, i) => {
    id.set(v, i);
  });
  let kept: Value[];
  if (topo.length <= cap) {
    kept = topo;
  } else {
    const seen = new Set<Value>([root]);
    const queue: Value[] = [root];
    for (let head = 0; head < queue.length && seen.size < cap; head++) {
      for (const p of (queue[head] as Value).prev) {
        if (seen.size >= cap) break;
        if (!seen.has(p)) {
          seen.add(p);
          queue.push(p);
        }
      }
    }
    kept = queue.sort((a, b) => (id.get(a) as number) - (id.get(b) as number));
  }
  return {
    nodes: kept.map((v) => ({
      id: id.get(v) as number,
      label: v.label,
      op: v.op,
      data: v.data,
      grad: v.grad,
      prev: v.prev.map((p) => id.get(p) as number),
    })),
    total: topo.length,
    root: id.get(root) as number,
  };
}

/** Graphs with more values than this get `withLayoutLimits`. */
export const FAST_LAYOUT_ABOVE = 60;

/**
 * DOT text with Graphviz's costly searches turned down (crossing minimisation, network simplex, spline
 * routing) when the graph has more than `FAST_LAYOUT_ABOVE` values. Without this, a 120-value graph with
 * one value feeding every op (x in y = y * x, repeated) takes minutes to lay out; with it, ~0.15 s. Small
 * graphs keep Graphviz's best layout.
 */
export function withLayoutLimits(dot: string, values: number): string {
  if (values <= FAST_LAYOUT_ABOVE) return dot;
  return dot.replace(
    /^digraph G \{\n/,
    "digraph G {\n  graph [mclimit=0, nslimit=0, nslimit1=0, searchsize=1, remincross=false, splines=line];\n",
  );
}
