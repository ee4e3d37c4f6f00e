/**
 * The nudge panel's arithmetic: bump one input of a program by ±h and compare the slope of the output,
 * the central difference (f(x + h) - f(x - h)) / 2h, with the gradient backward computes. The lecture's
 * first experiment. The leaf nudged is the one the graph uses: with `a = 1; a = 2; y = a*a` it is the
 * second `a`, and only that leaf moves.
 */
import { compile } from "micrograd-ts";
import { evaluateNamed, type ProgramInput } from "../shared/program-graph.js";
import { validH } from "./expression-link.js";

/** One nudge: the numbers the panel shows. */
export interface NudgeResult {
  /** The input's key (its name, or `name#k` when the name is assigned a number more than once). */
  input: string;
  /** The input's name and line. */
  name: string;
  line: number;
  h: number;
  /** The input's value. */
  x: number;
  /** The output at x - h, x and x + h. */
  fMinus: number;
  f0: number;
  fPlus: number;
  /** (fPlus - fMinus) / 2h: its error shrinks like h², where the one-sided slope's shrinks like h. */
  numeric: number;
  /** d output / d input from backward(), on a fresh graph. */
  analytic: number;
  /** |numeric - analytic| */
  difference: number;
}

/** The inputs a program's output depends on (what the nudge panel offers). @throws ParseError */
export function nudgeInputs(source: string): ProgramInput[] {
  return evaluateNamed(source).inputs;
}

/**
 * Evaluates `source`, runs backward, and evaluates the output again with the chosen input at x + h and
 * x - h (the same graph replayed with `compile`, only that leaf changed).
 * @param input an input's key from `nudgeInputs` (its name when the name is assigned a number once)
 * @throws ParseError for a bad program; RangeError for an input the output does not depend on or a bad h
 */
export function nudge(source: string, input: string, h: number): NudgeResult {
  if (typeof h !== "number" || !validH(h)) {
    throw new RangeError(`h must be a number with |h| from 1e-12 to 1000, got ${String(h)}`);
  }
  const pg = evaluateNamed(source);
  const chosen = pg.inputs.find((i) => i.key === input);
  if (!chosen) {
    const keys = pg.inputs.map((i) => i.key);
    const unused = pg.evaluation.inputs.some((v) => v.label === input);
    throw new RangeError(
      unused
        ? `input ${JSON.stringify(input)} does not change the output (it is reassigned before it is used); the output depends on: ${keys.length ? keys.join(", ") : "no input"}`
        : `no input named ${JSON.stringify(input)}; the program's inputs are: ${keys.length ? keys.join(", ") : "none"}`,
    );
  }
  const out = pg.evaluation.output;
  const leaf = chosen.leaf;
  out.zeroGrad(); // the program may have run backward() itself
  out.backward();
  const x = leaf.data;
  const f0 = out.data;
  const graph = compile(out);
  const up = x + h;
  const down = x - h;
  leaf.data = up;
  const fPlus = graph.forward();
  leaf.data = down;
  const fMinus = graph.forward();
  leaf.data = x;
  // divide by the step the floats really took (x + h - (x - h) is 2h only up to rounding)
  const numeric = (fPlus - fMinus) / (up - down);
  return {
    input,
    name: chosen.name,
    line: chosen.line,
    h,
    x,
    fMinus,
    f0,
    fPlus,
    numeric,
    analytic: leaf.grad,
    difference: Math.abs(numeric - leaf.grad),
  };
}
