/**
 * The training view's settings (`TrainConfig`), their allowed values, and `parseTrainSettings`, which
 * turns untrusted text (form fields, the URL) into a valid config plus a message per value it rejected.
 */
import {
  checkMemory,
  DEFAULT_MEMORY_LIMIT,
  estimateMlpStep,
  largestBatch,
  mlpSignature,
  SizeLimitError,
} from "../../src/index.js";

/** Datasets the playground trains on. */
export const DATASETS = ["moons", "yinyang", "circles", "blobs"] as const;
/** Hidden-layer activations. */
export const ACTIVATIONS = ["relu", "tanh", "sigmoid"] as const;
/** Losses: max-margin (micrograd's demo), cross-entropy, mean squared error. */
export const LOSSES = ["svm", "ce", "mse"] as const;
/** Optimizers. */
export const OPTIMIZERS = ["sgd", "adam", "adamw"] as const;
/** Engines for the training step: the compiled typed-array replay or the readable object engine. */
export const ENGINES = ["compiled", "object"] as const;

/** Everything that defines a training run. */
export interface TrainConfig {
  dataset: (typeof DATASETS)[number];
  /** Number of points generated (before any clicked in). */
  n: number;
  /** Hidden layer sizes, e.g. [16, 16]; empty for a linear model. */
  hidden: number[];
  activation: (typeof ACTIVATIONS)[number];
  loss: (typeof LOSSES)[number];
  optimizer: (typeof OPTIMIZERS)[number];
  /** Learning rate. */
  lr: number;
  /** Points per step; 0 means the full batch. */
  batchSize: number;
  /** Seed of the data and the initial weights. */
  seed: number;
  engine: (typeof ENGINES)[number];
}

/** Limits on the numeric settings (inclusive). */
export const LIMITS = {
  n: { min: 10, max: 500 },
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
  hidden: [16, 16],
  activation: "relu",
  loss: "svm",
  optimizer: "sgd",
  lr: 0.1,
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
        config.activation = parseChoice("activation", raw, ACTIVATIONS, errors) ?? config.activation;
        break;
      case "loss":
        config.loss = parseChoice("loss", raw, LOSSES, errors) ?? config.loss;
        break;
      case "optimizer":
        config.optimizer = parseChoice("optimizer", raw, OPTIMIZERS, errors) ?? config.optimizer;
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
  const tooBig = sizeProblem(config);
  if (tooBig !== undefined) {
    // keep the run that fitted: the sizes go back to what they were
    errors.push(tooBig);
    config.n = base.n;
    config.hidden = [...base.hidden];
    config.batchSize = base.batchSize;
  }
  return { config, errors };
}

/** Classes per dataset (the network's outputs: one score for two classes unless the loss is ce). */
const CLASSES: Record<TrainConfig["dataset"], number> = { moons: 2, circles: 2, yinyang: 3, blobs: 3 };

/**
 * Why one training step of `config` would not fit in the page's memory (the library's estimate against
 * `DEFAULT_MEMORY_LIMIT`, the same one `micrograd train` uses), or undefined if it fits. The message
 * starts with "batch size:" and says what to change.
 */
export function sizeProblem(config: TrainConfig): string | undefined {
  const k = CLASSES[config.dataset];
  const shape = {
    nin: 2,
    nouts: [...config.hidden, k === 2 && config.loss !== "ce" ? 1 : k],
    activation: config.activation,
  };
  const examples = config.batchSize > 0 ? Math.min(config.batchSize, config.n) : config.n;
  const fits = largestBatch(shape, DEFAULT_MEMORY_LIMIT, config.engine, config.n);
  try {
    checkMemory(
      `batch size: one step of ${mlpSignature(shape)} on ${examples} points`,
      estimateMlpStep(shape, examples, config.engine),
      DEFAULT_MEMORY_LIMIT,
      fits > 0
        ? `use a batch size of ${fits} or less, or smaller hidden layers`
        : "use smaller hidden layers",
    );
  } catch (e) {
    if (e instanceof SizeLimitError) return e.message;
    throw e;
  }
  return undefined;
}

/** The text form of a config (inverse of `parseTrainSettings`). */
export function trainSettingsOf(config: TrainConfig): Record<keyof TrainConfig, string> {
  return {
    dataset: config.dataset,
    n: String(config.n),
    hidden: config.hidden.join(","),
    activation: config.activation,
    loss: config.loss,
    optimizer: config.optimizer,
    lr: String(config.lr),
    batchSize: String(config.batchSize),
    seed: String(config.seed),
    engine: config.engine,
  };
}
