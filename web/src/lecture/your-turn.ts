/**
 * Backprop by hand ("your turn"): the nodes of a graph in the order `backward()` visits them (the output
 * first, then reverse topological order), each with its true grad and how the chain rule makes it — one
 * term per use of the node: the local derivative as a rule in the learner's names and the upstream grad.
 * `checkAnswer` reads what the learner typed (a number or a formula) and says right, wrong (with a hint)
 * or unreadable. Pure (no DOM), unit-tested.
 */
import { evaluateProgram, localGradients, localRules, ParseError, topoOrder, type Value } from "micrograd-ts";
import { short } from "../shared/format.js";
import { namedRule, operand } from "../shared/stepper.js";

/** How far from the true grad an answer may be and still count as right. */
export const TOLERANCE = 1e-4;

/** One use of a node: the node `consumer` that reads it, the local derivative and the upstream grad. */
export interface ChainTerm {
  /** The node that reads this one. */
  consumer: Value;
  /** Its name. */
  consumerName: string;
  /** The local derivative written in the graph's names, e.g. "f" for L = d * f (d's term). */
  rule: string;
  /** The local derivative's value. */
  local: number;
  /** The consumer's grad (d root / d consumer). */
  upstream: number;
}

/** One node to fill in. */
export interface HandStep {
  node: Value;
  /** The node's name (its label, or its expression when unnamed). */
  name: string;
  /** d root / d node, from the engine's backward(). */
  expected: number;
  /** One term per use of the node (none for the output). */
  terms: ChainTerm[];
}

/** A node's name: its label, or its expression. */
export type Namer = (v: Value) => string;

/**
 * The steps of a hand backward pass from `root`: every node of its graph, in the order `backward()`
 * visits them, with the grad `backward()` gives it. The graph's grads are left at 0.
 */
export function handSteps(root: Value, name: Namer): HandStep[] {
  const topo = topoOrder(root);
  root.zeroGrad();
  root.backward();
  const consumers = new Map<Value, ChainTerm[]>();
  for (const u of topo) {
    const locals = localGradients(u);
    const rules = localRules(u);
    const operands = u.prev.map(name);
    u.prev.forEach((p, k) => {
      const rhs = namedRule(rules[k] ?? "", u.op, operands).replace(/^.*? = /, "");
      const list = consumers.get(p) ?? [];
      list.push({
        consumer: u,
        consumerName: name(u),
        rule: rhs,
        local: locals[k],
        upstream: u.grad,
      });
      consumers.set(p, list);
    });
  }
  const steps: HandStep[] = [];
  for (let i = topo.length - 1; i >= 0; i--) {
    const v = topo[i];
    steps.push({ node: v, name: name(v), expected: v.grad, terms: consumers.get(v) ?? [] });
  }
  root.zeroGrad();
  return steps;
}

/** "dL/dd" in the graph's names (names that are expressions get parentheses). */
export function derivativeName(of: string, by: string): string {
  return `d${operand(of)}/d${operand(by)}`;
}

/**
 * The hint for a step, in the learner's names: for the output "dL/dL = 1"; otherwise, for each use,
 * the local derivative (`dL/dd = f = -2`) and the upstream grad (`dL/dL = 1`), and how they combine.
 */
export function hintFor(step: HandStep, rootName: string): string {
  if (step.terms.length === 0) {
    return `${step.name} is the output: ${derivativeName(rootName, step.name)} = 1.`;
  }
  const parts = step.terms.map((t) => {
    const value = short(t.local);
    const local = `${derivativeName(t.consumerName, step.name)} = ${t.rule === value ? value : `${t.rule} = ${value}`}`;
    const up = `${derivativeName(rootName, t.consumerName)} = ${short(t.upstream)}`;
    return `${t.consumerName} uses ${step.name}: local derivative ${local}; upstream grad ${up}`;
  });
  const how =
    step.terms.length === 1
      ? "multiply the local derivative by the upstream grad"
      : `${step.name} is used ${step.terms.length} times: add local × upstream of each use`;
  return `${parts.join(". ")}. Chain rule: ${how}.`;
}

/** What the learner typed, read: a number, or a reason it is not one. */
export type Reading = { ok: true; value: number } | { ok: false; error: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads an answer: a plain number (`-2`, `0.5`, `1e-3`) or a formula in the expression language, which
 * may use the given names (`-3*a**2`, `1 - 0.7071**2`).
 */
export function readAnswer(text: string, names: Readonly<Record<string, number>> = {}): Reading {
  const t = text.trim();
  if (t === "") return { ok: false, error: "Type a number (or a formula) first." };
  if (NUMBER.test(t)) return { ok: true, value: Number(t) };
  if (t.length > 500) return { ok: false, error: "That answer is too long (at most 500 characters)." };
  const defs = Object.entries(names)
    .map(([k, v]) => `${k} = ${v}\n`)
    .join("");
  try {
    const value = evaluateProgram(`${defs}__answer = ${t}`).output.data;
    if (!Number.isFinite(value))
      return { ok: false, error: `"${t}" is not a finite number (it gives ${value}).` };
    return { ok: true, value };
  } catch (err) {
    const why = err instanceof ParseError ? err.message : String(err);
    return { ok: false, error: `"${t.slice(0, 40)}" is not a number or a formula: ${why}` };
  }
}

/** The verdict on an answer. */
export type Verdict =
  | { kind: "right"; value: number }
  | { kind: "wrong"; value: number; hint: string }
  | { kind: "unreadable"; error: string };

/** Checks an answer to a step: right within `TOLERANCE`, else wrong with the hint. */
export function checkAnswer(step: HandStep, text: string, rootName: string): Verdict {
  const r = readAnswer(text);
  if (!r.ok) return { kind: "unreadable", error: r.error };
  if (Math.abs(r.value - step.expected) <= TOLERANCE) return { kind: "right", value: r.value };
  return { kind: "wrong", value: r.value, hint: hintFor(step, rootName) };
}

/** True when `value` is within `TOLERANCE` of `expected` (for answers checked outside a hand pass). */
export function close(value: number, expected: number, tolerance = TOLERANCE): boolean {
  return Math.abs(value - expected) <= tolerance;
}
