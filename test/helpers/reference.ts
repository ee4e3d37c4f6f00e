/** Loads the PyTorch reference (test/fixtures/torch-gradients.json) and builds its programs as Values. */
import { readFileSync } from "node:fs";
import { Value } from "../../packages/micrograd-ts/src/index.js";

export interface RefExpression {
  name: string;
  inputs: [string, number][];
  program: [string, string, string | number, (string | number)?][];
  output: string;
  value: number;
  grads: Record<string, number>;
  node_grads: Record<string, number>;
}

export interface RefMlp {
  name: string;
  nin: number;
  layers: number[];
  activation: "relu" | "tanh";
  loss: "mse" | "svm" | "ce";
  params: number[];
  x: number[];
  target: number;
  loss_value: number;
  grads: number[];
}

export interface RefTraining {
  name: string;
  sizes: number[];
  lr: number;
  steps: number;
  params: number[];
  xs: number[][];
  ys: number[];
  losses: number[];
  final_params: number[];
}

export const reference = JSON.parse(
  readFileSync(new URL("../fixtures/torch-gradients.json", import.meta.url), "utf8"),
) as { expressions: RefExpression[]; mlps: RefMlp[]; trainings: RefTraining[] };

/** Builds a reference program with the object engine; returns every named node. */
export function buildExpression(e: RefExpression): {
  nodes: Map<string, Value>;
  out: Value;
  consts: Set<string>;
} {
  const nodes = new Map<string, Value>();
  const consts = new Set<string>();
  for (const [name, x] of e.inputs) nodes.set(name, new Value(x, name));
  const get = (n: string | number | undefined): Value => {
    const v = nodes.get(String(n));
    if (!v) throw new Error(`${e.name}: unknown node ${n}`);
    return v;
  };
  for (const [out, op, a, b] of e.program) {
    let v: Value;
    switch (op) {
      case "const":
        v = new Value(a as number);
        consts.add(out);
        break;
      case "add":
        v = get(a).add(get(b));
        break;
      case "sub":
        v = get(a).sub(get(b));
        break;
      case "mul":
        v = get(a).mul(get(b));
        break;
      case "div":
        v = get(a).div(get(b));
        break;
      case "neg":
        v = get(a).neg();
        break;
      case "exp":
        v = get(a).exp();
        break;
      case "log":
        v = get(a).log();
        break;
      case "tanh":
        v = get(a).tanh();
        break;
      case "relu":
        v = get(a).relu();
        break;
      case "sigmoid":
        v = get(a).sigmoid();
        break;
      case "pow":
        v = get(a).pow(b as number);
        break;
      default:
        throw new Error(`${e.name}: unknown op ${op}`);
    }
    v.label = out;
    nodes.set(out, v);
  }
  return { nodes, out: get(e.output), consts };
}

/** |actual - expected| <= 1e-12 + rtol |expected| (NaN matches NaN, infinities match exactly). */
export function close(actual: number, expected: number, rtol = 1e-9): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= 1e-12 + rtol * Math.abs(expected);
}
