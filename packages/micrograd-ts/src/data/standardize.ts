/**
 * Standardization: each feature shifted by its mean and divided by its standard deviation, both measured
 * on the training rows only (so the test rows tell the model nothing), and kept with the model to apply
 * the same to any later input.
 */
import { describeArg } from "../util/describe-arg.js";
import { type Dataset, type TrainTestSplitOptions, trainTestSplit } from "./dataset.js";

/** Each feature's mean and standard deviation, as measured on the training rows. */
export interface Standardization {
  mean: number[];
  std: number[];
}

/**
 * The mean and the population standard deviation (divided by n, as scikit-learn's StandardScaler) of
 * each column of `x`. A constant column gets std 1 (it is only shifted to 0), so no division by zero.
 * @throws RangeError for no rows, rows of different lengths or a non-finite value
 */
export function fitStandardization(x: readonly (readonly number[])[]): Standardization {
  const where = "fitStandardization(x)";
  if (!Array.isArray(x) || x.length === 0) {
    throw new RangeError(`${where}: x must be a non-empty array of rows, got ${describeArg(x)}`);
  }
  const d = x[0].length;
  const mean = new Array<number>(d).fill(0);
  x.forEach((row, i) => {
    if (row.length !== d) throw new RangeError(`${where}: row ${i} has ${row.length} values, row 0 has ${d}`);
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(row[j]))
        throw new RangeError(`${where}: x[${i}][${j}] is ${row[j]}; expected a finite number`);
      mean[j] += row[j];
    }
  });
  for (let j = 0; j < d; j++) mean[j] /= x.length;
  const std = new Array<number>(d).fill(0);
  for (const row of x) for (let j = 0; j < d; j++) std[j] += (row[j] - mean[j]) ** 2;
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(std[j] / x.length);
    std[j] = s > 0 && Number.isFinite(s) ? s : 1;
  }
  return { mean, std };
}

/**
 * `(x[i][j] - mean[j]) / std[j]` for every row (new arrays).
 * @throws RangeError when a row's length is not the standardization's
 */
export function standardize(x: readonly (readonly number[])[], s: Standardization): number[][] {
  const d = s.mean.length;
  return x.map((row, i) => {
    if (row.length !== d) {
      throw new RangeError(
        `standardize(x, s): row ${i} has ${row.length} values; the standardization has ${d}`,
      );
    }
    return row.map((v, j) => (v - s.mean[j]) / s.std[j]);
  });
}

/** A named dataset split for training and testing, its inputs standardized (see `prepareDataset`). */
export interface PreparedDataset<T extends Dataset = Dataset> {
  /** The training rows, standardized. */
  train: T;
  /** The test rows, standardized the same way (empty when `trainFraction` is 1). */
  test: T;
  /** The test rows as they were (pictures of digits show the raw pixels). */
  rawTest: T;
  /** What was applied to every input; a model file keeps it so `predict` applies it too. */
  standardization: Standardization;
}

/** How `prepareDataset` cuts and scales. */
export interface PrepareOptions extends TrainTestSplitOptions {
  /** Use this instead of fitting one on the training rows (e.g. `digitsStandardization()`). */
  standardization?: Standardization;
}

/**
 * A dataset ready to train on: shuffled and split (`trainTestSplit`: `trainFraction`, default 0.8, and the
 * seed), then standardized with the mean and std of the training rows only (`fitStandardization`), or
 * with `options.standardization` when given.
 */
export function prepareDataset<T extends Dataset>(ds: T, options: PrepareOptions = {}): PreparedDataset<T> {
  const { standardization: given, ...split } = options;
  const { train, test } = trainTestSplit(ds, split);
  const standardization = given ?? fitStandardization(train.x);
  return {
    train: { ...train, x: standardize(train.x, standardization) },
    test: { ...test, x: standardize(test.x, standardization) },
    rawTest: test,
    standardization,
  };
}
