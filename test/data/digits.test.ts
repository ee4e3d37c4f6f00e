/**
 * The 8x8 digits shipped in the library: the same images as scikit-learn's digits.csv.gz.
 */
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DIGIT_FEATURES, getDataset, loadDigits } from "../../packages/micrograd-ts/src/index.js";

const SHARED = new URL("../../../shared/data/digits.csv.gz", import.meta.url);

describe("loadDigits", () => {
  const ds = loadDigits();

  it("has 1,797 images of 64 pixels 0-16 and scikit-learn's class counts", () => {
    expect(ds.x.length).toBe(1797);
    expect(
      ds.x.every((r) => r.length === 64 && r.every((v) => Number.isInteger(v) && v >= 0 && v <= 16)),
    ).toBe(true);
    // numpy.bincount(load_digits().target)
    const counts = Array.from({ length: 10 }, (_, c) => ds.y.filter((y) => y === c).length);
    expect(counts).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    expect(ds.nClasses).toBe(10);
    expect(ds.classNames).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  });

  it("starts with scikit-learn's digits.images[0], a 0", () => {
    // load_digits().images[0], as scikit-learn's documentation prints it
    expect(ds.y[0]).toBe(0);
    expect(ds.x[0]).toEqual([
      ...[0, 0, 5, 13, 9, 1, 0, 0],
      ...[0, 0, 13, 15, 10, 15, 5, 0],
      ...[0, 3, 15, 2, 0, 11, 8, 0],
      ...[0, 4, 12, 0, 0, 8, 8, 0],
      ...[0, 5, 8, 0, 0, 9, 8, 0],
      ...[0, 4, 11, 0, 1, 12, 7, 0],
      ...[0, 2, 14, 5, 10, 12, 0, 0],
      ...[0, 0, 6, 13, 10, 0, 0, 0],
    ]);
  });

  it("names the pixels as scikit-learn does, row by row", () => {
    expect(DIGIT_FEATURES.length).toBe(64);
    expect([DIGIT_FEATURES[0], DIGIT_FEATURES[9], DIGIT_FEATURES[63]]).toEqual([
      "pixel_0_0",
      "pixel_1_1",
      "pixel_7_7",
    ]);
    expect(ds.featureNames).toEqual(DIGIT_FEATURES);
  });

  it('is getDataset("digits"), a fresh copy each time', () => {
    const a = getDataset("digits");
    expect(a).toEqual(ds);
    a.x[0][0] = 99;
    expect(loadDigits().x[0][0]).toBe(0);
  });

  it.skipIf(!existsSync(SHARED))(
    "equals scikit-learn's digits.csv.gz cell for cell (where the file is at hand)",
    () => {
      const rows = gunzipSync(readFileSync(SHARED)).toString("utf8").trim().split("\n");
      expect(rows.length).toBe(1797);
      rows.forEach((row, i) => {
        const cells = row.split(",").map(Number);
        expect(ds.x[i]).toEqual(cells.slice(0, 64));
        expect(ds.y[i]).toBe(cells[64]);
      });
    },
  );
});
