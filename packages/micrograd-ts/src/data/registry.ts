/**
 * Datasets by name, for the CLI and the playground.
 */

import { checkOptions, optionKeys } from "../util/options.js";
import { makeBlobs } from "./blobs.js";
import { makeCircles } from "./circles.js";
import type { Dataset } from "./dataset.js";
import { loadDigits } from "./digits.js";
import { lectureData } from "./lecture.js";
import { makeMoons } from "./moons.js";
import type { Rng } from "./rng.js";
import { makeSpiral } from "./spiral.js";
import { makeXor } from "./xor.js";
import { makeYinYang } from "./yinyang.js";

/** The names `getDataset` knows. */
export const DATASET_NAMES = [
  "moons",
  "circles",
  "blobs",
  "yinyang",
  "spiral",
  "xor",
  "lecture",
  "digits",
] as const;

/** One of `DATASET_NAMES`. */
export type DatasetName = (typeof DATASET_NAMES)[number];

/** Options for `getDataset`; each generator reads the ones it knows (see `makeMoons` etc.). */
export interface DatasetOptions {
  /** Number of points (not used by "lecture", which always has 4, nor "digits"). */
  n?: number;
  /** Noise (moons, circles, spiral, xor). */
  noise?: number;
  /** Seed of a fresh `Rng` (default 42). */
  seed?: number | bigint;
  /** A generator to draw from instead of a seed. */
  rng?: Rng;
  /** Number of centres (blobs). */
  centers?: number;
}

/**
 * A dataset by name: "moons" | "circles" | "blobs" | "yinyang" (also "yin-yang") | "spiral" | "xor" |
 * "lecture" | "digits" (the 8x8 handwritten digits, `loadDigits()`: no options, no randomness).
 * Throws a RangeError naming the known datasets for any other name.
 */
export function getDataset(name: string, options?: DatasetOptions): Dataset {
  const where = `getDataset(${JSON.stringify(name)}, options)`;
  const o = checkOptions(
    where,
    options,
    name === "lecture" || name === "digits"
      ? []
      : optionKeys<DatasetOptions>({ n: true, noise: true, seed: true, rng: true, centers: true }),
  );
  switch (name) {
    case "moons":
      return makeMoons(o);
    case "circles":
      return makeCircles(o);
    case "blobs":
      return makeBlobs(o);
    case "yinyang":
    case "yin-yang":
      return makeYinYang(o);
    case "spiral":
      return makeSpiral(o);
    case "xor":
      return makeXor(o);
    case "lecture":
      return lectureData();
    case "digits":
      return loadDigits();
    default:
      throw new RangeError(
        `getDataset(name): unknown dataset ${JSON.stringify(name)}; expected one of ${DATASET_NAMES.join(", ")}`,
      );
  }
}
