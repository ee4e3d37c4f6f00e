/**
 * Gaussian blobs around random centres, built like scikit-learn's `make_blobs` (2 features).
 */

import { checkOptions, optionKeys } from "../util/options.js";
import {
  checkCount,
  checkNonNegative,
  type Dataset,
  type RandomSource,
  rngFrom,
  shuffleTogether,
} from "./dataset.js";

/** Options of `makeBlobs`. */
export interface BlobsOptions extends RandomSource {
  /** Number of points (default 100), split evenly over the centres (the first ones get the remainder). */
  n?: number;
  /** Number of centres = classes (default 3). */
  centers?: number;
  /** Standard deviation of each blob (default 1). */
  std?: number;
  /** The box the centres are drawn from, [low, high] on each axis (default [-10, 10]). */
  box?: [number, number];
  /** Shuffle the points (default true). */
  shuffle?: boolean;
}

/**
 * Isotropic 2-D Gaussian blobs, the construction of scikit-learn's `make_blobs`: centres uniform in
 * `box` (x then y, centre by centre), then for each centre its points (x ~ N(cx, std), y ~ N(cy, std)),
 * labelled with the centre's index, then a shuffle. Random numbers from our `Rng` (seed 42 by default).
 */
export function makeBlobs(options?: BlobsOptions): Dataset {
  const where = "makeBlobs(options)";
  const o = checkOptions(
    where,
    options,
    optionKeys<BlobsOptions>({
      n: true,
      centers: true,
      std: true,
      box: true,
      shuffle: true,
      seed: true,
      rng: true,
    }),
  );
  const n = checkCount(where, "n", o.n ?? 100);
  const k = checkCount(where, "centers", o.centers ?? 3);
  const std = checkNonNegative(where, "std", o.std ?? 1);
  const box = o.box ?? [-10, 10];
  if (
    !Array.isArray(box) ||
    box.length !== 2 ||
    !Number.isFinite(box[0]) ||
    !Number.isFinite(box[1]) ||
    box[0] > box[1]
  ) {
    throw new RangeError(
      `${where}: box must be [low, high] with finite low <= high, got ${JSON.stringify(box)}`,
    );
  }
  const rng = rngFrom(where, o, 42);
  const centers: [number, number][] = [];
  for (let c = 0; c < k; c++) centers.push([rng.uniform(box[0], box[1]), rng.uniform(box[0], box[1])]);
  const x: number[][] = [];
  const y: number[] = [];
  for (let c = 0; c < k; c++) {
    const count = Math.floor(n / k) + (c < n % k ? 1 : 0);
    const [cx, cy] = centers[c];
    for (let i = 0; i < count; i++) {
      x.push([rng.normal(cx, std), rng.normal(cy, std)]);
      y.push(c);
    }
  }
  if (o.shuffle ?? true) shuffleTogether(rng, x, y);
  return { name: "blobs", x, y, nClasses: k };
}
