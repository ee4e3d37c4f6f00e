import { describe, expect, it } from "vitest";
import {
  CLASS_COLORS,
  curvesSvg,
  decisionBoundarySvg,
  escapeXml,
  niceTicks,
  REGION_COLORS,
} from "../../packages/micrograd-cli/src/render/plots.js";
import { rasterize } from "../../packages/micrograd-cli/src/render/render.js";

const x = [
  [-1, -1],
  [1, 1],
  [1, -1],
];
const y = [0, 1, 2];

describe("decisionBoundarySvg", () => {
  it("colours the mesh by the predicted class and draws every point in its class colour", () => {
    const svg = decisionBoundarySvg({ x, y, nClasses: 3, classify: (a, b) => (a < 0 ? 0 : b > 0 ? 1 : 2) });
    for (const c of REGION_COLORS.slice(0, 3)) expect(svg).toContain(`fill="${c}"`);
    expect(svg).not.toContain(`fill="${REGION_COLORS[3]}"`);
    expect(svg.match(/<circle /g)?.length).toBe(3);
    for (const c of CLASS_COLORS.slice(0, 3)) expect(svg).toContain(`r="4.5" fill="${c}"`);
  });

  it("puts the boundary where the classifier changes its mind", () => {
    // x0 < 0 -> class 0 (left half), else class 1; the mesh spans [-2, 2] (data -1..1 plus margin 1)
    const svg = decisionBoundarySvg({ x, y: [0, 1, 1], size: 200, classify: (a) => (a < 0 ? 0 : 1) });
    const img = rasterize(svg, { scale: 1 });
    const at = (px: number, py: number) => [
      ...img.pixels.subarray((py * img.width + px) * 4, (py * img.width + px) * 4 + 3),
    ];
    const hex = (c: string) => [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16));
    expect(at(14 + 20, 14 + 190)).toEqual(hex(REGION_COLORS[0] as string));
    expect(at(14 + 180, 14 + 190)).toEqual(hex(REGION_COLORS[1] as string));
  });

  it("writes a title, escaped", () => {
    expect(decisionBoundarySvg({ x, y, classify: () => 0, title: "a < b" })).toContain("a &#60; b");
  });

  it("greys out cells where the classifier returns something that is not a class", () => {
    expect(decisionBoundarySvg({ x, y, nClasses: 3, classify: () => Number.NaN })).toContain(
      'fill="#dddddd"',
    );
  });

  it("rejects bad input", () => {
    expect(() => decisionBoundarySvg({ x: [], y: [], classify: () => 0 })).toThrow(RangeError);
    expect(() => decisionBoundarySvg({ x, y: [0], classify: () => 0 })).toThrow(RangeError);
    expect(() => decisionBoundarySvg({ x, y, classify: () => 0, resolution: 1 })).toThrow(/resolution/);
  });
});

describe("curvesSvg", () => {
  it("draws one polyline per series, one panel per chart, with a legend for several series", () => {
    const svg = curvesSvg([
      {
        title: "loss",
        series: [
          { label: "train", values: [3, 2, 1] },
          { label: "val", values: [3, 2.5, 2] },
        ],
      },
      { title: "accuracy", yRange: [0, 100], series: [{ label: "acc", values: [50, 75, 100] }] },
    ]);
    expect(svg.match(/<polyline /g)?.length).toBe(3);
    expect(svg).toContain(">loss</text>");
    expect(svg).toContain(">accuracy</text>");
    expect(svg).toContain(">val</text>");
    expect(svg).toContain('width="840"');
  });

  it("maps the first point to the left edge and the last to the right", () => {
    const svg = curvesSvg([{ title: "t", yRange: [0, 10], series: [{ label: "s", values: [0, 10] }] }]);
    const pts = svg.match(/points="([^"]*)"/)?.[1]?.split(" ");
    // width 420: plot from x = 62 to 420 - 16 = 404; height 300: y from 34 (top) to 300 - 46 = 254
    expect(pts).toEqual(["62,254", "404,34"]);
  });

  it("skips non-finite values and needs a panel", () => {
    const svg = curvesSvg([{ title: "t", series: [{ label: "s", values: [1, Number.NaN, 2] }] }]);
    expect(svg.match(/points="([^"]*)"/)?.[1]?.split(" ").length).toBe(2);
    expect(() => curvesSvg([])).toThrow(RangeError);
  });
});

describe("helpers", () => {
  it("niceTicks gives round steps covering the range", () => {
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.013, 1.2)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(niceTicks(5, 5)).toEqual([5]);
  });

  it("escapeXml escapes markup", () => {
    expect(escapeXml(`<a & "b">`)).toBe("&#60;a &#38; &#34;b&#34;&#62;");
  });
});
