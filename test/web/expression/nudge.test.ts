import { describe, expect, it } from "vitest";
import { ParseError } from "../../../packages/micrograd-ts/src/index.js";
import { nudge, nudgeInputs } from "../../../web/src/expression/nudge.js";
import { PRESETS } from "../../../web/src/expression/presets.js";

const source = (id: string) => PRESETS.find((p) => p.id === id)?.source as string;

describe("nudge", () => {
  it("matches the lecture's slope for L = (a*b + c) * f: dL/da = 6", () => {
    const r = nudge(source("lecture"), "a", 0.001);
    expect(r.x).toBe(2);
    expect(r.f0).toBe(-8);
    expect(r.analytic).toBe(6);
    // L is linear in a, so the slope is 6 up to rounding
    expect(r.numeric).toBeCloseTo(6, 8);
    expect(r.difference).toBeLessThan(1e-8);
  });

  it("reproduces micrograd's README numbers, with the panel's default h = 0.001", () => {
    const a = nudge(source("readme"), "a", 0.001);
    const b = nudge(source("readme"), "b", 0.001);
    expect(a.f0.toFixed(4)).toBe("24.7041");
    expect(a.analytic.toFixed(4)).toBe("138.8338");
    expect(b.analytic.toFixed(4)).toBe("645.5773");
    // the one-sided slope was 139.04 here; the central one is within h² of the gradient
    expect(Math.abs(a.numeric - 138.8338)).toBeLessThan(0.01);
    expect(Math.abs(b.numeric - 645.5773)).toBeLessThan(0.01);
  });

  it("shows the central difference (f(x+h) - f(x-h)) / 2h, whose error shrinks like h²", () => {
    // y = x³ at x = 1: ((1+h)³ - (1-h)³) / 2h = 3 + h², so the error is exactly h² (by algebra)
    const coarse = nudge("x = 1; y = x ** 3", "x", 0.1);
    expect(coarse.fPlus).toBeCloseTo(1.331, 12);
    expect(coarse.fMinus).toBeCloseTo(0.729, 12);
    expect(coarse.numeric).toBeCloseTo(3.01, 12);
    expect(coarse.difference).toBeCloseTo(0.01, 12);
    expect(nudge("x = 1; y = x ** 3", "x", 0.01).difference).toBeCloseTo(1e-4, 9);
  });

  it("nudges the leaf the graph uses when a name is reassigned", () => {
    // a = 1 is dead: the output is (a = 2)², whose slope is 4 (the old panel said -2998)
    const r = nudge("a = 1; a = 2; y = a*a", "a", 0.001);
    expect([r.x, r.line, r.analytic]).toEqual([2, 1, 4]);
    expect(r.numeric).toBeCloseTo(4, 9);
    // both assignments used: each leaf has its own slope, and only that leaf moves
    const source2 = "a = 1\nb = a * 3\na = 2\ny = a * b";
    expect(nudgeInputs(source2).map((i) => i.key)).toEqual(["a#1", "a#2"]);
    const first = nudge(source2, "a#1", 0.001); // y = a2 * 3 a1: dy/da1 = 3 a2 = 6
    const second = nudge(source2, "a#2", 0.001); // dy/da2 = b = 3
    expect([first.x, first.analytic, second.x, second.analytic]).toEqual([1, 6, 2, 3]);
    expect(first.numeric).toBeCloseTo(6, 9);
    // a += 3 rebinds a to a new node; the input is the leaf: y = (a + 3)², dy/da = 2(a + 3) = 10
    const compound = nudge("a = 2\na += 3\ny = a * a", "a", 0.001);
    expect([compound.x, compound.analytic]).toEqual([2, 10]);
    expect(compound.numeric).toBeCloseTo(10, 9);
    expect(second.numeric).toBeCloseTo(3, 9);
  });

  it("gives the summed gradient for b = a + a", () => {
    const r = nudge(source("accumulate"), "a", 0.01);
    expect(r.analytic).toBe(2);
    expect(r.numeric).toBeCloseTo(2, 10);
  });

  it("explains bad input", () => {
    expect(() => nudge("a = 2; L = a *", "a", 0.1)).toThrow(ParseError);
    expect(() => nudge("a = 2; L = a * a", "z", 0.1)).toThrow(
      'no input named "z"; the program\'s inputs are: a',
    );
    expect(() => nudge("a = 1; a = 2; L = a * a", "a#1", 0.1)).toThrow(/no input named "a#1"/);
    expect(() => nudge("a = 1; b = 2; L = b * b", "a", 0.1)).toThrow(/"a" does not change the output/);
    expect(() => nudge("a = 2; L = a * a", "a", 0)).toThrow(RangeError);
    expect(() => nudge("a = 2; L = a * a", "a", Number.NaN)).toThrow(RangeError);
  });
});
