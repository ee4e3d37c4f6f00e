/**
 * The yin-yang dataset (3 classes) of the LLM101n micrograd module, after Kriener et al.'s yin-yang set.
 */

import { checkOptions, optionKeys } from "../util/options.js";
import { checkCount, type Dataset, type RandomSource, rngFrom } from "./dataset.js";

/** Options of `makeYinYang`. */
export interface YinYangOptions extends RandomSource {
  /** Number of points (default 100); point i has class i % 3. */
  n?: number;
  /** Radius of the two small dots (default 0.1). */
  rSmall?: number;
  /** Radius of the big circle (default 0.5). */
  rBig?: number;
}

/**
 * Yin-yang points, drawn exactly like LLM101n's `gen_data_yinyang` so a seeded run matches the Python
 * one number for number. For i = 0..n-1 the goal class is i % 3; draw x = uniform(0, 2 rBig) then
 * y = uniform(0, 2 rBig) until the point lies in the big circle and has the goal class. Classes: 2 for
 * the two small dots; 0 ("yin") for d_right <= rSmall, rSmall < d_left <= rBig / 2, or y > rBig with
 * d_right > rBig / 2; 1 otherwise. Points are scaled to [-2, 2]: ((x / rBig - 1) * 2, (y / rBig - 1) * 2).
 * Seed 42 by default.
 */
export function makeYinYang(options?: YinYangOptions): Dataset {
  const where = "makeYinYang(options)";
  const o = checkOptions(
    where,
    options,
    optionKeys<YinYangOptions>({ n: true, rSmall: true, rBig: true, seed: true, rng: true }),
  );
  const n = checkCount(where, "n", o.n ?? 100);
  const rSmall = o.rSmall ?? 0.1;
  const rBig = o.rBig ?? 0.5;
  if (typeof rBig !== "number" || !(rBig > 0 && Number.isFinite(rBig))) {
    throw new RangeError(`${where}: rBig must be a finite number > 0, got ${String(rBig)}`);
  }
  if (typeof rSmall !== "number" || !(rSmall > 0 && rSmall < rBig / 2)) {
    throw new RangeError(`${where}: rSmall must be a number in (0, rBig / 2), got ${String(rSmall)}`);
  }
  const rng = rngFrom(where, o, 42);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const goal = i % 3;
    for (;;) {
      const px = rng.uniform(0, 2 * rBig);
      const py = rng.uniform(0, 2 * rBig);
      if (Math.sqrt((px - rBig) ** 2 + (py - rBig) ** 2) > rBig) continue;
      if (yinYangClass(px, py, rSmall, rBig) !== goal) continue;
      x.push([(px / rBig - 1) * 2, (py / rBig - 1) * 2]);
      y.push(goal);
      break;
    }
  }
  return { name: "yinyang", x, y, nClasses: 3 };
}

/** The class of a point (x, y) in [0, 2 rBig]^2 inside the big circle: 0 yin, 1 yang, 2 the dots. */
export function yinYangClass(x: number, y: number, rSmall = 0.1, rBig = 0.5): number {
  const dRight = Math.sqrt((x - 1.5 * rBig) ** 2 + (y - rBig) ** 2);
  const dLeft = Math.sqrt((x - 0.5 * rBig) ** 2 + (y - rBig) ** 2);
  if (dRight < rSmall || dLeft < rSmall) return 2;
  const yin =
    dRight <= rSmall || (dLeft > rSmall && dLeft <= 0.5 * rBig) || (y > rBig && dRight > 0.5 * rBig);
  return yin ? 0 : 1;
}
