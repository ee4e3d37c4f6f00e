/** The lecture view's plot ticks: round values covering the range. */
import { describe, expect, it } from "vitest";
import { ticks } from "../../../web/src/lecture/ticks.js";

describe("ticks", () => {
  it("round steps of 1, 2 or 5 times a power of ten, inside the range", () => {
    expect(ticks(-5, 4.75)).toEqual([-4, -2, 0, 2, 4]);
    expect(ticks(3.6666666666666665, 100)).toEqual([20, 40, 60, 80, 100]);
    expect(ticks(0, 0.002, 4)).toEqual([0, 0.0005, 0.001, 0.0015, 0.002]);
  });
  it("a flat range gives its one value", () => {
    expect(ticks(2, 2)).toEqual([2]);
  });
});
