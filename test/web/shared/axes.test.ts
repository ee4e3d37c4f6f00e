import { describe, expect, it } from "vitest";
import { axisTicks, curvesLabel, LOG_DECADES, lossAxis, tickText } from "../../../web/src/shared/axes.js";

describe("the loss axis", () => {
  it("log: from the lowest positive loss to the highest; a loss of exactly 0 sits on the floor", () => {
    const axis = lossAxis([1, 0.1, 0, 0.01], "log");
    expect(axis?.lo).toBeCloseTo(0.01, 12);
    expect(axis?.hi).toBeCloseTo(1, 12);
    expect(axis?.floored).toBe(true);
    expect(axis?.at(0)).toBe(0);
    expect(axis?.at(0.01)).toBeCloseTo(0, 12);
    expect(axis?.at(0.1)).toBeCloseTo(0.5, 12); // one decade of two
    expect(axis?.at(1)).toBeCloseTo(1, 12);
  });

  it(`log: spans at most ${LOG_DECADES} powers of ten, so a tiny loss next to 0 makes no tall spike`, () => {
    // a hinge loss that touches 0 and 1e-9: without a floor the axis would span 10 decades
    const axis = lossAxis([10, 1e-9, 0, 1e-9, 0], "log");
    expect(axis?.lo).toBeCloseTo(1e-3, 15);
    expect(axis?.at(1e-9)).toBe(0);
    expect(axis?.at(0)).toBe(0);
    expect(axis?.at(0.01)).toBeCloseTo(0.25, 12); // log10: -2 is 1 of the 4 decades above -3
    expect(lossAxis([0, 0], "log")?.at(0)).toBe(0);
    expect(lossAxis([Number.NaN], "log")).toBeNull();
  });

  it("linear: from 0 to the highest loss", () => {
    const axis = lossAxis([2, 0, 1, Number.NaN], "linear");
    expect(axis?.lo).toBe(0);
    expect(axis?.hi).toBe(2);
    expect(axis?.at(1)).toBe(0.5);
    expect(axis?.at(0)).toBe(0);
  });

  it("labels ticks with two digits, and very small ones with an exponent", () => {
    expect(tickText(0.6731)).toBe("0.67");
    expect(tickText(0.001)).toBe("1e-3");
    expect(tickText(0)).toBe("0");
  });
});

describe("the curves' accessible name", () => {
  it("names the scale and the last values", () => {
    expect(curvesLabel([], "log")).toBe(
      "Data loss (log scale) and accuracy curves: training solid, test dashed; no steps yet.",
    );
    const points = [
      { step: 1, trainLoss: 1, testLoss: 1, trainAccuracy: 0.5, testAccuracy: 0.5 },
      {
        step: 40,
        trainLoss: 0.031234,
        testLoss: Number.NaN,
        trainAccuracy: 0.9875,
        testAccuracy: Number.NaN,
      },
    ];
    expect(curvesLabel(points, "linear")).toBe(
      "Data loss (linear scale) and accuracy curves: training solid, test dashed. At step 40: train data loss 0.03123, test data loss –, train accuracy 98.8%, test accuracy –.",
    );
  });
});

describe("axis ticks (the decision boundary's and the lecture's plots)", () => {
  it("puts round ticks 1, 2 or 5 times a power of ten apart inside the range", () => {
    expect(axisTicks(-1.5, 2.5)).toEqual([-1, 0, 1, 2]); // range 4, about 5 ticks: step 1
    expect(axisTicks(-1.2, 1.2)).toEqual([-1, -0.5, 0, 0.5, 1]); // range 2.4: step 0.5
    expect(axisTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(axisTicks(-0.3, 0.31)).toEqual([-0.2, 0, 0.2]); // range 0.61: 0.1 gives 7, 0.2 gives 4
    expect(axisTicks(-0.3, 0.3).map(Object.is.bind(null, -0))).not.toContain(true); // no -0
    expect(axisTicks(-5, 4.75)).toEqual([-4, -2, 0, 2, 4]);
    expect(axisTicks(3.6666666666666665, 100)).toEqual([20, 40, 60, 80, 100]);
    expect(axisTicks(0, 0.002, 4)).toEqual([0, 0.0005, 0.001, 0.0015, 0.002]);
    expect(axisTicks(2, 2)).toEqual([2]); // a flat range gives its one value
    expect(axisTicks(0, Number.NaN)).toEqual([]);
  });
});
