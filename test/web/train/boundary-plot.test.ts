import { describe, expect, it } from "vitest";
import { axisTicks, plotArea } from "../../../web/src/train/boundary-plot.js";

describe("the decision boundary's axes", () => {
  it("puts round ticks 1, 2 or 5 times a power of ten apart inside the range", () => {
    expect(axisTicks(-1.5, 2.5)).toEqual([-1, 0, 1, 2]); // range 4, about 5 ticks: step 1
    expect(axisTicks(-1.2, 1.2)).toEqual([-1, -0.5, 0, 0.5, 1]); // range 2.4: step 0.5
    expect(axisTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(axisTicks(-0.3, 0.31)).toEqual([-0.2, 0, 0.2]); // range 0.61: 0.1 gives 7, 0.2 gives 4
    expect(axisTicks(-0.3, 0.3).map(Object.is.bind(null, -0))).not.toContain(true); // no -0
    expect(axisTicks(1, 1)).toEqual([]);
  });

  it("leaves margins for the ticks: left and bottom", () => {
    expect(plotArea(480, 480)).toEqual({ x: 30, y: 8, w: 442, h: 448 });
  });
});
