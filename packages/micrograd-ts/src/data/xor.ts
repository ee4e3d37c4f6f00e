/**
 * The XOR set: four quadrants, opposite quadrants in the same class (no line separates the classes).
 */

import { checkOptions, optionKeys } from "../util/options.js";
import { checkCount, checkNonNegative, type Dataset, type RandomSource, rngFrom } from "./dataset.js";

/** Options of `makeXor`. */
export interface XorOptions extends RandomSource {
  /** Number of points (default 100). */
  n?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate after labelling (default 0.1). */
  noise?: number;
  /** How far points are pushed off the axes before the noise (default 0.1). */
  padding?: number;
}

/**
 * Points uniform in [-2, 2]², each coordinate pushed `padding` away from 0 (so the quadrants are apart),
 * labelled 0 where x·y > 0 (first and third quadrants) and 1 elsewhere; then N(0, noise) on every
 * coordinate. Per point: x, y, then the noise on x and on y (seed 42 by default).
 */
export function makeXor(options?: XorOptions): Dataset {
  const where = "makeXor(options)";
  const o = checkOptions(
    where,
    options,
    optionKeys<XorOptions>({ n: true, noise: true, padding: true, seed: true, rng: true }),
  );
  const n = checkCount(where, "n", o.n ?? 100);
  const noise = checkNonNegative(where, "noise", o.noise ?? 0.1);
  const padding = checkNonNegative(where, "padding", o.padding ?? 0.1);
  const rng = rngFrom(where, o, 42);
  const x: number[][] = [];
  const y: number[] = [];
  const away = (v: number) => v + (v >= 0 ? padding : -padding);
  for (let i = 0; i < n; i++) {
    const px = away(rng.uniform(-2, 2));
    const py = away(rng.uniform(-2, 2));
    y.push(px * py > 0 ? 0 : 1);
    x.push(noise > 0 ? [px + rng.normal(0, noise), py + rng.normal(0, noise)] : [px, py]);
  }
  return { name: "xor", x, y, nClasses: 2 };
}
