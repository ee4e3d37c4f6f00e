import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradcheck, Value } from "../../packages/micrograd-ts/src/index.js";

describe("gradcheck", () => {
  it("passes for correct gradients and reports per input", () => {
    const r = gradcheck(
      (a, b) =>
        (a as Value)
          .mul(b as Value)
          .tanh()
          .add((a as Value).exp()),
      [0.3, -1.2],
    );
    expect(r.ok).toBe(true);
    expect(r.inputs).toHaveLength(2);
    for (const i of r.inputs) {
      expect(i.absError).toBeLessThan(1e-7);
      expect(i.ok).toBe(true);
    }
    // d/da of tanh(ab) + e^a = b (1 - tanh(ab)^2) + e^a, computed by hand here
    const t = Math.tanh(0.3 * -1.2);
    expect(r.inputs[0]?.numeric).toBeCloseTo(-1.2 * (1 - t * t) + Math.exp(0.3), 7);
  });

  it("catches a wrong gradient (a function whose backward is not its forward)", () => {
    // relu at a kink: numeric slope is 0.5, analytic is 0 (a real, documented disagreement)
    const r = gradcheck((x) => (x as Value).relu(), [0]);
    expect(r.ok).toBe(false);
    expect(r.inputs[0]?.analytic).toBe(0);
    expect(r.inputs[0]?.numeric).toBeCloseTo(0.5, 6);
  });

  it("validates its arguments", () => {
    // @ts-expect-error runtime check
    expect(() => gradcheck(3, [1])).toThrow(/f must be a function/);
    // @ts-expect-error runtime check
    expect(() => gradcheck((x) => x, ["a"])).toThrow(/inputs must be an array of numbers/);
    expect(() => gradcheck((x) => x as Value, [1], { eps: 0 })).toThrow(/eps must be a finite number > 0/);
    // @ts-expect-error runtime check
    expect(() => gradcheck(() => 3, [1])).toThrow(/f must return a Value, got number 3/);
  });
});

/** A random expression over two inputs, built from every op, kept in a smooth region. */
type Expr = { op: string; args: Expr[] } | { leaf: number };
const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: 0, max: 1 }).map((i) => ({ leaf: i })),
    fc.record({ op: fc.constantFrom("add", "sub", "mul"), args: fc.tuple(tie("e"), tie("e")) }),
    fc.record({
      op: fc.constantFrom("tanh", "sigmoid", "neg", "sq", "softdiv", "explog"),
      args: fc.tuple(tie("e")),
    }),
  ),
})).e;

function build(e: Expr, xs: Value[]): Value {
  if ("leaf" in e) return xs[e.leaf];
  const [a, b] = e.args.map((x) => build(x, xs)) as [Value, Value];
  switch (e.op) {
    case "add":
      return a.add(b);
    case "sub":
      return a.sub(b);
    case "mul":
      return a.mul(b);
    case "tanh":
      return a.tanh();
    case "sigmoid":
      return a.sigmoid();
    case "neg":
      return a.neg();
    case "sq":
      return a.pow(2);
    case "softdiv": // 1 / (1 + a^2): div with a denominator away from 0
      return new Value(1).div(a.pow(2).add(1));
    default: // log(1 + exp(a)): exp and log, both defined everywhere
      return a.tanh().exp().add(1).log();
  }
}

describe("property: analytic gradients equal central differences on random graphs", () => {
  it("for random expressions and points", () => {
    fc.assert(
      fc.property(
        exprArb,
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (e, x0, x1) => {
          const r = gradcheck((a, b) => build(e, [a as Value, b as Value]).tanh(), [x0, x1], {
            atol: 1e-4,
            rtol: 1e-3,
          });
          return r.ok;
        },
      ),
      { numRuns: 200 },
    );
  });

  it("accumulation: f(x) + f(x) has twice the gradient of f(x), shared node or not", () => {
    fc.assert(
      fc.property(exprArb, fc.double({ min: -2, max: 2, noNaN: true }), (e, x0) => {
        const x = new Value(x0);
        const y = new Value(0.5);
        const f = build(e, [x, y]);
        f.backward();
        const once = x.grad;
        x.grad = 0;
        f.add(f).backward();
        return Math.abs(x.grad - 2 * once) <= 1e-12 * Math.max(1, Math.abs(once));
      }),
      { numRuns: 100 },
    );
  });
});
