/**
 * Big graphs, drawn within limits: a plain-data copy of (part of) a Value graph (`snapshotGraph`: the `cap`
 * values nearest the root, counting what it left out), its DOT text, Graphviz settings that keep big
 * layouts fast, and an estimate of how much work a layout is before starting it. `micrograd graph` and the
 * playground share them. Browser-safe: snapshots are plain objects, so a Web Worker can post them.
 */
import { type DotNode, type DotOptions, nodesToDot, topoOrder, Value } from "../engine/index.js";

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
      for (const p of queue[head].prev) {
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

/**
 * DOT text for a snapshot: the same as `toDot` for a whole graph; for a capped one, each value whose
 * parents were left out gets a grey "… k more" stub in their place (the engine's `nodesToDot`).
 */
export function snapshotToDot(snapshot: GraphSnapshot, options: DotOptions = {}): string {
  return nodesToDot(snapshot.nodes, options);
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

/** How much work laying out a graph is, before Graphviz starts. */
export interface LayoutCost {
  /** Values drawn. */
  values: number;
  /**
   * Points Graphviz adds to route edges that skip columns: an edge from a value in column i to an op in
   * column j > i + 1 passes through j - i - 1 invisible nodes. `a + a + … + a` (n terms) has ~n² of them.
   */
  routing: number;
}

/**
 * Estimates the layout work of nodes (a snapshot's or a whole graph's, in topological order): each value
 * sits one column after its op node, which sits one column after its latest parent (Graphviz ranks them
 * so; leaves and stubs are column 0). Measured with `withLayoutLimits` on this machine (node 20, Graphviz
 * wasm): time grows with values + routing, ~2 s at 300 values with 89,000 routing points, ~5 s at 1,200
 * values with 539,000; Graphviz runs out of memory near a million.
 */
export function layoutCost(nodes: readonly DotNode[]): LayoutCost {
  const column = new Map<number, number>();
  let routing = 0;
  for (const v of nodes) {
    if (v.prev.length === 0) {
      column.set(v.id, 0);
      continue;
    }
    let latest = 0;
    for (const p of v.prev) latest = Math.max(latest, column.get(p) ?? 0);
    const op = latest + 1;
    for (const p of v.prev) routing += op - (column.get(p) ?? 0) - 1;
    column.set(v.id, op + 1);
  }
  return { values: nodes.length, routing };
}

/** The most values `micrograd graph` lays out (measured: 1,000 values in 0.5-3 s here). */
export const MAX_DRAWN_VALUES = 1000;
/** The most routing points (`layoutCost`) it accepts: ~3 s here. */
export const MAX_ROUTING = 400_000;
