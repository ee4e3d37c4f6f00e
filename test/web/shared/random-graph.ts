/** Random Value graphs for property tests of the playground's graph logic. */
import fc from "fast-check";
import { Value } from "../../../packages/micrograd-ts/src/index.js";

export type OpSpec = { op: number; i: number; j: number; k: number };
const UNARY = ["neg", "exp", "tanh", "relu", "sigmoid", "pow", "log"] as const;
const BINARY = ["add", "sub", "mul", "div", "powv"] as const;

/** Builds a graph: leaves, then one value per op spec (the last is the root). */
export function build(leaves: number[], ops: OpSpec[]): Value[] {
  const vs = leaves.map((x, i) => new Value(x, `x${i}`));
  for (const { op, i, j, k } of ops) {
    const a = vs[i % vs.length];
    const b = vs[j % vs.length];
    const n = op % (UNARY.length + BINARY.length);
    let out: Value;
    if (n < UNARY.length) {
      const u = UNARY[n];
      if (u === "pow") out = a.pow(k);
      else if (u === "log") out = a.mul(a).add(1).log();
      else out = a[u]();
    } else {
      const bop = BINARY[n - UNARY.length];
      if (bop === "powv") out = a.mul(a).add(0.5).pow(b.tanh());
      else if (bop === "div") out = a.div(b.mul(b).add(1));
      else out = a[bop as "add" | "sub" | "mul"](b);
    }
    vs.push(out);
  }
  return vs;
}

/** Leaf values and op specs for `build`. */
export const arbGraph = fc.tuple(
  fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 4 }),
  fc.array(fc.record({ op: fc.nat(20), i: fc.nat(50), j: fc.nat(50), k: fc.constantFrom(2, 3, -1, 0.5) }), {
    minLength: 1,
    maxLength: 25,
  }),
);
