/**
 * Two interleaving half circles, built like scikit-learn's `make_moons`.
 */

import { checkOptions, optionKeys } from "../util/options.js";
import {
  checkCount,
  checkNonNegative,
  type Dataset,
  type RandomSource,
  rngFrom,
  twoCurves,
} from "./dataset.js";

/** Options of `makeMoons`. */
export interface MoonsOptions extends RandomSource {
  /** Number of points (default 100): floor(n/2) on the outer moon (class 0), the rest on the inner (class 1). */
  n?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0.1; 0 for none). */
  noise?: number;
  /** Shuffle the points (default true), as scikit-learn does. */
  shuffle?: boolean;
}

/**
 * Two moons, the construction of scikit-learn's `make_moons`: the outer moon is (cos t, sin t) and the
 * inner one (1 - cos t, 1 - sin t - 0.5) for t = linspace(0, pi, k); labels 0 (outer) and 1 (inner);
 * then a shuffle, then N(0, noise) added to every coordinate (x then y, point by point). The random
 * numbers come from our xorshift* `Rng` (seed 42 by default), not numpy's Mersenne Twister, so the
 * shuffle and the noise differ from scikit-learn's for the same seed; the noiseless points are identical.
 */
export function makeMoons(options?: MoonsOptions): Dataset {
  const where = "makeMoons(options)";
  const o = checkOptions(
    where,
    options,
    optionKeys<MoonsOptions>({ n: true, noise: true, shuffle: true, seed: true, rng: true }),
  );
  const n = checkCount(where, "n", o.n ?? 100);
  const noise = checkNonNegative(where, "noise", o.noise ?? 0.1);
  return twoCurves({
    name: "moons",
    n,
    noise,
    shuffle: o.shuffle ?? true,
    rng: rngFrom(where, o, 42),
    stop: Math.PI,
    endpoint: true,
    outer: (t) => [Math.cos(t), Math.sin(t)],
    inner: (t) => [1 - Math.cos(t), 1 - Math.sin(t) - 0.5],
  });
}
