import { describe, expect, it } from "vitest";
import { ParseError } from "../../packages/micrograd-ts/src/index.js";
import { nudge } from "../../web/src/nudge.js";
import { PRESETS } from "../../web/src/presets.js";

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

  it("reproduces micrograd's README numbers", () => {
    const a = nudge(source("readme"), "a", 1e-6);
    const b = nudge(source("readme"), "b", 1e-6);
    expect(a.f0.toFixed(4)).toBe("24.7041");
    expect(a.analytic.toFixed(4)).toBe("138.8338");
    expect(b.analytic.toFixed(4)).toBe("645.5773");
    expect(a.numeric).toBeCloseTo(138.8338, 2);
    expect(b.numeric).toBeCloseTo(645.5773, 1);
  });

  it("shows the forward difference, not a centred one (its error shrinks with h)", () => {
    const coarse = nudge("x = 1; y = x ** 3", "x", 0.1);
    expect(coarse.numeric).toBeCloseTo((1.1 ** 3 - 1) / 0.1, 12);
    expect(coarse.difference).toBeGreaterThan(0.3);
    expect(nudge("x = 1; y = x ** 3", "x", 1e-4).difference).toBeLessThan(1e-3);
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
    expect(() => nudge("a = 2; L = a * a", "a", 0)).toThrow(RangeError);
    expect(() => nudge("a = 2; L = a * a", "a", Number.NaN)).toThrow(RangeError);
  });
});
