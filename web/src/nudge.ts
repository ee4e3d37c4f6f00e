/**
 * The nudge panel's arithmetic: bump one input of a program by h and compare the slope of the output,
 * (f(x + h) - f(x)) / h, with the gradient backward computes. The lecture's first experiment.
 */
import { evaluateProgram, parseProgram } from "micrograd-ts";
import { validH } from "./share.js";

/** One nudge: the numbers the panel shows. */
export interface NudgeResult {
  input: string;
  h: number;
  /** The input's value. */
  x: number;
  /** The output at x and at x + h. */
  f0: number;
  f1: number;
  /** (f1 - f0) / h */
  numeric: number;
  /** d output / d input from backward(), on a fresh graph. */
  analytic: number;
  /** |numeric - analytic| */
  difference: number;
}

/**
 * Evaluates `source` at its inputs and with `input` nudged by `h`.
 * @throws ParseError for a bad program; RangeError for an input the program does not have or a bad h
 */
export function nudge(source: string, input: string, h: number): NudgeResult {
  if (typeof h !== "number" || !validH(h)) {
    throw new RangeError(`h must be a number with |h| from 1e-12 to 1000, got ${String(h)}`);
  }
  const program = parseProgram(source);
  const base = evaluateProgram(program);
  const leaf = base.inputs.find((v) => v.label === input);
  if (!leaf) {
    const names = [...new Set(base.inputs.map((v) => v.label))];
    throw new RangeError(
      `no input named ${JSON.stringify(input)}; the program's inputs are: ${names.length ? names.join(", ") : "none"}`,
    );
  }
  base.output.backward();
  const x = leaf.data;
  const f0 = base.output.data;
  const f1 = evaluateProgram(program, { inputs: { [input]: x + h } }).output.data;
  const numeric = (f1 - f0) / h;
  return { input, h, x, f0, f1, numeric, analytic: leaf.grad, difference: Math.abs(numeric - leaf.grad) };
}
