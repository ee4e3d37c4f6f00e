/**
 * The lecture view's computations against the lecture's printed numbers (its notebooks, in
 * /work/shared/lecture, and the PyTorch cell): every expected value here is the notebook's.
 */
import { describe, expect, it } from "vitest";
import { evaluateProgram } from "../../../packages/micrograd-ts/src/index.js";
import {
  BUMPS_PROGRAM,
  DERIVATIVE_PROGRAM,
  EXERCISE_1_PROGRAM,
  EXERCISE_2_PROGRAM,
  EXPRESSION_PROGRAM,
  NEURON_EXP_PROGRAM,
  OVERVIEW_PROGRAM,
  TWICE_PROGRAM,
  TWICE_PROGRAM_2,
} from "../../../web/src/lecture/lessons.js";
import {
  backwardOverwriting,
  bump,
  centralDifference,
  float32Inputs,
  functionOf,
  inputsOf,
  optimizationStep,
  outputAt,
  secant,
} from "../../../web/src/lecture/numbers.js";
import { NEURON_PROGRAM } from "../../../web/src/shared/lecture-cells.js";

const grads = (source: string, inputs: Record<string, number> = {}) => {
  const ev = evaluateProgram(source, { inputs });
  // a fresh pass: some of the lecture's cells call backward() themselves
  ev.output.zeroGrad();
  ev.output.backward();
  return { out: ev.output.data, grad: Object.fromEntries(ev.inputs.map((v) => [v.label, v.grad])) };
};

describe("the first chapters' derivatives", () => {
  const f = functionOf(DERIVATIVE_PROGRAM, "x");
  it("f(3.0) = 20 (notebook cell 2)", () => expect(f(3)).toBe(20));
  it("the secant at x = 2/3, h = 1e-6 prints 2.999378523327323e-06 (cell 4)", () => {
    expect(secant(f, 2 / 3, 1e-6).slope).toBe(2.999378523327323e-6);
  });
  it("x = 3, h = 0.001: 14.003 (the video); python3 prints (f(3.001) - f(3))/0.001 as 14.00300000000243", () => {
    expect(secant(f, 3, 0.001).slope).toBe(14.00300000000243);
  });
  it("h = 1e-17: exactly 0, since 3 + 1e-17 === 3", () => {
    expect(3 + 1e-17).toBe(3);
    expect(secant(f, 3, 1e-17).slope).toBe(0);
  });
  it("d = a*b + c: d1 4, d2 4.0001, slope 0.9999999999976694 for c (cell 6)", () => {
    const r = bump(BUMPS_PROGRAM, "c", 0.0001);
    expect(r.y1).toBe(4);
    expect(String(r.y2)).toBe("4.0001");
    expect(r.slope).toBe(0.9999999999976694);
  });
  it("bumping a gives about -3 (b), bumping b about 2 (a)", () => {
    expect(bump(BUMPS_PROGRAM, "a", 0.0001).slope).toBeCloseTo(-3, 9);
    expect(bump(BUMPS_PROGRAM, "b", 0.0001).slope).toBeCloseTo(2, 9);
    expect(() => bump(BUMPS_PROGRAM, "z", 0.1)).toThrow(/"z" is not an input/);
  });
  it("central difference of f at 3 is 6·3 − 4 = 14", () => {
    expect(centralDifference(f, 3, 1e-4)).toBeCloseTo(14, 6);
  });
});

describe("the expression L = (a*b + c) * f", () => {
  it("L = -8 (cell 7) and the hand-derived grads of the lecture", () => {
    const g = grads(EXPRESSION_PROGRAM);
    expect(g.out).toBe(-8);
    expect(g.grad).toEqual({ a: 6, b: -4, c: -2, f: 4 });
  });
  it("lol(): bump b by 0.001 prints -3.9999999999995595 (cell 11)", () => {
    expect(bump(EXPRESSION_PROGRAM, "b", 0.001).slope).toBe(-3.9999999999995595);
  });
  it("one step of 0.01 * grad: L goes from -8 to -7.286496 (cell 10)", () => {
    const s = optimizationStep(EXPRESSION_PROGRAM, 0.01);
    expect(s.before).toBe(-8);
    expect(s.after).toBe(-7.286496);
    expect(s.next).toEqual({ a: 2.06, b: -3.04, c: 9.98, f: -1.96 });
  });
});

/** The lecture's printed o (cell 16), as printed (it equals Math.SQRT1_2). */
const LECTURE_O = Number("0.7071067811865476");

describe("the neuron", () => {
  it("o = 0.7071067811865476 and 1 - o**2 = 0.4999999999999999 (cells 16 and 29) with the lecture's tanh formula", () => {
    // the lecture's tanh is (exp(2x) - 1)/(exp(2x) + 1): the exp program computes exactly that
    const o = outputAt(NEURON_EXP_PROGRAM);
    expect(o).toBe(LECTURE_O);
    expect(1 - o ** 2).toBe(0.4999999999999999);
    // the engine's tanh op (Math.tanh) is one bit away
    expect(Math.abs(outputAt(NEURON_PROGRAM) - LECTURE_O)).toBeLessThanOrEqual(2e-16);
  });
  it("the grads the lecture fills in by hand: x1 -1.5, w1 1, x2 0.5, w2 0 (cells 23-28)", () => {
    const g = grads(NEURON_PROGRAM).grad;
    expect(g.x1).toBeCloseTo(-1.5, 12);
    expect(g.w1).toBeCloseTo(1, 12);
    expect(g.x2).toBeCloseTo(0.5, 12);
    expect(g.w2).toBe(0);
    expect(g.b).toBeCloseTo(0.5, 12);
  });
  it("tanh through exp gives the same forward value and grads", () => {
    const a = grads(NEURON_PROGRAM);
    const b = grads(NEURON_EXP_PROGRAM);
    expect(b.out).toBeCloseTo(a.out, 15);
    for (const k of ["x1", "w1", "x2", "w2", "b"]) expect(b.grad[k]).toBeCloseTo(a.grad[k], 12);
  });
  it("float32 inputs print PyTorch's digits exactly (second notebook, cell 13)", () => {
    const inputs = float32Inputs(NEURON_PROGRAM);
    expect(inputs.b).toBe(6.881373405456543);
    const g = grads(NEURON_PROGRAM, inputs);
    expect(g.out).toBe(0.7071066904050358);
    expect(g.grad.x2).toBe(0.5000001283844369);
    expect(g.grad.w2).toBe(0);
    expect(g.grad.x1).toBe(-1.5000003851533106);
    expect(g.grad.w1).toBe(1.0000002567688737);
  });
});

describe("a node used twice", () => {
  it("b = a + a: da = 2 accumulating, 1 with the overwrite bug", () => {
    expect(grads(TWICE_PROGRAM).grad.a).toBe(2);
    const ev = evaluateProgram(TWICE_PROGRAM);
    backwardOverwriting(ev.output);
    expect(ev.inputs[0]?.grad).toBe(1);
  });
  it("f = (a*b)*(a+b): a.grad -3, b.grad -8 (cell 32); the bug gives something else", () => {
    expect(grads(TWICE_PROGRAM_2).grad).toEqual({ a: -3, b: -8 });
    const ev = evaluateProgram(TWICE_PROGRAM_2);
    backwardOverwriting(ev.output);
    const [a, b] = ev.inputs;
    // by hand: f's backward sets d.grad = e = 1, e.grad = d = -6; then whichever of d and e runs last
    // overwrites a and b: d last gives (b, a) = (3, -2), e last gives (-6, -6)
    const pair = [a?.grad, b?.grad];
    expect([
      [3, -2],
      [-6, -6],
    ]).toContainEqual(pair);
  });
});

describe("the overview and the exercises", () => {
  it("micrograd's README: g = 24.7041, dg/da = 138.8338, dg/db = 645.5773", () => {
    const g = grads(OVERVIEW_PROGRAM);
    expect(g.out.toFixed(4)).toBe("24.7041");
    expect(g.grad.a?.toFixed(4)).toBe("138.8338");
    expect(g.grad.b?.toFixed(4)).toBe("645.5773");
  });
  it("exercise 1: the gradient [-12.353553390593273, 10.25699027111255, 0.0625]", () => {
    const g = grads(EXERCISE_1_PROGRAM).grad;
    const expected = [-12.353553390593273, 10.25699027111255, 0.0625];
    [g.a, g.b, g.c].forEach((v, i) => {
      expect(Math.abs((v as number) - expected[i])).toBeLessThanOrEqual(1e-9 * Math.abs(expected[i]));
    });
    const f = (name: string) => functionOf(EXERCISE_1_PROGRAM, name);
    const x = Object.fromEntries(inputsOf(EXERCISE_1_PROGRAM).map((i) => [i.name, i.value]));
    for (const [i, n] of ["a", "b", "c"].entries()) {
      expect(centralDifference(f(n), x[n], 1e-6)).toBeCloseTo(expected[i], 6);
    }
  });
  it("exercise 2: NLL of class 3 is 2.1755153626167147 within 1e-15, grads p_i - [i = 3]", () => {
    const g = grads(EXERCISE_2_PROGRAM);
    expect(Math.abs(g.out - 2.1755153626167147)).toBeLessThanOrEqual(1e-15);
    const expected = [0.0417725705153504, 0.839024507462532, 0.00565330266221633, -0.886450380640099];
    ["l0", "l1", "l2", "l3"].forEach((n, i) => {
      expect(g.grad[n]).toBeCloseTo(expected[i], 12);
    });
  });
});
