/**
 * The lecture's `draw_dot`, as Graphviz DOT text: a record node `{ label | data 2.0000 | grad 0.5000 }`
 * per Value, and an op node in front of every computed Value (parent -> op -> value).
 */
import { describeArg } from "../util/describe-arg.js";
import { checkOptions, optionKeys } from "../util/options.js";
import { showInvisible } from "../util/show-invisible.js";
import { topoOrder } from "./topo.js";
import { Value } from "./value.js";

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

/** The most characters of a label drawn; a longer one is shortened (`drawnLabel`). */
const MAX_LABEL_CHARS = 40;

/**
 * A label as drawn: any value as text (`v.label = 5` draws "5"), invisible characters as `<U+0000>`, and
 * a label longer than 40 characters shortened to its first 24 and last 8 with the count between, so one
 * huge name cannot stretch the picture to thousands of pixels.
 */
function drawnLabel(label: unknown): string {
  const chars = [...showInvisible(typeof label === "string" ? label : String(label))];
  if (chars.length <= MAX_LABEL_CHARS) return chars.join("");
  return `${chars.slice(0, 24).join("")}…(${chars.length} chars)…${chars.slice(-8).join("")}`;
}

/** Formats a number like Python's "%.4f" (and NaN/Infinity readably). */
function fixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  return x.toFixed(digits);
}

/** One Value as plain data (what `nodesToDot` draws): an id, its label, op, data, grad and parents' ids. */
export interface DotNode {
  id: number;
  label: string;
  op: string;
  data: number;
  grad: number;
  prev: readonly number[];
}

/**
 * DOT text for Values given as plain data (e.g. a part of a big graph copied out of a Web Worker).
 * Parents that are not among `nodes` are drawn as one grey "… k more" stub per op node.
 */
export function nodesToDot(nodes: readonly DotNode[], options: DotOptions = {}): string {
  checkOptions("toDot(root, options)", options, optionKeys<DotOptions>({ rankdir: true, digits: true }));
  const rankdir = options.rankdir ?? "LR";
  if (rankdir !== "LR" && rankdir !== "TB") {
    throw new RangeError(`toDot: rankdir must be "LR" or "TB", got ${describeArg(rankdir)}`);
  }
  const digits = options.digits ?? 4;
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new RangeError(`toDot: digits must be an integer from 0 to 20, got ${describeArg(digits)}`);
  }
  const kept = new Set(nodes.map((v) => v.id));
  const lines = [`digraph G {`, `  rankdir=${rankdir};`, `  node [fontname="Times"];`];
  for (const v of nodes) {
    const n = `n${v.id}`;
    const text = `{ ${escapeRecord(drawnLabel(v.label))} | data ${fixed(v.data, digits)} | grad ${fixed(v.grad, digits)} }`;
    lines.push(`  ${n} [label="${text}", shape=record];`);
    if (v.op === "") continue;
    lines.push(`  ${n}_op [label="${escapeRecord(v.op)}"];`);
    lines.push(`  ${n}_op -> ${n};`);
    let missing = 0;
    for (const p of v.prev) {
      if (kept.has(p)) lines.push(`  n${p} -> ${n}_op;`);
      else missing++;
    }
    if (missing > 0) {
      lines.push(`  ${n}_more [label="… ${missing} more", shape=plaintext, fontcolor="gray40"];`);
      lines.push(`  ${n}_more -> ${n}_op [style=dashed, color="gray60"];`);
    }
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/**
 * The computation graph under `root` as Graphviz DOT, in the style of the lecture's `draw_dot`.
 * Node ids are `n0, n1, …` in topological order; op nodes are `n<i>_op`. Labels are drawn as text (a
 * label set to a number draws the number), invisible characters as `<U+0000>`, and labels over 40
 * characters shortened with their length in the middle.
 */
export function toDot(root: Value, options: DotOptions = {}): string {
  if (!(root instanceof Value)) {
    throw new TypeError(`toDot(root): root must be a Value, got ${describeArg(root)}`);
  }
  const topo = topoOrder(root);
  const id = new Map<Value, number>();
  topo.forEach((v, i) => {
    id.set(v, i);
  });
  const nodes = topo.map((v, i) => ({
    id: i,
    label: v.label,
    op: v.op,
    data: v.data,
    grad: v.grad,
    prev: v.prev.map((p) => id.get(p) as number),
  }));
  return nodesToDot(nodes, options);
}
