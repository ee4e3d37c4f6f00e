import { describe, expect, it } from "vitest";
import { fixed, short } from "../../../web/src/shared/format.js";

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
