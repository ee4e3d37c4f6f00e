/**
 * The lecture's small computations, done by this library on the lessons' programs: run a program at
 * other inputs, the one-sided slope of the first chapters (and its secant), the central difference, one
 * optimization step, backward with the "overwrite instead of accumulate" bug, and inputs rounded to
 * float32 as `torch.Tensor` rounds them. Pure (no DOM).
 */
import { evaluateProgram, localGradients, topoOrder, type Value } from "micrograd-ts";

/** The output of `source` with some inputs (names assigned a number) replaced. */
export function outputAt(source: string, inputs: Readonly<Record<string, number>> = {}): number {
  return evaluateProgram(source, { inputs }).output.data;
}

/** The inputs of a program (names assigned a plain number) with their numbers, in program order. */
export function inputsOf(source: string): { name: string; value: number }[] {
  return evaluateProgram(source).inputs.map((v) => ({ name: v.label, value: v.data }));
}

/** What bumping one input by h does: the output before (y1) and after (y2), and (y2 − y1)/h. */
export interface Bump {
  y1: number;
  y2: number;
  slope: number;
}

/**
 * The lecture's one-sided slope: run the program, add h to one input (`c += h`), run it again.
 * @throws Error if `name` is not an input of the program
 */
export function bump(source: string, name: string, h: number): Bump {
  const x = inputsOf(source).find((i) => i.name === name);
  if (!x) throw new Error(`"${name}" is not an input of the program (a name assigned a number)`);
  const y1 = outputAt(source);
  const y2 = outputAt(source, { [name]: x.value + h });
  return { y1, y2, slope: (y2 - y1) / h };
}

/** The program's output as a function of one input: for plotting and the secant. */
export function functionOf(source: string, name: string): (x: number) => number {
  return (x) => outputAt(source, { [name]: x });
}

/** The secant of f through x and x + h: f(x), f(x + h) and the slope (f(x + h) − f(x))/h. */
export function secant(
  f: (x: number) => number,
  x: number,
  h: number,
): { fx: number; fxh: number; slope: number } {
  const fx = f(x);
  const fxh = f(x + h);
  return { fx, fxh, slope: (fxh - fx) / h };
}

/** The central difference (f(x + h) − f(x − h)) / 2h. */
export function centralDifference(f: (x: number) => number, x: number, h: number): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

/** One optimization step of the lecture: the output before, each input's grad, and the output after. */
export interface OptimizationStep {
  before: number;
  grads: { name: string; value: number; grad: number }[];
  after: number;
  /** The inputs after the step (to step again). */
  next: Record<string, number>;
}

/**
 * Runs the program at `inputs`, backward, then `data += rate × grad` for every input (the lecture's
 * `a.data += 0.01 * a.grad`, …), and runs it again.
 */
export function optimizationStep(
  source: string,
  rate = 0.01,
  inputs: Readonly<Record<string, number>> = {},
): OptimizationStep {
  const ev = evaluateProgram(source, { inputs });
  ev.output.backward();
  const next: Record<string, number> = {};
  const grads = ev.inputs.map((v) => {
    next[v.label] = v.data + rate * v.grad;
    return { name: v.label, value: v.data, grad: v.grad };
  });
  return { before: ev.output.data, grads, after: outputAt(source, next), next };
}

/**
 * Backward with the lecture's bug: each node *sets* its parents' grads (`grad = local × upstream`)
 * instead of adding to them, so a node used twice keeps only the last contribution. Grads start at 0;
 * the root's is 1. Changes the graph's grads, like `backward()`.
 */
export function backwardOverwriting(root: Value): void {
  const topo = topoOrder(root);
  for (const v of topo) v.grad = 0;
  root.grad = 1;
  for (let i = topo.length - 1; i >= 0; i--) {
    const v = topo[i] as Value;
    const locals = localGradients(v);
    v.prev.forEach((p, k) => {
      p.grad = (locals[k] as number) * v.grad;
    });
  }
}

/** Every input of the program rounded to float32, as `torch.Tensor([x]).double()` stores it. */
export function float32Inputs(source: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of inputsOf(source)) out[i.name] = Math.fround(i.value);
  return out;
}
