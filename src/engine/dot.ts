/**
 * The lecture's `draw_dot`, as Graphviz DOT text: a record node `{ label | data 2.0000 | grad 0.5000 }`
 * per Value, and an op node in front of every computed Value (parent -> op -> value).
 */
import { describeArg, topoOrder, Value } from "./value.js";

/** Options for `toDot`. */
export interface DotOptions {
  /** Layout direction: "LR" (left to right, the lecture's choice; default) or "TB" (top to bottom). */
  rankdir?: "LR" | "TB";
  /** Digits after the point for data and grad (default 4, as in the lecture). */
  digits?: number;
}

/** Escapes text for a Graphviz record label. */
function escapeRecord(s: string): string {
  return s.replace(/[\\{}|<>"]/g, (c) => `\\${c}`).replace(/\n/g, " ");
}

/** Formats a number like Python's "%.4f" (and NaN/Infinity readably). */
function fixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  return x.toFixed(digits);
}

/**
 * The computation graph under `root` as Graphviz DOT, in the style of the lecture's `draw_dot`.
 * Node ids are `n0, n1, …` in topological order; op nodes are `n<i>_op`.
 */
export function toDot(root: Value, options: DotOptions = {}): string {
  if (!(root instanceof Value))
    throw new TypeError(`toDot(root): root must be a Value, got ${describeArg(root)}`);
  const rankdir = options.rankdir ?? "LR";
  if (rankdir !== "LR" && rankdir !== "TB") {
    throw new RangeError(`toDot: rankdir must be "LR" or "TB", got ${describeArg(rankdir)}`);
  }
  const digits = options.digits ?? 4;
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new RangeError(`toDot: digits must be an integer from 0 to 20, got ${describeArg(digits)}`);
  }
  const nodes = topoOrder(root);
  const id = new Map<Value, string>();
  nodes.forEach((v, i) => {
    id.set(v, `n${i}`);
  });
  const lines = [`digraph G {`, `  rankdir=${rankdir};`, `  node [fontname="Times"];`];
  for (const v of nodes) {
    const n = id.get(v) as string;
    const text = `{ ${escapeRecord(v.label)} | data ${fixed(v.data, digits)} | grad ${fixed(v.grad, digits)} }`;
    lines.push(`  ${n} [label="${text}", shape=record];`);
    if (v.op !== "") {
      lines.push(`  ${n}_op [label="${escapeRecord(v.op)}"];`);
      lines.push(`  ${n}_op -> ${n};`);
      for (const p of v.prev) lines.push(`  ${id.get(p)} -> ${n}_op;`);
    }
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
