/**
 * A small circle inside a large one, built like scikit-learn's `make_circles`.
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

/** Options of `makeCircles`. */
export interface CirclesOptions extends RandomSource {
  /** Number of points (default 100): floor(n/2) on the outer circle (class 0), the rest inside (class 1). */
  n?: number;
  /** Standard deviation of the Gaussian noise on each coordinate (default 0.1). */
  noise?: number;
  /** Radius of the inner circle relative to the outer one, in (0, 1) (default 0.8). */
  factor?: number;
  /** Shuffle the points (default true). */
  shuffle?: boolean;
}

/**
 * Two concentric circles, the construction of scikit-learn's `make_circles`: outer (cos t, sin t), inner
 * factor * (cos t, sin t), t = linspace(0, 2 pi, k, endpoint = false); labels 0 (outer) and 1 (inner);
 * then a shuffle and N(0, noise) noise from our `Rng` (seed 42 by default; not numpy's generator).
 */
export function makeCircles(options?: CirclesOptions): Dataset {
  const where = "makeCircles(options)";
  const o = checkOptions(
    where,
    options,
    optionKeys<CirclesOptions>({ n: true, noise: true, factor: true, shuffle: true, seed: true, rng: true }),
  );
  const n = checkCount(where, "n", o.n ?? 100);
  const noise = checkNonNegative(where, "noise", o.noise ?? 0.1);
  const factor = o.factor ?? 0.8;
  if (typeof factor !== "number" || !(factor > 0 && factor < 1)) {
    throw new RangeError(`${where}: factor must be a number in (0, 1), got ${String(factor)}`);
  }
  return twoCurves({
    name: "circles",
    n,
    noise,
    shuffle: o.shuffle ?? true,
    rng: rngFrom(where, o, 42),
    stop: 2 * Math.PI,
    endpoint: false,
    outer: (t) => [Math.cos(t), Math.sin(t)],
    inner: (t) => [Math.cos(t) * factor, Math.sin(t) * factor],
  });
}
