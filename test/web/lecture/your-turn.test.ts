/**
 * The "your turn" checker: the order backward() visits the nodes, the grads (the lecture's, derived by
 * hand in its first notebook), the hints in the learner's names, and reading answers.
 */
import { describe, expect, it } from "vitest";
import { evaluateProgram, type Value } from "../../../packages/micrograd-ts/src/index.js";
import { EXPRESSION_PROGRAM, TWICE_PROGRAM } from "../../../web/src/lecture/lessons.js";
import { checkAnswer, handSteps, hintFor, readAnswer } from "../../../web/src/lecture/your-turn.js";
import { NEURON_PROGRAM } from "../../../web/src/shared/lecture-cells.js";

const label = (v: Value) => v.label || "?";
const stepsOf = (source: string) => handSteps(evaluateProgram(source).output, label);

describe("handSteps", () => {
  it("L = (a*b + c)*f: the output first, each node after every node that uses it, the lecture's grads", () => {
    const steps = stepsOf(EXPRESSION_PROGRAM);
    const byName = Object.fromEntries(steps.map((s) => [s.name, s.expected]));
    // by hand (first notebook): dL/dL 1, dL/dd = f = -2, dL/df = d = 4, dL/dc = dL/de = -2, dL/da = b·(-2) = 6, dL/db = a·(-2) = -4
    expect(byName).toEqual({ L: 1, d: -2, f: 4, c: -2, e: -2, a: 6, b: -4 });
    expect(steps[0]?.name).toBe("L");
    const pos = new Map(steps.map((s, i) => [s.name, i]));
    for (const s of steps)
      for (const t of s.terms) expect(pos.get(t.consumerName)).toBeLessThan(pos.get(s.name) as number);
  });
  it("leaves the graph's grads at 0", () => {
    const out = evaluateProgram(EXPRESSION_PROGRAM).output;
    handSteps(out, label);
    expect(out.grad).toBe(0);
  });
  it("the neuron, with the lecture's labels: do/dn = 1 - o² = 0.5, b 0.5, x1 -1.5, w1 1, x2 0.5, w2 0", () => {
    const byName = Object.fromEntries(stepsOf(NEURON_PROGRAM).map((s) => [s.name, s.expected]));
    expect(byName.o).toBe(1);
    for (const [k, v] of Object.entries({
      n: 0.5,
      b: 0.5,
      "x1*w1 + x2*w2": 0.5,
      "x1*w1": 0.5,
      "x2*w2": 0.5,
      x1: -1.5,
      w1: 1,
      x2: 0.5,
    }))
      expect(byName[k]).toBeCloseTo(v, 12);
    expect(byName.w2).toBe(0);
  });
  it("a node used twice has one term per use", () => {
    const a = stepsOf(TWICE_PROGRAM).find((s) => s.name === "a");
    expect(a?.expected).toBe(2);
    expect(a?.terms.length).toBe(2);
    expect(hintFor(a as never, "b")).toMatch(/a is used 2 times: add local × upstream of each use/);
  });
});

describe("hints", () => {
  const steps = stepsOf(EXPRESSION_PROGRAM);
  const get = (n: string) => steps.find((s) => s.name === n) as (typeof steps)[number];
  it("the output: dL/dL = 1", () => expect(hintFor(get("L"), "L")).toBe("L is the output: dL/dL = 1."));
  it("d: the local derivative dL/dd = f = -2 and the upstream dL/dL = 1", () => {
    const h = hintFor(get("d"), "L");
    expect(h).toContain("dL/dd = f = -2");
    expect(h).toContain("upstream grad dL/dL = 1");
  });
  it("a: de/da = b = -3 and the upstream dL/de = -2", () => {
    const h = hintFor(get("a"), "L");
    expect(h).toContain("de/da = b = -3");
    expect(h).toContain("dL/de = -2");
  });
  it("a constant local derivative is not written twice: dd/de = 1", () => {
    const h = hintFor(get("e"), "L");
    expect(h).toContain("local derivative dd/de = 1;");
    expect(h).toContain("upstream grad dL/dd = -2");
  });
  it("names that are expressions get parentheses", () => {
    const out = evaluateProgram("p = 2\nq = 3\nr = p*q\ns = r + 1\n").output;
    const st = handSteps(out, (v) => (v.label === "r" ? "p*q" : v.label));
    expect(hintFor(st.find((x) => x.name === "p") as never, "s")).toContain("d(p*q)/dp = q = 3");
  });
});

describe("checkAnswer and readAnswer", () => {
  const steps = stepsOf(EXPRESSION_PROGRAM);
  const d = steps.find((s) => s.name === "d") as (typeof steps)[number];
  it("right within 1e-4, wrong outside, with the hint", () => {
    expect(checkAnswer(d, "-2", "L").kind).toBe("right");
    expect(checkAnswer(d, "-2.00009", "L").kind).toBe("right");
    const w = checkAnswer(d, "-2.0002", "L");
    expect(w.kind).toBe("wrong");
    expect(w.kind === "wrong" && w.hint).toContain("dL/dd = f = -2");
    expect(checkAnswer(d, "2", "L").kind).toBe("wrong");
  });
  it("formulas count: -1 * 2", () => expect(checkAnswer(d, "-1 * 2", "L").kind).toBe("right"));
  it("unreadable answers say why, never throw", () => {
    for (const t of ["", "   ", "abc", "2 +", "1/0", "x".repeat(600)]) {
      const v = checkAnswer(d, t, "L");
      expect(v.kind).toBe("unreadable");
    }
    expect(readAnswer("")).toEqual({ ok: false, error: "Type a number (or a formula) first." });
  });
  it("readAnswer: numbers and formulas in given names", () => {
    expect(readAnswer("1e-3")).toEqual({ ok: true, value: 0.001 });
    expect(readAnswer("-3*a**2", { a: 2 })).toEqual({ ok: true, value: -12 });
  });
});
