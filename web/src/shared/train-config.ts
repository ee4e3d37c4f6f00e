/**
 * The training view's settings (`TrainConfig`), their allowed values, and `parseTrainSettings`, which
 * turns untrusted text (form fields, the URL) into a valid config plus a message per value it rejected.
 */
import {
  ACTIVATIONS,
  type Activation,
  ENGINES,
  type Engine,
  OPTIMIZER_NAMES,
  type OptimizerName,
  TRAIN_LOSS_NAMES,
  type TrainLossName,
} from "micrograd-ts";

/** Datasets the playground trains on. */
export const DATASETS = ["moons", "circles", "xor", "spiral", "yinyang", "blobs"] as const;
/** Datasets whose points get the `noise` setting (a standard deviation on each coordinate). */
export const NOISY_DATASETS: readonly string[] = ["moons", "circles", "xor", "spiral"];
/** Regularization added to the loss: none, rate * sum|p| (L1) or rate * sum p² (L2). */
export const REGULARIZATIONS = ["none", "l1", "l2"] as const;
/** The activations a hidden layer may have here: the library's `ACTIVATIONS` but "linear". */
export const HIDDEN_ACTIVATIONS = ACTIVATIONS.filter((a) => a !== "linear") as readonly HiddenActivation[];
/** One of `HIDDEN_ACTIVATIONS`. */
export type HiddenActivation = Exclude<Activation, "linear">;

/** Everything that defines a training run. */
export interface TrainConfig {
  dataset: (typeof DATASETS)[number];
  /** Number of points generated (before any clicked in). */
  n: number;
  /** Standard deviation of the noise on each coordinate (moons, circles, xor, spiral). */
  noise: number;
  /** Share of the generated points trained on; the rest are the test set (1: no test set). */
  trainRatio: number;
  /** Hidden layer sizes, e.g. [16, 16]; empty for a linear model. */
  hidden: number[];
  activation: HiddenActivation;
  loss: TrainLossName;
  optimizer: OptimizerName;
  /** Learning rate. */
  lr: number;
  regularization: (typeof REGULARIZATIONS)[number];
  /** Regularization rate (micrograd's demo: L2 with 1e-4). */
  regRate: number;
  /** Points per step; 0 means the full batch. */
  batchSize: number;
  /** Seed of the data and the initial weights. */
  seed: number;
  engine: Engine;
}

/** Limits on the numeric settings (inclusive). */
export const LIMITS = {
  n: { min: 10, max: 500 },
  noise: { min: 0, max: 0.5 },
  trainRatio: { min: 0.1, max: 1 },
  regRate: { min: 0, max: 10 },
  /** Training points, counting those clicked in; and how far from 0 a clicked-in point may lie. */
  points: { max: 1000, coordinate: 100 },
  layers: { max: 4 },
  width: { min: 1, max: 64 },
  lr: { min: 1e-6, max: 10 },
  batchSize: { min: 0, max: 500 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

/** The default run: micrograd's moons demo network, trained live. */
export const DEFAULT_TRAIN_CONFIG: Readonly<TrainConfig> = Object.freeze({
  dataset: "moons",
  n: 100,
  noise: 0.1,
  trainRatio: 0.8,
  hidden: [16, 16],
  activation: "relu",
  loss: "svm",
  optimizer: "sgd",
  lr: 0.1,
  regularization: "l2",
  regRate: 1e-4,
  batchSize: 0,
  seed: 42,
  engine: "compiled",
});

/** A copy of the default config. */
export function defaultTrainConfig(): TrainConfig {
  return { ...DEFAULT_TRAIN_CONFIG, hidden: [...DEFAULT_TRAIN_CONFIG.hidden] };
}

/** The text form of each setting, as it appears in a form field or the URL. */
export type TrainSettings = Partial<Record<keyof TrainConfig, string>>;

/** The result of parsing settings: a valid config and one message per rejected value. */
export interface ParsedTrainSettings {
  config: TrainConfig;
  errors: string[];
}

const MAX_FIELD = 200;

function short(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

function parseChoice<T extends string>(
  name: string,
  text: string,
  allowed: readonly T[],
  errors: string[],
): T | undefined {
  if ((allowed as readonly string[]).includes(text)) return text as T;
  errors.push(`${name}: ${short(text)} is not one of ${allowed.join(", ")}`);
  return undefined;
}

function parseNumber(
  name: string,
  text: string,
  { min, max, integer }: { min: number; max: number; integer: boolean },
  errors: string[],
): number | undefined {
  const t = text.trim();
  // plain decimal notation only: no hex, no "Infinity", no empty string
  const x = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isFinite(x) || (integer && !Number.isInteger(x)) || x < min || x > max) {
    errors.push(
      `${name}: ${short(text)} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}`,
    );
    return undefined;
  }
  return x;
}

/** Parses "16,16" into hidden layer sizes (empty text: no hidden layer). */
function parseHidden(text: string, errors: string[]): number[] | undefined {
  const t = text.trim();
  if (t === "" || t === "none") return [];
  const parts = t.split(/[\s,]+/);
  const { min, max } = LIMITS.width;
  const sizes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : Number.NaN));
  if (parts.length > LIMITS.layers.max || sizes.some((s) => !(s >= min && s <= max))) {
    errors.push(
      `hidden layers: ${short(text)} must be up to ${LIMITS.layers.max} comma-separated sizes from ${min} to ${max} (e.g. 16,16)`,
    );
    return undefined;
  }
  return sizes;
}

/**
 * Builds a config from text settings (missing ones take the default). Every value is checked against
 * its allowed set or range; a bad one keeps the default and adds a message naming the setting, the value
 * and what is allowed.
 */
export function parseTrainSettings(
  settings: TrainSettings,
  base: TrainConfig = defaultTrainConfig(),
): ParsedTrainSettings {
  const config: TrainConfig = { ...base, hidden: [...base.hidden] };
  const errors: string[] = [];
  if (settings === null || typeof settings !== "object")
    return { config, errors: ["settings must be an object"] };
  for (const [key, raw] of Object.entries(settings)) {
    if (raw === undefined) continue;
    if (typeof raw !== "string" || raw.length > MAX_FIELD) {
      errors.push(`${key}: value is too long or not text`);
      continue;
    }
    switch (key as keyof TrainConfig) {
      case "dataset":
        config.dataset = parseChoice("dataset", raw, DATASETS, errors) ?? config.dataset;
        break;
      case "activation":
        config.activation = parseChoice("activation", raw, HIDDEN_ACTIVATIONS, errors) ?? config.activation;
        break;
      case "loss":
        config.loss = parseChoice("loss", raw, TRAIN_LOSS_NAMES, errors) ?? config.loss;
        break;
      case "optimizer":
        config.optimizer = parseChoice("optimizer", raw, OPTIMIZER_NAMES, errors) ?? config.optimizer;
        break;
      case "regularization":
        config.regularization =
          parseChoice("regularization", raw, REGULARIZATIONS, errors) ?? config.regularization;
        break;
      case "engine":
        config.engine = parseChoice("engine", raw, ENGINES, errors) ?? config.engine;
        break;
      case "hidden":
        config.hidden = parseHidden(raw, errors) ?? config.hidden;
        break;
      case "n":
        config.n = parseNumber("points", raw, { ...LIMITS.n, integer: true }, errors) ?? config.n;
        break;
      case "noise":
        config.noise = parseNumber("noise", raw, { ...LIMITS.noise, integer: false }, errors) ?? config.noise;
        break;
      case "trainRatio":
        config.trainRatio =
          parseNumber("train ratio", raw, { ...LIMITS.trainRatio, integer: false }, errors) ??
          config.trainRatio;
        break;
      case "regRate":
        config.regRate =
          parseNumber("regularization rate", raw, { ...LIMITS.regRate, integer: false }, errors) ??
          config.regRate;
        break;
      case "lr":
        config.lr = parseNumber("learning rate", raw, { ...LIMITS.lr, integer: false }, errors) ?? config.lr;
        break;
      case "batchSize":
        config.batchSize =
          parseNumber("batch size", raw, { ...LIMITS.batchSize, integer: true }, errors) ?? config.batchSize;
        break;
      case "seed":
        config.seed = parseNumber("seed", raw, { ...LIMITS.seed, integer: true }, errors) ?? config.seed;
        break;
      default:
        errors.push(`unknown setting ${short(key)}`);
    }
  }
  return { config, errors };
}

/** A point clicked into the training set. */
export interface AddedPoint {
  x: number;
  y: number;
  cls: number;
}

/**
 * Parses clicked-in points from their link form "x,y,class;x,y,class" (untrusted): keeps the valid
 * ones (finite coordinates within ±`LIMITS.points.coordinate`, a class of the dataset, at most
 * `LIMITS.points.max`) and says what it dropped.
 */
export function parsePoints(
  text: string,
  dataset: TrainConfig["dataset"],
): { points: AddedPoint[]; errors: string[] } {
  const points: AddedPoint[] = [];
  const errors: string[] = [];
  if (text.trim() === "") return { points, errors };
  const k = classesOf(dataset);
  const lim = LIMITS.points.coordinate;
  const num = (s: string) => (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : Number.NaN);
  let bad = 0;
  const parts = text.split(";");
  for (const part of parts.slice(0, LIMITS.points.max)) {
    const [xs, ys, cs, extra] = part.split(",");
    const x = num(xs ?? "");
    const y = num(ys ?? "");
    const cls = num(cs ?? "");
    if (
      extra !== undefined ||
      !(Math.abs(x) <= lim) ||
      !(Math.abs(y) <= lim) ||
      !Number.isInteger(cls) ||
      cls < 0 ||
      cls >= k
    ) {
      bad++;
      continue;
    }
    points.push({ x, y, cls });
  }
  if (bad > 0)
    errors.push(
      `points: ${bad} of ${Math.min(parts.length, LIMITS.points.max)} were not "x,y,class" with |x|, |y| <= ${lim} and a class from 0 to ${k - 1}; left out`,
    );
  if (parts.length > LIMITS.points.max)
    errors.push(`points: only the first ${LIMITS.points.max} of ${parts.length} were kept`);
  return { points, errors };
}

/** The link form of clicked-in points: "x,y,class;…" with 4 decimals. */
export function pointsText(points: readonly AddedPoint[]): string {
  const r = (v: number) => String(Math.round(v * 1e4) / 1e4);
  return points.map((p) => `${r(p.x)},${r(p.y)},${p.cls}`).join(";");
}

/** How many classes a dataset has (blobs: 3 centres, yin-yang: 3 regions, the rest: 2). */
export function classesOf(dataset: TrainConfig["dataset"]): number {
  return dataset === "blobs" || dataset === "yinyang" ? 3 : 2;
}

/** How many of the generated points are trained on (at least 1; the rest are the test set). */
export function trainCount(config: Pick<TrainConfig, "n" | "trainRatio">): number {
  return Math.max(1, Math.min(config.n, Math.round(config.n * config.trainRatio)));
}

/** The text form of a config (inverse of `parseTrainSettings`). */
export function trainSettingsOf(config: TrainConfig): Record<keyof TrainConfig, string> {
  return {
    dataset: config.dataset,
    n: String(config.n),
    noise: String(config.noise),
    trainRatio: String(config.trainRatio),
    hidden: config.hidden.join(","),
    activation: config.activation,
    loss: config.loss,
    optimizer: config.optimizer,
    lr: String(config.lr),
    regularization: config.regularization,
    regRate: String(config.regRate),
    batchSize: String(config.batchSize),
    seed: String(config.seed),
    engine: config.engine,
  };
}
