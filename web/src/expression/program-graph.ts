/**
 * A program's graph with the user's names on it: which statement (and line) made each named node, the
 * inputs the nudge panel can pick, and a readable name for every node — the name the program gave it
 * (with its line when the name is reused) or, for an unnamed node, its expression such as `10/f`.
 */

import {
  type AssignStatement,
  type Evaluation,
  type Expr,
  evaluateProgram,
  type Program,
  parseProgram,
  type Statement,
  topoOrder,
  type Value,
} from "micrograd-ts";
import { lineColumn } from "micrograd-ts/internals";
import { short } from "../shared/format.js";

/** One input leaf (a name assigned a plain number) that the output depends on. */
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

// a key no program name can have (names are letters, digits and _), so aliases never clash
const ALIAS = "\u0000";

function isNumber(e: Expr): boolean {
  return e.type === "number" || (e.type === "neg" && isNumber(e.operand));
}

/**
 * Evaluates a program and records which node each assignment made: after every `name = …` an alias
 * statement is inserted (`\0<i> = name`); an alias adds no node and keeps the node's label, so the graph
 * is exactly the program's own.
 * @throws ParseError as `evaluateProgram` does
 */
export function evaluateNamed(source: string): ProgramGraph {
  const program = parseProgram(source);
  const statements: Statement[] = [];
  const assigns: AssignStatement[] = [];
  for (const s of program.statements) {
    statements.push(s);
    if (s.type !== "assign") continue;
    const alias: AssignStatement = {
      type: "assign",
      name: `${ALIAS}${assigns.length}`,
      op: "=",
      opOffset: s.opOffset,
      start: s.start,
      end: s.end,
      value: { type: "name", name: s.name, start: s.start, end: s.start + s.name.length },
    };
    assigns.push(s);
    statements.push(alias);
  }
  const augmented: Program = { type: "program", statements, source: program.source };
  const raw = evaluateProgram(augmented);
  const values = new Map<string, Value>();
  const lineOf = new Map<Value, number>();
  const nameOfNode = new Map<Value, string>();
  for (const [key, v] of raw.values) {
    if (!key.startsWith(ALIAS)) {
      values.set(key, v);
      continue;
    }
    const s = assigns[Number(key.slice(1))];
    // an alias statement (`d = a`) names no new node: the node keeps its first name and line
    if (!lineOf.has(v) && v.label === s.name) {
      lineOf.set(v, lineColumn(source, s.start).line);
      nameOfNode.set(v, s.name);
    }
  }
  const evaluation: Evaluation = { ...raw, values, program };
  const topo = topoOrder(evaluation.output);
  const index = new Map<Value, number>();
  topo.forEach((v, i) => {
    index.set(v, i);
  });

  // how many nodes of the graph carry each label
  const labelCount = new Map<string, number>();
  for (const v of topo) if (v.label !== "") labelCount.set(v.label, (labelCount.get(v.label) ?? 0) + 1);

  // the inputs: number assignments, in program order, that the output depends on
  // (a compound `a += 2` always makes a node: only `name = number` makes an input)
  const numberAssigns = assigns.filter((s) => s.op === "=" && isNumber(s.value));
  const inputs: ProgramInput[] = [];
  const seenName = new Map<string, number>();
  evaluation.inputs.forEach((leaf, k) => {
    const s = numberAssigns[k];
    const nth = (seenName.get(leaf.label) ?? 0) + 1;
    seenName.set(leaf.label, nth);
    if (!index.has(leaf)) return;
    inputs.push({
      name: leaf.label,
      key: `${leaf.label}#${nth}`,
      line: s ? lineColumn(source, s.start).line : (lineOf.get(leaf) ?? 0),
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
