/**
 * The data `micrograd train` learns from: a toy dataset by name (all of it, in the generator's order), or
 * real data (a CSV table, the digits): shuffled and split into training and test rows; a CSV table's
 * features standardized with the training rows' mean and std, the digits' pixels divided by 16.
 */
import { basename, extname } from "node:path";
import {
  CsvError,
  csvDataset,
  type Dataset,
  fitStandardization,
  getDataset,
  type NamedDataset,
  type Standardization,
  standardize,
  trainTestSplit,
} from "micrograd-ts";
import { UsageError } from "./errors.js";
import { readInput } from "./files.js";

/** Where the rows come from and how they are cut. */
export interface DataChoice {
  dataset: string;
  n: number;
  seed: number;
  /** The CSV file and its target column (instead of `dataset`). */
  csv?: string;
  target?: string;
  /** The training share, or "auto": 0.8 for real data, all of a toy dataset. */
  split: number | "auto";
}

/** The rows a run trains and tests on, and what a model file must record to read new inputs. */
export interface TrainingData {
  /** The dataset's name in file names and the model file ("moons", "digits", a CSV file's base name). */
  name: string;
  /** The training rows (standardized for real data), with class indices. */
  train: Dataset;
  /** The test rows, prepared the same way (empty: none). */
  test: Dataset;
  /** The share of rows in `train` (1: all). */
  trainFraction: number;
  /** The inputs' and classes' names (real data). */
  named?: { featureNames: string[]; classNames: string[] };
  /** Applied to every input (real data): (x - mean) / std. */
  standardization?: Standardization;
  /** What `standardization` is, in words ("standardized", "pixels / 16"). */
  preparation?: string;
  /** The test rows before standardization (pictures of digits show the raw pixels). */
  rawTest: Dataset;
}

/** A CSV file as a dataset, every problem as one line naming the file (and line and column). */
function readCsv(path: string, target: string): NamedDataset {
  const text = readInput(path, "--csv");
  const name = basename(path, extname(path)) || "csv";
  try {
    return csvDataset(text, { target, name });
  } catch (e) {
    if (e instanceof CsvError) throw new UsageError(`--csv ${path}: ${e.message}`);
    const msg = (e as Error).message.replace(/^csvDataset\(csv, options\): /, "");
    if (/target column/.test(msg)) throw new UsageError(`--target ${target}: ${msg} in ${path}`);
    throw new UsageError(`--csv ${path}: ${msg}`);
  }
}

/**
 * The digits' inputs: every pixel divided by 16 (0..1), as a `Standardization` (mean 0, std 16) so the
 * model file and `predict` treat it like any other. Not a per-pixel standardization: the border pixels
 * are almost always 0, so their std is tiny and a rare ink there in a test image becomes a huge input
 * (measured, seed 42, MLP(64, [32, 10]): 91.9% test accuracy standardized, 96.4% divided by 16).
 */
function digitsScale(pixels: number): Standardization {
  return { mean: new Array<number>(pixels).fill(0), std: new Array<number>(pixels).fill(16) };
}

/** The data of a run (see `TrainingData`). @throws UsageError for a bad file, column or combination */
export function trainingData(o: DataChoice): TrainingData {
  let data: Dataset;
  let named: NamedDataset | undefined;
  if (o.csv !== undefined) {
    if (o.target === undefined)
      throw new UsageError(`--csv ${o.csv}: name the class column with --target COLUMN`);
    named = readCsv(o.csv, o.target);
    data = named;
  } else {
    if (o.target !== undefined) throw new UsageError(`--target ${o.target}: only for --csv FILE`);
    data = getDataset(
      o.dataset,
      o.dataset === "lecture" || o.dataset === "digits" ? {} : { n: o.n, seed: o.seed },
    );
    if (o.dataset === "digits") named = data as NamedDataset;
    if (o.dataset === "lecture") data = { ...data, y: data.y.map((y) => (y > 0 ? 1 : 0)) };
  }
  const name = named?.name ?? o.dataset;
  if (!named) {
    const trainFraction = o.split === "auto" ? 1 : o.split;
    if (trainFraction === 1)
      return {
        name,
        train: data,
        test: { ...data, x: [], y: [] },
        trainFraction,
        rawTest: { ...data, x: [], y: [] },
      };
    const { train, test } = trainTestSplit(data, { trainFraction, seed: o.seed });
    return { name, train, test, trainFraction, rawTest: test };
  }
  const trainFraction = o.split === "auto" ? 0.8 : o.split;
  const { train, test } = trainTestSplit(named, { trainFraction, seed: o.seed });
  const standardization = o.csv !== undefined ? fitStandardization(train.x) : digitsScale(named.x[0].length);
  return {
    name,
    train: { ...train, x: standardize(train.x, standardization) },
    test: { ...test, x: standardize(test.x, standardization) },
    trainFraction,
    named: { featureNames: named.featureNames, classNames: named.classNames },
    standardization,
    preparation: o.csv !== undefined ? "standardized" : "pixels / 16",
    rawTest: test,
  };
}
