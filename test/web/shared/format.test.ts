import { describe, expect, it } from "vitest";
import { fixed, pythonRepr, short } from "../../../web/src/shared/format.js";

describe("number formatting", () => {
  it("fixed: the lecture's 4 digits, readable non-finite values", () => {
    expect(fixed(138.83381)).toBe("138.8338");
    expect(fixed(-2)).toBe("-2.0000");
    expect(fixed(0.5, 2)).toBe("0.50");
    expect([fixed(Number.NaN), fixed(Number.POSITIVE_INFINITY), fixed(Number.NEGATIVE_INFINITY)]).toEqual([
      "nan",
      "inf",
      "-inf",
    ]);
  });

  it("short: 4 significant digits, exponents for very large or small magnitudes", () => {
    expect(short(0.7578123)).toBe("0.7578");
    expect(short(-12.34567)).toBe("-12.35");
    expect(short(0)).toBe("0");
    expect(short(123456)).toBe("1.235e+5");
    expect(short(0.0001234)).toBe("1.234e-4");
    expect(short(Number.NaN)).toBe("nan");
  });
});

describe("pythonRepr", () => {
  it("prints floats as CPython's repr does (expected strings from python3's print of a list)", () => {
    const xs = [
      2.999378523327323e-6, 20, 4.0001, -8, 1e16, 1.5e16, 0.0001, 0.00001, 123456789012345680, 1e-7,
      0.4999999999999999, -3.9999999999995595,
    ];
    const python =
      "[2.999378523327323e-06, 20.0, 4.0001, -8.0, 1e+16, 1.5e+16, 0.0001, 1e-05, 1.2345678901234568e+17, 1e-07, 0.4999999999999999, -3.9999999999995595]";
    expect(`[${xs.map(pythonRepr).join(", ")}]`).toBe(python);
    expect([Number.NaN, Number.POSITIVE_INFINITY, -0, 0].map(pythonRepr)).toEqual([
      "nan",
      "inf",
      "-0.0",
      "0.0",
    ]);
  });
});
