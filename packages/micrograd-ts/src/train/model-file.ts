/**
 * The model file that `micrograd train` writes, the playground downloads and `micrograd predict` reads:
 * `MLP.toJSON()` plus a `micrograd` record of what the model was trained for and how, and for a model of
 * a CSV table the names of its features and classes and the standardization its inputs need.
 */
import type { Standardization } from "../data/standardize.js";
import { ACTIVATIONS, type Activation } from "../nn/activation.js";
import type { MLP, MLPJSON } from "../nn/mlp.js";
import { describeArg } from "../util/describe-arg.js";
import { parseJSONObject } from "../util/parse-json.js";
import { VERSION } from "../version.js";
import type { Engine } from "./engines.js";
import { TRAIN_LOSS_NAMES, TRAIN_LOSSES, type TrainLossName } from "./losses.js";
import { OPTIMIZER_NAMES, type OptimizerName } from "./optimizer.js";

/** What a model was trained for and how: the `micrograd` record of a model file. */
export interface ModelInfo {
  /** The data: a dataset's name ("moons", "digits", …) or a CSV file's name. */
  dataset: string;
  /** The loss it was trained with (it says how to read the outputs: see `predictClass`). */
  loss: TrainLossName;
  /** The number of classes. */
  nClasses: number;
  /** The seed of the initial weights (and of the data's generator or split). */
  seed?: number;
  /** The hidden layer sizes (the output layer follows from the loss and the classes). */
  layers?: number[];
  /** The hidden layers' nonlinearity. */
  activation?: Activation;
  optimizer?: OptimizerName;
  /** The learning rate: a number, or a schedule in words ("1.0 -> 0.1"). */
  lr?: number | string;
  /** The L2 regularization's rate (alpha of alpha * sum(p * p)). */
  l2?: number;
  /** The L1 regularization's rate (of rate * sum(|p|)). */
  l1?: number;
  /** Optimizer steps taken. */
  steps?: number;
  /** Examples per step (0: the full batch). */
  batchSize?: number;
  engine?: Engine;
  /** The share of the rows trained on (the rest was the test set). */
  trainFraction?: number;
  /** The library's `VERSION` that trained it. */
  version?: string;
  /** The class column's name (a CSV model). */
  target?: string;
  /** The input columns' names, in input order (a CSV model). */
  features?: string[];
  /** Class `c`'s name (a CSV model, digits). */
  classes?: string[];
  /** What `predict` applies to an input before the model sees it: (x - mean) / std per feature. */
  standardization?: Standardization;
}

/** A model file: the MLP's JSON and the `micrograd` record (absent in a bare `MLP.toJSON()`). */
export type ModelFile = MLPJSON & { micrograd?: ModelInfo };

const KEYS: readonly (keyof ModelInfo)[] = [
  "dataset",
  "loss",
  "nClasses",
  "seed",
  "layers",
  "activation",
  "optimizer",
  "lr",
  "l2",
  "l1",
  "steps",
  "batchSize",
  "engine",
  "trainFraction",
  "version",
  "target",
  "features",
  "classes",
  "standardization",
];

const isInt = (v: unknown, min: number): v is number => Number.isSafeInteger(v) && (v as number) >= min;
const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Throws unless `ok`, naming the field, what it holds and what is allowed. */
function need(ok: boolean, field: string, value: unknown, allowed: string): void {
  if (!ok) throw new TypeError(`micrograd.${field} must be ${allowed}, got ${describeArg(value)}`);
}

/**
 * Checks a model file's `micrograd` record against the model's shape (`nin`, the output count): known
 * keys only, each of the right type; the outputs the loss needs for `nClasses`; one name per feature
 * and per class; a standardization of one finite mean and positive std per input. A record without the
 * training fields (an older file) passes.
 * @throws TypeError or RangeError with one line naming the field
 */
export function checkModelInfo(info: unknown, nin: number, nout: number): ModelInfo {
  if (typeof info !== "object" || info === null || Array.isArray(info)) {
    throw new TypeError(`micrograd must be an object {dataset, loss, nClasses, …}, got ${describeArg(info)}`);
  }
  const o = info as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new TypeError(
        `micrograd.${key} is not a field of a model file; the fields are ${KEYS.join(", ")}`,
      );
    }
  }
  need(typeof o.dataset === "string", "dataset", o.dataset, "a string");
  need(
    TRAIN_LOSS_NAMES.includes(o.loss as TrainLossName),
    "loss",
    o.loss,
    `one of ${TRAIN_LOSS_NAMES.join(", ")}`,
  );
  need(isInt(o.nClasses, 1), "nClasses", o.nClasses, "an integer >= 1");
  const loss = o.loss as TrainLossName;
  const k = o.nClasses as number;
  const outputs = TRAIN_LOSSES[loss].outputs(k);
  if (outputs !== nout) {
    throw new RangeError(
      `the model has ${nout} output${nout === 1 ? "" : "s"}, but loss ${loss} with ${k} classes needs ${outputs}`,
    );
  }
  const optional: [keyof ModelInfo, (v: unknown) => boolean, string][] = [
    ["seed", (v) => isInt(v, 0), "an integer >= 0"],
    ["layers", (v) => Array.isArray(v) && v.every((n) => isInt(n, 1)), "an array of layer sizes >= 1"],
    ["activation", (v) => ACTIVATIONS.includes(v as Activation), `one of ${ACTIVATIONS.join(", ")}`],
    [
      "optimizer",
      (v) => OPTIMIZER_NAMES.includes(v as OptimizerName),
      `one of ${OPTIMIZER_NAMES.join(", ")}`,
    ],
    ["lr", (v) => (finite(v) && v > 0) || typeof v === "string", "a number > 0 or a schedule's description"],
    ["l2", (v) => finite(v) && v >= 0, "a number >= 0"],
    ["l1", (v) => finite(v) && v >= 0, "a number >= 0"],
    ["steps", (v) => isInt(v, 0), "an integer >= 0"],
    ["batchSize", (v) => isInt(v, 0), "an integer >= 0 (0: full batch)"],
    ["engine", (v) => v === "object" || v === "compiled", "object or compiled"],
    ["trainFraction", (v) => finite(v) && v > 0 && v <= 1, "a number in (0, 1]"],
    ["version", (v) => typeof v === "string", "a string"],
    ["target", (v) => typeof v === "string", "a column name"],
  ];
  for (const [key, ok, allowed] of optional) if (o[key] !== undefined) need(ok(o[key]), key, o[key], allowed);
  const names = (key: "features" | "classes", count: number, what: string): void => {
    const v = o[key];
    if (v === undefined) return;
    need(Array.isArray(v) && v.every((s) => typeof s === "string"), key, v, "an array of names");
    const list = v as string[];
    if (list.length !== count) {
      throw new RangeError(`micrograd.${key} has ${list.length} names, but the model has ${count} ${what}`);
    }
    if (new Set(list).size !== list.length)
      throw new RangeError(`micrograd.${key} names one ${what.replace(/s$/, "")} twice`);
  };
  names("features", nin, "inputs");
  names("classes", k, "classes");
  if (o.standardization !== undefined) {
    const s = o.standardization as Partial<Standardization> | null;
    const list = (v: unknown, min: number) =>
      Array.isArray(v) && v.length === nin && v.every((x) => finite(x) && x >= min);
    need(
      typeof s === "object" && s !== null && list(s.mean, -Infinity),
      "standardization.mean",
      s?.mean,
      `${nin} finite numbers (one per input)`,
    );
    need(
      list((s as Standardization).std, Number.MIN_VALUE),
      "standardization.std",
      s?.std,
      `${nin} finite numbers > 0 (one per input)`,
    );
  }
  return o as unknown as ModelInfo;
}

/**
 * A model file's JSON (text or parsed) checked without building the model: the MLP's shape fields and
 * the `micrograd` record (`checkModelInfo`); the parameters are checked by `MLP.fromJSON(file)`, which
 * builds the model (after the caller has checked its size, if it must).
 * @throws SyntaxError for text that is not JSON; TypeError or RangeError naming the field, in one line
 */
export function parseModelFile(json: string | object): ModelFile {
  const o = parseJSONObject("model file", json, '{type: "MLP", nin, nouts, …, micrograd}');
  const nouts = o.nouts;
  if (!isInt(o.nin, 1)) throw new TypeError(`nin must be an integer >= 1, got ${describeArg(o.nin)}`);
  if (!Array.isArray(nouts) || nouts.length === 0 || !nouts.every((n) => isInt(n, 1))) {
    throw new TypeError(`nouts must be a non-empty array of layer sizes >= 1, got ${describeArg(nouts)}`);
  }
  if (o.micrograd !== undefined) checkModelInfo(o.micrograd, o.nin, nouts[nouts.length - 1]);
  return o as unknown as ModelFile;
}

/**
 * A model with its current parameters as a file: `model.toJSON()` and `info` (checked against the
 * model, see `checkModelInfo`), with `version` set to this library's `VERSION` when absent.
 */
export function modelFile(model: MLP, info: ModelInfo): ModelFile {
  const json = model.toJSON();
  const record = { ...info, version: info.version ?? VERSION };
  checkModelInfo(record, json.nin, json.nouts[json.nouts.length - 1]);
  return { ...json, micrograd: record };
}

/** `modelFile(model, info)` as text: JSON with one-space indents and a final newline. */
export function serializeModelFile(model: MLP, info: ModelInfo): string {
  return `${JSON.stringify(modelFile(model, info), null, 1)}\n`;
}
