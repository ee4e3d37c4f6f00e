import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateProgram, gradcheck, type Value } from "../../packages/micrograd-ts/src/index.js";

/** A random expression as source text and its value computed with plain numbers (no Values). */
interface Gen {
  text: string;
  value: number;
}

const NAMES = { a: 0.7, b: -1.3, c: 2.1 } as const;

const leaf: fc.Arbitrary<Gen> = fc.oneof(
  fc
    .constantFrom(...(Object.keys(NAMES) as (keyof typeof NAMES)[]))
    .map((n) => ({ text: n, value: NAMES[n] })),
  fc.integer({ min: 1, max: 9 }).map((k) => ({ text: String(k / 4), value: k / 4 })),
);

/** A unary function written as a call `f(x)` or a method `(x).f()`, with its plain-number value. */
const unary = (e: fc.Arbitrary<Gen>, name: string, f: (x: number) => number): fc.Arbitrary<Gen> =>
  fc.tuple(e, fc.boolean()).map(([x, method]) => ({
    text: method ? `(${x.text}).${name}()` : `${name}(${x.text})`,
    value: f(x.value),
  }));

/**
 * Random expressions. `kinks` adds abs, relu, max and min: the value test uses them, the finite-difference
 * test does not (two different subexpressions can tie at the point, e.g. c - a = a + a at a = 0.7, c = 2.1,
 * and a central difference across a kink is not the one-sided derivative).
 */
const expressions = (kinks: boolean): fc.Arbitrary<Gen> =>
  fc.letrec<{ e: Gen }>((tie) => {
    // for the finite-difference test every subexpression stays within ±30: sin and cos of c.pow(3).pow(3)
    // (~794) swing faster than the difference step can follow, and such a central difference is noise
    const e = kinks ? tie("e") : tie("e").filter((g) => Math.abs(g.value) <= 30);
    const smooth: fc.Arbitrary<Gen>[] = [
      leaf,
      fc.tuple(e, fc.constantFrom("+", "-", "*"), e).map(([l, op, r]) => ({
        text: `(${l.text}) ${op} (${r.text})`,
        value: op === "+" ? l.value + r.value : op === "-" ? l.value - r.value : l.value * r.value,
      })),
      e.map((x) => ({ text: `-(${x.text})`, value: -x.value })),
      unary(e, "tanh", Math.tanh),
      unary(e, "sin", Math.sin),
      unary(e, "cos", Math.cos),
      e.map((x) => ({ text: `(${x.text}) ** 2`, value: x.value ** 2 })),
      e.map((x) => ({ text: `(${x.text}).pow(3)`, value: x.value ** 3 })),
      fc.array(e, { minLength: 1, maxLength: 3 }).map((xs) => ({
        text: `sum(${xs.map((x) => x.text).join(", ")})`,
        value: xs.reduce((acc, x) => acc + x.value, 0), // left to right from 0, as Python's sum
      })),
    ];
    const kinked: fc.Arbitrary<Gen>[] = [
      unary(e, "abs", Math.abs),
      unary(e, "relu", (x) => Math.max(0, x)),
      fc.tuple(fc.constantFrom("max", "min"), fc.array(e, { minLength: 1, maxLength: 3 })).map(([f, xs]) => ({
        text: `${f}(${xs.map((x) => x.text).join(", ")})`,
        value: (f === "max" ? Math.max : Math.min)(...xs.map((x) => x.value)),
      })),
    ];
    return {
      e: fc.oneof({ depthSize: "small", withCrossShrink: true }, ...smooth, ...(kinks ? kinked : [])),
    };
  }).e;

const expr = expressions(true);
const smoothExpr = expressions(false);

const header = Object.entries(NAMES)
  .map(([n, v]) => `${n} = ${v}`)
  .join("\n");

describe("expression language properties", () => {
  it("evaluates random expressions like plain arithmetic", () => {
    fc.assert(
      fc.property(expr, (g) => {
        const got = evaluateProgram(`${header}\n${g.text}`).output.data;
        expect(Math.abs(got - g.value)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(g.value)));
      }),
      { numRuns: 300 },
    );
  });

  it("gives gradients that agree with finite differences", () => {
    fc.assert(
      fc.property(smoothExpr, (g) => {
        const source = `${header}\n${g.text}`;
        const f = (a: Value, b: Value, c: Value) => evaluateProgram(source, { inputs: { a, b, c } }).output;
        const r = gradcheck(f, Object.values(NAMES), { atol: 1e-4, rtol: 1e-4 });
        expect(r.inputs.filter((x) => !x.ok)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it("compound assignment is the same graph as the assignment written out (c += x is c = c + (x))", () => {
    const step = fc.tuple(fc.constantFrom("+", "-", "*", "/", "**"), expr);
    fc.assert(
      fc.property(expr, fc.array(step, { maxLength: 5 }), (first, steps) => {
        const rhs = (op: string, x: Gen) => (op === "**" ? "2" : x.text);
        const compound = [`t = ${first.text}`, ...steps.map(([op, x]) => `t ${op}= ${rhs(op, x)}`)];
        const written = [`t = ${first.text}`, ...steps.map(([op, x]) => `t = t ${op} (${rhs(op, x)})`)];
        const run = (lines: string[]) => {
          const e = evaluateProgram(`${header}\n${lines.join("\n")}`);
          e.output.backward();
          return [e.output.data, e.output.op, ...e.inputs.map((v) => v.grad)];
        };
        const got = run(compound);
        const want = run(written);
        expect(got.every((x, i) => Object.is(x, want[i]))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("never throws anything but a ParseError on arbitrary text", () => {
    const units = [
      ..."ab12.e+-*/()=;\n #,xtanh".split(""),
      "max(",
      "sum(",
      ".relu()",
      ".pow(",
      "+=",
      "**=",
      "abs",
    ];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...units) }), (s) => {
        try {
          evaluateProgram(s);
        } catch (e) {
          expect((e as Error).name).toBe("ParseError");
          expect((e as Error).message).toMatch(/^\d+:\d+: /);
        }
      }),
      { numRuns: 500 },
    );
  });
});
