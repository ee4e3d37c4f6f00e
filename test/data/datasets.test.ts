import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DATASET_NAMES,
  getDataset,
  lectureData,
  makeBlobs,
  makeCircles,
  makeMoons,
  makeSpiral,
  makeXor,
  makeYinYang,
  Rng,
  splitDataset,
  yinYangClass,
} from "../../packages/micrograd-ts/src/index.js";

const generators = { moons: makeMoons, circles: makeCircles, blobs: makeBlobs, yinyang: makeYinYang };

describe("makeMoons", () => {
  it("builds scikit-learn's noiseless moons for shuffle off", () => {
    // make_moons(n_samples=4, shuffle=False, noise=None): outer t = 0, pi; inner t = 0, pi
    const ds = makeMoons({ n: 4, noise: 0, shuffle: false });
    expect(ds.y).toEqual([0, 0, 1, 1]);
    expect(ds.x[0]).toEqual([1, 0]);
    expect(ds.x[1]?.[0]).toBe(-1);
    expect(ds.x[1]?.[1]).toBeCloseTo(0, 15);
    expect(ds.x[2]).toEqual([0, 0.5]);
    expect(ds.x[3]?.[0]).toBe(2);
    expect(ds.x[3]?.[1]).toBeCloseTo(0.5, 15);
    // odd n: floor(n / 2) outer points, the rest inner; the middle of 3 inner points is t = pi / 2
    const odd = makeMoons({ n: 5, noise: 0, shuffle: false });
    expect(odd.y).toEqual([0, 0, 1, 1, 1]);
    expect(odd.x[3]?.[0]).toBeCloseTo(1, 15);
    expect(odd.x[3]?.[1]).toBeCloseTo(-0.5, 15);
  });

  it("has n points, labels 0/1 half and half, and noise of about the requested size", () => {
    const clean = makeMoons({ n: 200, noise: 0, seed: 5 });
    const noisy = makeMoons({ n: 200, noise: 0.1, seed: 5 });
    expect(noisy.x).toHaveLength(200);
    expect(noisy.y.filter((c) => c === 1)).toHaveLength(100);
    expect(noisy.nClasses).toBe(2);
    // the same seed gives the same shuffle, so noisy - clean is the noise
    expect(noisy.y).toEqual(clean.y);
    const diffs = noisy.x.flatMap((row, i) => row.map((v, j) => v - clean.x[i]?.[j]));
    const sd = Math.sqrt(diffs.reduce((s, d) => s + d * d, 0) / diffs.length);
    expect(sd).toBeGreaterThan(0.08);
    expect(sd).toBeLessThan(0.12);
  });
});

describe("makeSpiral and makeXor", () => {
  it("spiral: each point lies on its arm, r = 2i/k at angle 1.75 turns * r/2 (+ pi for class 1)", () => {
    const ds = makeSpiral({ n: 41, noise: 0, shuffle: false });
    expect(ds.y.filter((c) => c === 0)).toHaveLength(20);
    expect(ds.y.filter((c) => c === 1)).toHaveLength(21);
    ds.x.forEach((p, i) => {
      const [x, y] = p as [number, number];
      const r = Math.hypot(x, y);
      const t = 1.75 * Math.PI * r + ds.y[i] * Math.PI;
      expect(x).toBeCloseTo(r * Math.sin(t), 12);
      expect(y).toBeCloseTo(r * Math.cos(t), 12);
      expect(r).toBeLessThan(2);
    });
    // the radii of an arm are 0, 2/k, 4/k, ...
    const radii = ds.x.slice(0, 20).map((p) => Math.hypot(p[0], p[1]));
    radii.forEach((r, i) => {
      expect(r).toBeCloseTo((2 * i) / 20, 12);
    });
  });

  it("spiral: noise of about the requested size on top of the same shuffle", () => {
    const clean = makeSpiral({ n: 300, noise: 0, seed: 7 });
    const noisy = makeSpiral({ n: 300, noise: 0.2, seed: 7 });
    expect(noisy.y).toEqual(clean.y);
    const diffs = noisy.x.flatMap((row, i) => row.map((v, j) => v - clean.x[i]?.[j]));
    const sd = Math.sqrt(diffs.reduce((s, d) => s + d * d, 0) / diffs.length);
    expect(sd).toBeGreaterThan(0.17);
    expect(sd).toBeLessThan(0.23);
  });

  it("xor: opposite quadrants share a class, points kept off the axes", () => {
    const ds = makeXor({ n: 400, noise: 0, padding: 0.25, seed: 3 });
    expect(ds.nClasses).toBe(2);
    ds.x.forEach((p, i) => {
      const [x, y] = p as [number, number];
      expect(Math.abs(x)).toBeGreaterThanOrEqual(0.25);
      expect(Math.abs(y)).toBeGreaterThanOrEqual(0.25);
      expect(Math.abs(x)).toBeLessThanOrEqual(2.25);
      expect(ds.y[i]).toBe(x * y > 0 ? 0 : 1);
    });
    const ones = ds.y.filter((c) => c === 1).length;
    expect(ones).toBeGreaterThan(150); // four equal quadrants: about half each
    expect(ones).toBeLessThan(250);
  });

  it("rejects bad options with the option's name", () => {
    expect(() => makeSpiral({ n: 0 })).toThrow(/makeSpiral\(options\): n must be an integer >= 1/);
    expect(() => makeXor({ noise: -1 })).toThrow(/makeXor\(options\): noise must be a finite number >= 0/);
  });
});

describe("makeCircles and makeBlobs", () => {
  it("circles: outer radius 1, inner radius factor, without noise", () => {
    const ds = makeCircles({ n: 50, noise: 0, factor: 0.3 });
    ds.x.forEach((p, i) => {
      const r = Math.hypot(p[0], p[1]);
      expect(r).toBeCloseTo(ds.y[i] === 0 ? 1 : 0.3, 12);
    });
    expect(ds.y.filter((c) => c === 0)).toHaveLength(25);
  });

  it("blobs: k classes with n split evenly, points near their centre", () => {
    const ds = makeBlobs({ n: 100, centers: 3, std: 0.5, seed: 3 });
    expect(ds.nClasses).toBe(3);
    expect([0, 1, 2].map((c) => ds.y.filter((y) => y === c).length)).toEqual([34, 33, 33]);
    for (let c = 0; c < 3; c++) {
      const pts = ds.x.filter((_, i) => ds.y[i] === c);
      const cx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
      const cy = pts.reduce((s, p) => s + p[1], 0) / pts.length;
      expect(Math.abs(cx)).toBeLessThan(10.5);
      expect(Math.abs(cy)).toBeLessThan(10.5);
      for (const p of pts) expect(Math.hypot(p[0] - cx, p[1] - cy)).toBeLessThan(3);
    }
  });
});

describe("makeYinYang", () => {
  it("matches an independent Python run of the LLM101n generator (seed 42)", () => {
    // printed once by a pure-Python 3 reimplementation of gen_data_yinyang (the algorithm) with the
    // xorshift* RNG seeded 42, n = 100
    const ds = makeYinYang({ n: 100, seed: 42 });
    expect(ds.x.slice(0, 4)).toEqual([
      [-0.6436591148376465, 1.1290233135223389],
      [1.502126693725586, -1.2461860179901123],
      [1.0598013401031494, 0.09119725227355957],
      [0.07363224029541016, 0.7329816818237305],
    ]);
    expect(ds.x[99]).toEqual([0.21432042121887207, 1.640775442123413]);
    expect(ds.y.slice(0, 4)).toEqual([0, 1, 2, 0]);
  });

  it("labels point i with class i % 3, inside the disc of radius 2, consistent with yinYangClass", () => {
    const ds = makeYinYang({ n: 60, seed: 9 });
    expect(ds.nClasses).toBe(3);
    ds.x.forEach((p, i) => {
      expect(ds.y[i]).toBe(i % 3);
      const [x, y] = p as [number, number];
      expect(Math.hypot(x, y)).toBeLessThanOrEqual(2 + 1e-12);
      // undo the scaling: x = (px / 0.5 - 1) * 2  =>  px = (x / 2 + 1) * 0.5
      expect(yinYangClass((x / 2 + 1) * 0.5, (y / 2 + 1) * 0.5)).toBe(i % 3);
    });
  });

  it("yinYangClass: the dots are class 2, the halves 0 and 1", () => {
    expect(yinYangClass(0.75, 0.5)).toBe(2); // right dot centre
    expect(yinYangClass(0.25, 0.5)).toBe(2); // left dot centre
    expect(yinYangClass(0.5, 0.95)).toBe(0); // top: y > rBig, far from the right dot
    expect(yinYangClass(0.5, 0.05)).toBe(1); // bottom
  });
});

describe("datasets are deterministic per seed (property)", () => {
  for (const [name, make] of Object.entries(generators)) {
    it(name, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 1, max: 60 }), (seed, n) => {
          const a = make({ n, seed });
          const b = make({ n, seed });
          expect(a).toEqual(b);
          expect(a.x).toHaveLength(n);
          expect(a.y).toHaveLength(n);
          for (const c of a.y) expect(Number.isInteger(c) && c >= 0 && c < a.nClasses).toBe(true);
          for (const row of a.x) for (const v of row) expect(Number.isFinite(v)).toBe(true);
          // an Rng with the same seed gives the same data
          expect(make({ n, rng: new Rng(seed) })).toEqual(a);
        }),
        { numRuns: 30 },
      );
    });
  }

  it("different seeds give different data", () => {
    expect(makeMoons({ seed: 1 }).x).not.toEqual(makeMoons({ seed: 2 }).x);
    expect(makeYinYang({ seed: 1 }).x).not.toEqual(makeYinYang({ seed: 2 }).x);
  });
});

describe("lectureData, splitDataset, getDataset", () => {
  it("lectureData is the lecture's 4 examples", () => {
    const ds = lectureData();
    expect(ds.x).toEqual([
      [2, 3, -1],
      [3, -1, 0.5],
      [0.5, 1, 1],
      [1, 1, -1],
    ]);
    expect(ds.y).toEqual([1, -1, -1, 1]);
    ds.x[0]?.push(9); // a fresh copy each call
    expect(lectureData().x[0]).toEqual([2, 3, -1]);
  });

  it("splits 80/10/10 in order", () => {
    const ds = makeYinYang({ n: 100 });
    const { train, val, test } = splitDataset(ds);
    expect([train.x.length, val.x.length, test.x.length]).toEqual([80, 10, 10]);
    expect(train.x[0]).toBe(ds.x[0]);
    expect(val.x[0]).toBe(ds.x[80]);
    expect(test.y).toEqual(ds.y.slice(90));
    expect(val.name).toBe("yinyang/val");
  });

  it("split sizes are floor(0.8 n), then floor(0.9 n), and cover everything (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), (n) => {
        const { train, val, test } = splitDataset(makeMoons({ n, noise: 0 }));
        expect(train.x.length).toBe(Math.floor(0.8 * n));
        expect(train.x.length + val.x.length).toBe(Math.floor(0.9 * n));
        expect(train.x.length + val.x.length + test.x.length).toBe(n);
      }),
      { numRuns: 50 },
    );
  });

  it("getDataset builds each dataset by name with its options", () => {
    expect(DATASET_NAMES).toEqual([
      "moons",
      "circles",
      "blobs",
      "yinyang",
      "spiral",
      "xor",
      "lecture",
      "digits",
    ]);
    expect(getDataset("spiral", { n: 30, seed: 3, noise: 0.2 })).toEqual(
      makeSpiral({ n: 30, seed: 3, noise: 0.2 }),
    );
    expect(getDataset("xor", { n: 30, seed: 3 })).toEqual(makeXor({ n: 30, seed: 3 }));
    expect(getDataset("moons", { n: 30, seed: 3 })).toEqual(makeMoons({ n: 30, seed: 3 }));
    expect(getDataset("circles", { n: 30 })).toEqual(makeCircles({ n: 30 }));
    expect(getDataset("blobs", { n: 30, centers: 4 }).nClasses).toBe(4);
    expect(getDataset("yinyang", { n: 9 })).toEqual(makeYinYang({ n: 9 }));
    expect(getDataset("yin-yang", { n: 9 })).toEqual(makeYinYang({ n: 9 }));
    expect(getDataset("lecture")).toEqual(lectureData());
  });

  it("gives clear errors for unknown names and bad options", () => {
    expect(() => getDataset("swissroll")).toThrow(RangeError);
    expect(() => getDataset("swissroll")).toThrow(
      /unknown dataset "swissroll"; expected one of moons, circles/,
    );
    expect(() => getDataset("moons", { n: 0 })).toThrow(/n must be an integer >= 1, got number 0/);
    expect(() => makeMoons({ n: 2.5 })).toThrow(RangeError);
    expect(() => makeYinYang({ n: -3 })).toThrow(RangeError);
    expect(() => makeMoons({ noise: -1 })).toThrow(/noise must be a finite number >= 0/);
    expect(() => makeMoons({ rng: {} as Rng })).toThrow(TypeError);
    expect(() => makeCircles({ factor: 1 })).toThrow(/factor must be a number in \(0, 1\)/);
    expect(() => makeBlobs({ centers: 0 })).toThrow(RangeError);
    expect(() => makeMoons({ seed: -1 })).toThrow(RangeError);
    expect(makeMoons({ seed: 0 }).x).toHaveLength(100); // seed 0 is a seed like any other (see Rng)
    expect(() => getDataset("moons", 5 as unknown as object)).toThrow(TypeError);
    expect(() => splitDataset({ name: "x", x: [[1]], y: [], nClasses: 1 })).toThrow(/1 rows but ds.y has 0/);
  });
});
