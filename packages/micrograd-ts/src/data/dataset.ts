/**
 * The shape of a dataset, option checking shared by the generators, and the 80/10/10 split.
 */
import { describeArg } from "../util/describe-arg.js";
import { checkOptions, optionKeys } from "../util/options.js";
import { Rng } from "./rng.js";

/** A labelled dataset: inputs `x[i]` with class `y[i]` (0..nClasses-1; the lecture set uses ±1 targets). */
export interface Dataset {
  /** The dataset's name ("moons", "circles", …, "digits", a CSV file's), with "/train" etc. for splits. */
  name: string;
  /** Inputs, one row per example. */
  x: number[][];
  /** Labels: class indices 0..nClasses-1 (except `lectureData()`, whose targets are ±1). */
  y: number[];
  /** The number of classes. */
  nClasses: number;
}

/** A dataset whose inputs and classes have names (a CSV table, the digits). */
export interface NamedDataset extends Dataset {
  /** The inputs' names, in the order of `x[i]`. */
  featureNames: string[];
  /** Class `c`'s name is `classNames[c]`. */
  classNames: string[];
}

/** Where a generator gets its random numbers: a seed (a fresh `Rng`) or a generator to draw from. */
export interface RandomSource {
  /** Seed of a fresh `Rng` (ignored when `rng` is given). */
  seed?: number | bigint;
  /** A generator to draw from (its state advances). */
  rng?: Rng;
}

/** Returns `options.rng`, or a new `Rng(options.seed ?? defaultSeed)`. @internal */
export function rngFrom(where: string, options: RandomSource, defaultSeed: number): Rng {
  if (options.rng !== undefined) {
    if (!(options.rng instanceof Rng)) {
      throw new TypeError(`${where}: rng must be an Rng, got ${describeArg(options.rng)}`);
    }
    return options.rng;
  }
  return new Rng(options.seed ?? defaultSeed);
}

/** Checks that `n` is an integer >= min. @internal */
export function checkCount(where: string, name: string, n: unknown, min = 1): number {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < min) {
    throw new RangeError(`${where}: ${name} must be an integer >= ${min}, got ${describeArg(n)}`);
  }
  return n;
}

/** Checks that `x` is a finite number >= 0. @internal */
export function checkNonNegative(where: string, name: string, x: unknown): number {
  if (typeof x !== "number" || !Number.isFinite(x) || x < 0) {
    throw new RangeError(`${where}: ${name} must be a finite number >= 0, got ${describeArg(x)}`);
  }
  return x;
}

/** numpy's `linspace(start, stop, num, endpoint)`: `start + i * step`, the last point exactly `stop`. @internal */
export function linspace(start: number, stop: number, num: number, endpoint = true): number[] {
  const div = endpoint ? num - 1 : num;
  const out = new Array<number>(num);
  const step = div > 0 ? (stop - start) / div : 0;
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (endpoint && num > 1) out[num - 1] = stop;
  return out;
}

/**
 * Shuffles rows and labels together, in place: one `rng.shuffle` of the row indices (the same draws and
 * swaps as shuffling the rows themselves). @internal
 */
export function shuffleTogether(rng: Rng, x: number[][], y: number[]): void {
  const order = rng.shuffle(x.map((_, i) => i));
  const xs = order.map((i) => x[i]);
  const ys = order.map((i) => y[i]);
  for (let i = 0; i < order.length; i++) {
    x[i] = xs[i];
    y[i] = ys[i];
  }
}

/** What `twoCurves` draws: see there. @internal */
export interface TwoCurves {
  name: string;
  n: number;
  noise: number;
  shuffle: boolean;
  rng: Rng;
  /** t runs over linspace(0, stop, k, endpoint). */
  stop: number;
  endpoint: boolean;
  /** The point of class 0 (the outer curve) and of class 1 (the inner one) at t. */
  outer: (t: number) => [number, number];
  inner: (t: number) => [number, number];
}

/**
 * The two-class curve datasets (moons, circles, spiral), built like scikit-learn's: floor(n/2) points of class 0
 * on the outer curve, the rest of class 1 on the inner one, t = linspace(0, stop, k, endpoint) on each;
 * then a shuffle (if asked) and N(0, noise) added to every coordinate, x then y, point by point.
 * @internal
 */
export function twoCurves(c: TwoCurves): Dataset {
  const nOut = Math.floor(c.n / 2);
  const x: number[][] = [];
  const y: number[] = [];
  for (const t of linspace(0, c.stop, nOut, c.endpoint)) {
    x.push(c.outer(t));
    y.push(0);
  }
  for (const t of linspace(0, c.stop, c.n - nOut, c.endpoint)) {
    x.push(c.inner(t));
    y.push(1);
  }
  if (c.shuffle) shuffleTogether(c.rng, x, y);
  if (c.noise > 0) {
    for (const row of x) {
      for (let j = 0; j < row.length; j++) row[j] = row[j] + c.rng.normal(0, c.noise);
    }
  }
  return { name: c.name, x, y, nClasses: 2 };
}

/** A dataset cut into train / validation / test parts. */
export interface DatasetSplits {
  /** The first 80% (floor(0.8 n) examples). */
  train: Dataset;
  /** The next 10% (up to floor(0.9 n)). */
  val: Dataset;
  /** The rest. */
  test: Dataset;
}

/**
 * Splits a dataset in order, as LLM101n does: train = the first floor(0.8 n) examples, val = up to
 * floor(0.9 n), test = the rest. No shuffling (the generators already mix the classes).
 */
export function splitDataset(ds: Dataset): DatasetSplits {
  if (typeof ds !== "object" || ds === null || !Array.isArray(ds.x) || !Array.isArray(ds.y)) {
    throw new TypeError(
      `splitDataset(ds): ds must be a Dataset {name, x, y, nClasses}, got ${describeArg(ds)}`,
    );
  }
  if (ds.x.length !== ds.y.length) {
    throw new RangeError(`splitDataset(ds): ds.x has ${ds.x.length} rows but ds.y has ${ds.y.length} labels`);
  }
  const n = ds.x.length;
  const a = Math.floor(0.8 * n);
  const b = Math.floor(0.9 * n);
  const part = (suffix: string, from: number, to: number): Dataset => ({
    name: `${ds.name}/${suffix}`,
    x: ds.x.slice(from, to),
    y: ds.y.slice(from, to),
    nClasses: ds.nClasses,
  });
  return { train: part("train", 0, a), val: part("val", a, b), test: part("test", b, n) };
}

/** How `trainTestSplit` cuts: the training share and the shuffle's randomness. */
export interface TrainTestSplitOptions extends RandomSource {
  /** The share of rows for training, in (0, 1] (default 0.8); the rest is the test set. */
  trainFraction?: number;
}

/**
 * Shuffles the row indices (`Rng.shuffle`, from `Rng(seed)`, default seed 42) and
 * cuts them: the first `round(n * trainFraction)` (at least 1) are the training set, the rest the test
 * set. Any other fields of `ds` (a CSV dataset's names) are kept in both parts.
 * @throws RangeError for a fraction outside (0, 1], or x and y of different lengths
 */
export function trainTestSplit<T extends Dataset>(
  ds: T,
  options: TrainTestSplitOptions = {},
): { train: T; test: T } {
  const where = "trainTestSplit(ds, options)";
  if (typeof ds !== "object" || ds === null || !Array.isArray(ds.x) || !Array.isArray(ds.y)) {
    throw new TypeError(`${where}: ds must be a Dataset {name, x, y, nClasses}, got ${describeArg(ds)}`);
  }
  if (ds.x.length !== ds.y.length) {
    throw new RangeError(`${where}: ds.x has ${ds.x.length} rows but ds.y has ${ds.y.length} labels`);
  }
  const o = checkOptions(
    where,
    options,
    optionKeys<TrainTestSplitOptions>({ trainFraction: true, seed: true, rng: true }),
  );
  const fraction = o.trainFraction ?? 0.8;
  if (typeof fraction !== "number" || !(fraction > 0 && fraction <= 1)) {
    throw new RangeError(`${where}: trainFraction must be a number in (0, 1], got ${describeArg(fraction)}`);
  }
  const rng = rngFrom(where, o, 42);
  const n = ds.x.length;
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const cut = Math.max(1, Math.min(n, Math.round(n * fraction)));
  const part = (suffix: string, idx: number[]): T => ({
    ...ds,
    name: `${ds.name}/${suffix}`,
    x: idx.map((i) => ds.x[i]),
    y: idx.map((i) => ds.y[i]),
  });
  return { train: part("train", order.slice(0, cut)), test: part("test", order.slice(cut)) };
}
