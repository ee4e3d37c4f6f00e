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
  digitsStandardization,
  getDataset,
  type NamedDataset,
  prepareDataset,
  type Standardization,
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
  const digits = o.csv === undefined;
  const { train, test, rawTest, standardization } = prepareDataset(named, {
    trainFraction,
    seed: o.seed,
    ...(digits ? { standardization: digitsStandardization() } : {}),
  });
  return {
    name,
    train,
    test,
    trainFraction,
    named: { featureNames: named.featureNames, classNames: named.classNames },
    standardization,
    preparation: digits ? "pixels / 16" : "standardized",
    rawTest,
  };
}
