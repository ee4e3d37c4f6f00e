/**
 * The second reference set (test/fixtures/ops-gradients.json, from ../shared/reference): abs, sqrt, sin,
 * cos, detach, powv, sum, max, min, dot, softmax, logsoftmax, ce with PyTorch's semantics. Builds each
 * program with the public API.
 */
import { readFileSync } from "node:fs";
import { crossEntropy, logSoftmax, softmax, Value } from "../../packages/micrograd-ts/src/index.js";

type Name = string;
export type OpsInstruction = [Name, string, ...unknown[]];

export interface OpsCase {
  name: string;
  inputs: [Name, number][];
  program: OpsInstruction[];
  output: Name;
  value: number;
  grads: Record<Name, number>;
}

// Python wrote non-finite numbers as bare Infinity / -Infinity: quote them, then revive
const text = readFileSync(new URL("../fixtures/ops-gradients.json", import.meta.url), "utf8").replace(
  /(-?)Infinity\b/g,
  '"$1Infinity"',
);
export const opsReference = JSON.parse(text, (_k, v) =>
  v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : v,
) as { format: string; expressions: OpsCase[] };

const UNARY = [
  "neg",
  "exp",
  "log",
  "tanh",
  "relu",
  "sigmoid",
  "abs",
  "sqrt",
  "sin",
  "cos",
  "detach",
] as const;
type Unary = (typeof UNARY)[number];
const BINARY = ["add", "sub", "mul", "div"] as const;
type Binary = (typeof BINARY)[number];

/** Builds a case's program with the object engine; returns the input leaves and the output. */
export function buildOpsCase(c: OpsCase): { inputs: Map<Name, Value>; out: Value } {
  const nodes = new Map<Name, Value>();
  const inputs = new Map<Name, Value>();
  for (const [name, x] of c.inputs) {
    const leaf = new Value(x, name);
    nodes.set(name, leaf);
    inputs.set(name, leaf);
  }
  const get = (n: unknown): Value => {
    const v = nodes.get(String(n));
    if (!v) throw new Error(`${c.name}: unknown node ${String(n)}`);
    return v;
  };
  const list = (ns: unknown): Value[] => (ns as Name[]).map(get);
  for (const [out, op, a, b, s] of c.program) {
    let v: Value;
    if ((UNARY as readonly string[]).includes(op)) v = get(a)[op as Unary]();
    else if ((BINARY as readonly string[]).includes(op)) v = get(a)[op as Binary](get(b));
    else {
      switch (op) {
        case "const":
          v = new Value(a as number);
          break;
        case "pow":
          v = get(a).pow(b as number);
          break;
        case "powv":
          v = get(a).pow(get(b));
          break;
        case "sum":
          v = Value.sum(list(a));
          break;
        case "max":
          v = Value.max(list(a));
          break;
        case "min":
          v = Value.min(list(a));
          break;
        case "dot":
          v = Value.dot(list(a), list(b));
          break;
        case "dotb":
          v = Value.dot(list(a), list(b), get(s));
          break;
        case "softmax":
          v = softmax(list(a))[b as number];
          break;
        case "logsoftmax":
          v = logSoftmax(list(a))[b as number];
          break;
        case "ce":
          v = crossEntropy(list(a), b as number);
          break;
        default:
          throw new Error(`${c.name}: unknown op ${op}`);
      }
    }
    nodes.set(out, v);
  }
  return { inputs, out: get(c.output) };
}
