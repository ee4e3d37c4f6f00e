/**
 * Two interleaved spirals (the TensorFlow Playground's hardest 2-D set).
 */
import {
  checkCount,
  checkNonNegative,
  checkOptions,
  type Dataset,
  type RandomSource,
  rngFrom,
  shuffleTogether,
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
 * r = 2 i / k and angle t = turns * 2 pi * i / k (+ pi for class 1), at (r sin t, r cos t); then a
 * shuffle and N(0, noise) noise on every coordinate, x then y, point by point (seed 42 by default).
 */
export function makeSpiral(options?: SpiralOptions): Dataset {
  const where = "makeSpiral(options)";
  const o = checkOptions(where, options);
  const n = checkCount(where, "n", o.n ?? 100);
  const noise = checkNonNegative(where, "noise", o.noise ?? 0.1);
  const turns = checkNonNegative(where, "turns", o.turns ?? 1.75);
  const rng = rngFrom(where, o, 42);
  const x: number[][] = [];
  const y: number[] = [];
  const first = Math.floor(n / 2);
  for (let c = 0; c < 2; c++) {
    const k = c === 0 ? first : n - first;
    for (let i = 0; i < k; i++) {
      const r = (2 * i) / k;
      const t = turns * 2 * Math.PI * (i / k) + c * Math.PI;
      x.push([r * Math.sin(t), r * Math.cos(t)]);
      y.push(c);
    }
  }
  if (o.shuffle ?? true) shuffleTogether(rng, x, y);
  if (noise > 0) {
    for (const row of x) {
      for (let j = 0; j < row.length; j++) row[j] = (row[j] as number) + rng.normal(0, noise);
    }
  }
  return { name: "spiral", x, y, nClasses: 2 };
}
