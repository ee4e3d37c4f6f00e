/**
 * Anomaly mode on a compiled graph: when a replayed number is not finite, the engine's own checks
 * (engine/anomaly.ts) report it on Values: the node's and its parents' numbers are copied into their
 * Values first, and a graph compiled without its computed Values gets stand-ins labelled by index ("#12").
 */
import { checkBackward, checkForward } from "../engine/anomaly.js";
import { CUSTOM, OPS } from "../engine/ops.js";
import { Value } from "../engine/value.js";
import type { Trace } from "./trace.js";

/** The parent indices of node `i`. @internal */
export function parentsOf(t: Trace, i: number): number[] {
  if (isNary(t, i)) return Array.from(t.args.subarray(t.a[i], t.a[i] + t.b[i]));
  const out: number[] = [];
  if (t.a[i] >= 0) out.push(t.a[i]);
  if (t.b[i] >= 0) out.push(t.b[i]);
  return out;
}

/**
 * Copies node `i`'s and its parents' current numbers into their Values (non-leaf data only), for the
 * engine's anomaly report. A graph compiled with `keepNodes: false` has no Values for its computed nodes:
 * stand-ins labelled by index ("#12") are made for the report.
 */
function syncForReport(t: Trace, v: Float64Array, g: Float64Array | null, i: number): Value {
  const parents = parentsOf(t, i);
  const known = (j: number): Value => t.nodes[j] ?? new Value(v[j], `#${j}`);
  const node = t.nodes[i] ?? standIn(t, v, i, parents.map(known));
  for (const j of [...parents, i]) {
    const n = j === i ? node : t.nodes[j];
    if (!n) continue;
    if (t.op[j] !== 0) n.data = v[j];
    if (g) n.grad = g[j];
  }
  return node;
}

/** A Value for computed node `i` with the given parents (see `syncForReport`). */
function standIn(t: Trace, v: Float64Array, i: number, parents: Value[]): Value {
  const s = new Value(v[i], `#${i}`);
  s._code = t.op[i];
  s._k = t.k[i];
  if (isNary(t, i)) s._args = parents;
  else {
    s._a = parents[0] ?? null;
    s._b = parents[1] ?? null;
  }
  if (t.op[i] === CUSTOM) s._custom = t.customOps[t.k[i]];
  return s;
}

/** Anomaly mode, forward: node `i` is not finite; throws the engine's AnomalyError. */
export function reportForward(t: Trace, v: Float64Array, i: number): void {
  checkForward(syncForReport(t, v, null, i));
}

/** Anomaly mode, backward: after node `i`'s step every parent's gradient must be finite. */
export function checkGrads(t: Trace, v: Float64Array, g: Float64Array, i: number): void {
  const a = t.a[i];
  const b = t.b[i];
  if (!isNary(t, i)) {
    if ((a < 0 || Number.isFinite(g[a])) && (b < 0 || Number.isFinite(g[b]))) return;
  }
  const bad = parentsOf(t, i).some((j) => !Number.isFinite(g[j]));
  if (bad) checkBackward(syncForReport(t, v, g, i));
}

/** True for nodes whose parents are an index range in `args` (n-ary and custom ops). */
function isNary(t: Trace, i: number): boolean {
  const code = t.op[i];
  return code === CUSTOM || OPS[code]?.arity === "n";
}
