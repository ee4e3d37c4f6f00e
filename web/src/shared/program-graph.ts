/**
 * A program's graph with the user's names on it: which statement (and line) made each named node, the
 * inputs the nudge panel can pick, and a readable name for every node — the name the program gave it
 * (with its line when the name is reused) or, for an unnamed node, its expression such as `10/f`.
 */
import { type Evaluation, evaluateProgram, topoOrder, type Value } from "micrograd-ts";
import { lineColumn } from "micrograd-ts/internals";
import { short } from "./format.js";

/** One input leaf (a name assigned a plain number or a `Value(…)`) that the output depends on. */
export interface ProgramInput {
  /** The name in the program. */
  name: string;
  /** A key unique among the inputs: the name, or `name#k` for its k-th number assignment when reused. */
  key: string;
  /** 1-based line of the assignment. */
  line: number;
  /** The leaf. */
  leaf: Value;
}

/** A program evaluated into a graph, with names for its nodes. */
export interface ProgramGraph {
  /** The evaluation (`values` holds only the program's own names). */
  evaluation: Evaluation;
  /** Every node under the output, parents first (the ids `n<i>` of `toDot`). */
  topo: Value[];
  /** Position of each node in `topo`. */
  index: Map<Value, number>;
  /** The inputs the output depends on, in program order. */
  inputs: ProgramInput[];
  /** The name shown for a node: see `nameOf`. */
  name(v: Value): string;
  /** The line a named node was assigned on (undefined for unnamed nodes). */
  lineOf(v: Value): number | undefined;
  /** True when the node's name labels more than one node of the graph (so the line tells them apart). */
  reused(v: Value): boolean;
}

/** Longest expression shown for an unnamed node before it is cut with "…". */
export const MAX_EXPRESSION = 36;

/**
 * Evaluates a program and records which statement (and line) named each node: the first assignment that
 * binds a node made it; a later alias (`d = a`) adds no node and the node keeps its first name and line.
 * @throws ParseError as `evaluateProgram` does
 */
export function evaluateNamed(source: string): ProgramGraph {
  const evaluation = evaluateProgram(source);
  const lineOf = new Map<Value, number>();
  for (const { statement, value } of evaluation.assignments) {
    if (!lineOf.has(value)) lineOf.set(value, lineColumn(source, statement.start).line);
  }
  const topo = topoOrder(evaluation.output);
  const index = new Map<Value, number>();
  topo.forEach((v, i) => {
    index.set(v, i);
  });

  // how many nodes of the graph carry each label
  const labelCount = new Map<string, number>();
  for (const v of topo) if (v.label !== "") labelCount.set(v.label, (labelCount.get(v.label) ?? 0) + 1);

  // the inputs: number (or Value(…)) assignments, in program order, that the output depends on
  const inputs: ProgramInput[] = [];
  const seenName = new Map<string, number>();
  evaluation.inputs.forEach((leaf) => {
    const nth = (seenName.get(leaf.label) ?? 0) + 1;
    seenName.set(leaf.label, nth);
    if (!index.has(leaf)) return;
    inputs.push({
      name: leaf.label,
      key: `${leaf.label}#${nth}`,
      line: lineOf.get(leaf) ?? 0,
      leaf,
    });
  });
  for (const input of inputs) {
    if (inputs.filter((i) => i.name === input.name).length === 1) input.key = input.name;
  }

  const names = new Map<Value, string>();
  const name = (v: Value): string => {
    let s = names.get(v);
    if (s === undefined) {
      s = v.label !== "" ? v.label : expressionOf(v, (p) => (p.label !== "" ? p.label : undefined));
      names.set(v, s);
    }
    return s;
  };
  return {
    evaluation,
    topo,
    index,
    inputs,
    name,
    lineOf: (v) => lineOf.get(v),
    reused: (v) => v.label !== "" && (labelCount.get(v.label) ?? 0) > 1,
  };
}

const BINARY: Record<string, number> = { "+": 1, "-": 1, "*": 2, "/": 2 };
const FUNCTIONS: Record<string, string> = { ReLU: "relu" };

/** A plain number as a program would write it (up to 4 significant digits). */
function numberText(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e6 ? String(x) : short(x);
}

/**
 * The expression that computes `v` from named nodes, written as in a program: `10 / f`, `b**3`,
 * `relu(b + a)`, `-a`. `named(p)` gives a node's name, or undefined to spell it out in turn; unnamed
 * leaves (constants) show their number. Longer than `MAX_EXPRESSION` characters: cut with "…".
 */
export function expressionOf(v: Value, named: (p: Value) => string | undefined): string {
  // precedence: 3 for atoms and calls, 2 for * and /, 1 for + and -, 2.5 for unary minus, 4 for **
  const walk = (u: Value, depth: number): { text: string; prec: number } => {
    const own = u === v ? undefined : named(u);
    if (own !== undefined) return { text: own, prec: 5 };
    const op = u.op;
    if (op === "") return { text: numberText(u.data), prec: u.data < 0 ? 2.5 : 5 };
    if (depth > 6) return { text: "…", prec: 5 };
    const args = u.prev.map((p) => walk(p, depth + 1));
    const wrap = (a: { text: string; prec: number } | undefined, min: number) =>
      a === undefined ? "?" : a.prec < min ? `(${a.text})` : a.text;
    const prec = BINARY[op];
    if (prec !== undefined) {
      // a - (b + c) and a / (b * c) need the parentheses on the right
      return { text: `${wrap(args[0], prec)} ${op} ${wrap(args[1], prec + 0.5)}`, prec };
    }
    if (op === "neg") return { text: `-${wrap(args[0], 3)}`, prec: 2.5 };
    if (op.startsWith("**")) {
      const k = op === "**" ? wrap(args[1], 4.5) : numberText(Number(op.slice(2)));
      return { text: `${wrap(args[0], 4.5)}**${k}`, prec: 4 };
    }
    const fn = FUNCTIONS[op] ?? op;
    return { text: `${fn}(${args.map((a) => a.text).join(", ")})`, prec: 5 };
  };
  const text = walk(v, 0).text;
  return text.length > MAX_EXPRESSION ? `${text.slice(0, MAX_EXPRESSION - 1)}…` : text;
}

/**
 * Where a NaN first appears in the graph, in the program's names, or undefined when there is none: the
 * first value (in the order the program computes them) whose data is NaN while its inputs' are not, e.g.
 * `NaN first appears in d = a / b (line 3), with a = 0 and b = 0`; else the first grad backward made NaN
 * from numbers that were not, e.g. `the grad of x (line 1) is NaN: backward multiplied … in s = sqrt(x)`.
 */
export function firstNaN(pg: ProgramGraph): string | undefined {
  const where = (v: Value): string => {
    const line = lineOfUse(pg, v);
    const name = pg.name(v);
    const own =
      v.label !== "" && v.op !== ""
        ? `${name} = ${expressionOf(v, (p) => (p.label !== "" ? p.label : undefined))}`
        : name;
    return line === undefined ? own : `${own} (line ${line})`;
  };
  const inputs = (v: Value): string =>
    v.prev.map((p) => `${pg.name(p)} = ${Number.isNaN(p.data) ? "NaN" : short(p.data)}`).join(" and ");
  // topo lists every value after its inputs: the first NaN has no NaN input
  const data = pg.topo.find((v) => Number.isNaN(v.data));
  if (data !== undefined) {
    return data.op === ""
      ? `NaN first appears in ${where(data)}, a number given as NaN`
      : `NaN first appears in ${where(data)}, with ${inputs(data)}`;
  }
  // backward runs from the output: the first NaN grad in that order came from grads that were numbers
  for (let i = pg.topo.length - 1; i >= 0; i--) {
    const v = pg.topo[i];
    if (!Number.isNaN(v.grad)) continue;
    const users = pg.topo.filter((u) => u.prev.includes(v)).map((u) => where(u));
    return `the grad of ${where(v)} is NaN: backward first made a NaN there${users.length ? `, from ${users.join(", ")}` : ""} (a local derivative of ±Infinity or NaN times the upstream grad)`;
  }
  return undefined;
}

/** The line of a named value, or of the first named value that uses an unnamed one. */
function lineOfUse(pg: ProgramGraph, v: Value): number | undefined {
  let cur = v;
  let i = pg.index.get(v) ?? pg.topo.length;
  // a value's users come after it in topo: walk forward to the first user, then to its first user, …
  while (pg.lineOf(cur) === undefined) {
    for (i++; i < pg.topo.length && !pg.topo[i].prev.includes(cur); i++);
    if (i >= pg.topo.length) return undefined;
    cur = pg.topo[i];
  }
  return pg.lineOf(cur);
}
