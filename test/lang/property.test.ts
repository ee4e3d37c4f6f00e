import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateProgram, gradcheck, type Value } from "../../src/index.js";

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

const expr: fc.Arbitrary<Gen> = fc.letrec<{ e: Gen }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.tuple(tie("e"), fc.constantFrom("+", "-", "*"), tie("e")).map(([l, op, r]) => ({
      text: `(${l.text}) ${op} (${r.text})`,
      value: op === "+" ? l.value + r.value : op === "-" ? l.value - r.value : l.value * r.value,
    })),
    tie("e").map((x) => ({ text: `-(${x.text})`, value: -x.value })),
    tie("e").map((x) => ({ text: `tanh(${x.text})`, value: Math.tanh(x.value) })),
    tie("e").map((x) => ({ text: `(${x.text}) ** 2`, value: x.value ** 2 })),
  ),
})).e;

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
      fc.property(expr, (g) => {
        const source = `${header}\n${g.text}`;
        const f = (a: Value, b: Value, c: Value) => evaluateProgram(source, { inputs: { a, b, c } }).output;
        const r = gradcheck(f, Object.values(NAMES), { atol: 1e-4, rtol: 1e-4 });
        expect(r.inputs.filter((x) => !x.ok)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it("never throws anything but a ParseError on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."ab12.e+-*/()=;\n #,xtanh".split("")) }), (s) => {
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
