import { describe, expect, it } from "vitest";
import {
  CLASS_COLORS,
  curvesSvg,
  decisionBoundarySvg,
  escapeXml,
  logTicks,
  NO_CLASS_COLOR,
  niceTicks,
  REGION_COLORS,
  tint,
  usesLogScale,
} from "../../packages/micrograd-cli/src/render/plots.js";
import { rasterize } from "../../packages/micrograd-cli/src/render/render.js";

const x = [
  [-1, -1],
  [1, 1],
  [1, -1],
];
const y = [0, 1, 2];

/** The circles of the data points (not the legend's). */
function pointsOf(svg: string): string[] {
  return /<g class="points"[^>]*>([\s\S]*?)<\/g>/.exec(svg)?.[1]?.match(/<circle [^>]*>/g) ?? [];
}

/** A pixel's RGB in a rendered image. */
function pixel(img: { width: number; pixels: Uint8Array }, px: number, py: number): number[] {
  const i = (py * img.width + px) * 4;
  return [...img.pixels.subarray(i, i + 3)];
}

const rgb = (c: string) => [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16));
// layout without a title: the plot starts at (58, 14)
const LEFT = 58;
const TOP = 14;

describe("decisionBoundarySvg", () => {
  it("colours each class's region and draws every point in its class colour", () => {
    const svg = decisionBoundarySvg({ x, y, nClasses: 3, classify: (a, b) => (a < 0 ? 0 : b > 0 ? 1 : 2) });
    for (const c of REGION_COLORS.slice(0, 3)) expect(svg).toContain(`<path class="region" fill="${c}"`);
    expect(svg).not.toContain(`fill="${REGION_COLORS[3]}"`);
    const points = pointsOf(svg);
    expect(points).toHaveLength(3);
    points.forEach((p, i) => {
      expect(p).toContain(`fill="${CLASS_COLORS[y[i]]}"`);
    });
  });

  it("puts the boundary where the classifier changes its mind", () => {
    // x0 < 0 -> class 0 (left half), else class 1; the mesh spans [-2, 2] (data -1..1 plus margin 1)
    const svg = decisionBoundarySvg({ x, y: [0, 1, 1], size: 200, classify: (a) => (a < 0 ? 0 : 1) });
    const img = rasterize(svg, { scale: 1 });
    expect(pixel(img, LEFT + 20, TOP + 190)).toEqual(rgb(REGION_COLORS[0]));
    expect(pixel(img, LEFT + 180, TOP + 190)).toEqual(rgb(REGION_COLORS[1]));
  });

  it("draws a smooth boundary from the scores: a slanted line is a line, not a staircase of cells", () => {
    // class 1 where x0 - 0.3 x1 > 0; a coarse mesh (20 cells of 10 px) would show 10-px steps
    const score = (a: number, b: number) => a - 0.3 * b;
    const wrongRows = (svg: string) => {
      const img = rasterize(svg, { scale: 1 });
      let wrong = 0;
      for (let py = 2; py < 198; py++) {
        // the plot maps [-2, 2] to 200 px: x0 = -2 + px / 50, x1 = 2 - py / 50
        const boundary = (0.3 * (2 - (py + 0.5) / 50) + 2) * 50;
        const left = pixel(img, LEFT + Math.round(boundary - 4), TOP + py);
        const right = pixel(img, LEFT + Math.round(boundary + 4), TOP + py);
        if (`${left}` !== `${rgb(REGION_COLORS[0])}` || `${right}` !== `${rgb(REGION_COLORS[1])}`) wrong++;
      }
      return wrong;
    };
    const opts = { x, y: [0, 1, 1], nClasses: 2, size: 200, resolution: 20 };
    expect(wrongRows(decisionBoundarySvg({ ...opts, scores: (a, b) => [score(a, b)] }))).toBe(0);
    // the same mesh from classes only has steps: the check above can fail
    expect(
      wrongRows(decisionBoundarySvg({ ...opts, classify: (a, b) => (score(a, b) > 0 ? 1 : 0) })),
    ).toBeGreaterThan(20);
  });

  it("takes one score per class for several classes (the largest wins)", () => {
    // class k wins where x0 is nearest k - 1
    const svg = decisionBoundarySvg({
      x,
      y,
      size: 200,
      scores: (a) => [0, 1, 2].map((k) => -Math.abs(a - (k - 1))),
    });
    const img = rasterize(svg, { scale: 1 });
    for (const [px, k] of [
      [10, 0],
      [100, 1],
      [190, 2],
    ] as const) {
      expect(pixel(img, LEFT + px, TOP + 100)).toEqual(rgb(REGION_COLORS[k]));
    }
  });

  it("scoreMesh (every vertex in one call) draws what scores (one call per vertex) draws", () => {
    const f = (a: number, b: number) => [0, 1, 2].map((k) => -Math.abs(a - (k - 1)) + 0.1 * b * k);
    const opts = { x, y, size: 200, resolution: 30 };
    const calls: number[] = [];
    const mesh = decisionBoundarySvg({
      ...opts,
      scoreMesh: (points) => {
        calls.push(points.length);
        const out: number[] = [];
        for (let i = 0; i < points.length; i += 2) out.push(...f(points[i], points[i + 1]));
        return out;
      },
    });
    expect(calls).toEqual([2 * 31 * 31]);
    expect(mesh).toBe(decisionBoundarySvg({ ...opts, scores: f }));
    // and the check can fail: another function draws another picture
    expect(mesh).not.toBe(decisionBoundarySvg({ ...opts, scores: (a, b) => f(b, a) }));
    expect(() => decisionBoundarySvg({ ...opts, scoreMesh: () => [1, 2, 3] })).toThrow(
      "scoreMesh gave 3 numbers for 961 points",
    );
  });

  it("has axes with ticks and labels, and a legend right of the plot", () => {
    const svg = decisionBoundarySvg({ x, y, classify: () => 0, classNames: ["yin", "yang", "dot"] });
    for (const t of ["\u22122", "\u22121", ">0<", ">1<", ">2<"]) expect(svg).toContain(t);
    expect(svg).toContain(">x1</text>");
    expect(svg).toContain(">x2</text>");
    const legend = /<g class="legend"[^>]*>([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? "";
    for (const name of ["yin", "yang", "dot"]) expect(legend).toContain(`>${name}</text>`);
    const xs = [...legend.matchAll(/ x="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...xs)).toBeGreaterThan(LEFT + 480); // never over the plot
  });

  it("draws at most maxPoints points, evenly spread, and says so", () => {
    const many = Array.from({ length: 5000 }, (_, i) => [Math.cos(i), Math.sin(i)]);
    const svg = decisionBoundarySvg({
      x: many,
      y: many.map((_, i) => i % 2),
      classify: () => 0,
      maxPoints: 100,
    });
    expect(pointsOf(svg)).toHaveLength(100);
    expect(svg).toContain("100 of 5,000 points");
  });

  it("leaves the plane grey where the model gives no class (NaN scores)", () => {
    const svg = decisionBoundarySvg({ x, y, nClasses: 3, scores: () => [Number.NaN] });
    expect(svg).not.toContain('class="region"');
    expect(svg).toContain(`fill="${NO_CLASS_COLOR}"`);
  });

  it("uses colours that readers with colour-blindness can tell apart", () => {
    // Machado et al. 2009 (severity 1) on linear RGB, then CIE76 distance in Lab
    const sims: Record<string, number[][]> = {
      deuteranopia: [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.01182, 0.04294, 0.968881],
      ],
      protanopia: [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
      ],
    };
    const lin = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    const lab = ([r = 0, g = 0, b = 0]: number[]) => {
      const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
      const X = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
      const Y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
      const Z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
      return [116 * Y - 16, 500 * (X - Y), 200 * (Y - Z)];
    };
    const seen = (color: string, m: number[][]) => {
      const c = rgb(color).map(lin);
      return lab(
        m.map((row) =>
          Math.min(
            1,
            Math.max(
              0,
              row.reduce((s, w, j) => s + w * c[j], 0),
            ),
          ),
        ),
      );
    };
    const closest = (palette: readonly string[], m: number[][]) => {
      let min = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 3; i++)
        for (let j = i + 1; j < 3; j++)
          min = Math.min(min, Math.hypot(...seen(palette[i], m).map((v, k) => v - seen(palette[j], m)[k])));
      return min;
    };
    for (const m of Object.values(sims)) expect(closest(CLASS_COLORS, m)).toBeGreaterThan(30);
    // the red and green of the old palette: ~13 apart for a deuteranope
    expect(closest(["#2b5fb4", "#c8312a", "#2f8f3a"], sims.deuteranopia as number[][])).toBeLessThan(15);
  });

  it("writes a title, escaped", () => {
    expect(decisionBoundarySvg({ x, y, classify: () => 0, title: "a < b" })).toContain("a &#60; b");
  });

  it("rejects bad input", () => {
    expect(() => decisionBoundarySvg({ x: [], y: [], classify: () => 0 })).toThrow(RangeError);
    expect(() => decisionBoundarySvg({ x, y: [0], classify: () => 0 })).toThrow(RangeError);
    expect(() => decisionBoundarySvg({ x, y, classify: () => 0, resolution: 1 })).toThrow(/resolution/);
    expect(() => decisionBoundarySvg({ x, y })).toThrow(/scores or classify/);
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

  it("uses a log scale when the values span more than two decades", () => {
    const spiky = { title: "loss", series: [{ label: "l", values: [600, 30, 5, 1, 0.5, 0.2, 0.1] }] };
    expect(usesLogScale(spiky)).toBe(true);
    const svg = curvesSvg([spiky]);
    expect(svg).toContain(">loss, log scale</text>");
    for (const t of ["0.1", "1", "10", "100"]) expect(svg).toContain(`>${t}</text>`);
    // 100 sits one decade above 10: equal steps on the screen
    const y = (t: string) => Number(new RegExp(`y="([\\d.]+)" text-anchor="end">${t}<`).exec(svg)?.[1]);
    expect(y("1") - y("10")).toBeCloseTo(y("10") - y("100"), 1);
    expect(usesLogScale({ title: "t", series: [{ label: "l", values: [3, 2, 1] }] })).toBe(false);
    expect(usesLogScale({ title: "t", series: [{ label: "l", values: [600, 0, 1] }] })).toBe(false);
    expect(usesLogScale({ ...spiky, yScale: "linear" })).toBe(false);
  });

  it("puts the legend between the title and the plot, never over the data", () => {
    const svg = curvesSvg([
      {
        title: "t",
        series: [
          { label: "train", values: [1, 2, 3] },
          { label: "val", values: [3, 2, 1] },
        ],
      },
    ]);
    const plotTop = Number(/<rect x="62" y="([\d.]+)"/.exec(svg)?.[1]);
    const legendYs = [...svg.matchAll(/<text x="[\d.]+" y="([\d.]+)" font-size="11"[^>]*>(train|val)</g)].map(
      (m) => Number(m[1]),
    );
    expect(legendYs).toHaveLength(2);
    for (const ly of legendYs) expect(ly).toBeLessThan(plotTop);
    expect(legendYs[0]).toBeGreaterThan(20); // below the title
  });

  it("draws a one-step run as a point in the middle", () => {
    const svg = curvesSvg([{ title: "t", series: [{ label: "s", values: [0.7] }] }]);
    // plot from x = 62 to 404: the middle is 233
    expect(svg).toMatch(/<circle cx="233" cy="[\d.]+" r="2.8"/);
  });

  it("plots a function over its inputs when a series has x (plt.plot(xs, ys))", () => {
    // tanh at -5, 0, 5 (x axis -5..5, the plot from 62 to 404 wide, 34 to 254 high); y range -1..1 padded 5%
    const xs = [-5, 0, 5];
    const panel = {
      title: "tanh",
      xLabel: "x",
      series: [{ label: "tanh", x: xs, values: xs.map(Math.tanh) }],
    };
    const svg = curvesSvg([panel]);
    const pts = svg
      .match(/points="([^"]*)"/)?.[1]
      ?.split(" ")
      .map((q) => q.split(",").map(Number));
    expect(pts?.map((q) => q[0])).toEqual([62, 233, 404]);
    // y = 0 in the middle of the padded range -1.1..1.1
    expect(pts?.[1]?.[1]).toBeCloseTo(144, 0);
    // ticks at round x values with a real minus sign, not the step numbers
    for (const t of ["\u22124", "0", "4"]) expect(svg).toContain(`>${JSON.parse(`"${t}"`)}</text>`);
    expect(() => curvesSvg([{ ...panel, series: [{ label: "s", x: [1, 2], values: [1] }] }])).toThrow(
      /series "s" of panel "tanh" has 1 values but x holds 2/,
    );
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

  it("logTicks gives powers of ten (and 2, 5 over short ranges)", () => {
    expect(logTicks(0.05, 700)).toEqual([0.1, 1, 10, 100]);
    expect(logTicks(0.15, 6)).toEqual([0.2, 0.5, 1, 2, 5]);
  });

  it("tint mixes a colour with white", () => {
    expect(tint("#0072b2", 1)).toBe("#0072b2");
    expect(tint("#0072b2", 0)).toBe("#ffffff");
    expect(tint("#000000", 0.5)).toBe("#808080");
  });

  it("escapeXml escapes markup", () => {
    expect(escapeXml(`<a & "b">`)).toBe("&#60;a &#38; &#34;b&#34;&#62;");
  });
});
