/**
 * Two interleaved spirals (the TensorFlow Playground's hardest 2-D set).
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

/** Options of `makeSpiral`. */
export interface SpiralOptions extends RandomSource {
  /** Number of points (default 100): floor(n/2) on the first arm (class 0), the rest on the second. */
  n?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0.1; 0 for none). */
  noise?: number;
  /** Turns each arm makes (default 1.75, as the TensorFlow Playground). */
  turns?: number;
  /** Shuffle the points (default true). */
  shuffle?: boolean;
}

/**
 * Two spiral arms of radius 0 to 2, class 0 and class 1 half a turn apart: point i of k on an arm has
 * r = 2 i / k and angle a = turns * 2 pi * i / k (+ pi for class 1), at (r sin a, r cos a); then a
 * shuffle and N(0, noise) noise on every coordinate, x then y, point by point (seed 42 by default) — the
 * construction moons and circles share (`twoCurves`), with other curves.
 */
export function makeSpiral(options?: SpiralOptions): Dataset {
  const where = "makeSpiral(options)";
  const o = checkOptions(
    where,
    options,
    optionKeys<SpiralOptions>({ n: true, noise: true, turns: true, shuffle: true, seed: true, rng: true }),
  );
  const n = checkCount(where, "n", o.n ?? 100);
  const noise = checkNonNegative(where, "noise", o.noise ?? 0.1);
  const turns = checkNonNegative(where, "turns", o.turns ?? 1.75);
  // an arm at t = i / k (t = linspace(0, 1, k, endpoint = false)): radius 2t, angle turns * 2 pi * t
  const arm = (t: number, phase: number): [number, number] => {
    const angle = turns * 2 * Math.PI * t + phase;
    return [2 * t * Math.sin(angle), 2 * t * Math.cos(angle)];
  };
  return twoCurves({
    name: "spiral",
    n,
    noise,
    shuffle: o.shuffle ?? true,
    rng: rngFrom(where, o, 42),
    stop: 1,
    endpoint: false,
    outer: (t) => arm(t, 0),
    inner: (t) => arm(t, Math.PI),
  });
}
