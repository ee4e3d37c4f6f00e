/**
 * microgpt's run: seed, shuffle the documents, build the tokenizer and the model, then train one document
 * per step with Adam, and sample. `MicroGptTrainer` does it a step at a time (what a Web Worker drives);
 * `trainMicroGpt` runs it to the end.
 */
import { names } from "../data/names.js";
import { PyRandom } from "../data/pyrandom.js";
import { checkEngine, type Engine } from "../train/engines.js";
import { describeArg } from "../util/describe-arg.js";
import { checkOptions, optionKeys } from "../util/options.js";
import { MicroGptAdam } from "./adam.js";
import { CompiledDocumentLoss } from "./compiled.js";
import type { GptConfig } from "./config.js";
import { documentLoss } from "./loss.js";
import { MicroGpt } from "./model.js";
import { type SampleOptions, sampleMicroGpt } from "./sample.js";
import { CharTokenizer } from "./tokenizer.js";

/** Options of a microgpt run (microgpt.py's values by default). */
export interface MicroGptOptions {
  /** Training steps, one document each (default 1000); the learning rate decays to 0 over them. */
  steps?: number;
  /** The seed of the run's `PyRandom` (default 42, as `random.seed(42)`). */
  seed?: number | bigint;
  /** The documents (default: makemore's 32,033 names). Shuffled by the run's generator, as microgpt does. */
  docs?: readonly string[];
  /** The model's shape (default microgpt's: 1 layer, 16 dims, block size 16, 4 heads). */
  config?: Partial<GptConfig>;
  /** Adam's initial learning rate (default 0.01). */
  learningRate?: number;
  /**
   * "compiled" (default): one compiled graph per document length, replayed with the token ids as index
   * leaves; "object": the graph built anew every step, as microgpt.py does. The same losses bit for bit.
   */
  engine?: Engine;
}

/** What a training step reports. */
export interface MicroGptStep {
  /** The step just taken, from 1. */
  step: number;
  /** The run's number of steps. */
  steps: number;
  /** This step's loss, before its update. */
  loss: number;
}

const MICROGPT_OPTIONS = optionKeys<MicroGptOptions>({
  steps: true,
  seed: true,
  docs: true,
  config: true,
  learningRate: true,
  engine: true,
});

/**
 * A microgpt run taken one step at a time. Construction does what microgpt.py does before its loop, in
 * its order — seed, shuffle the documents, tokenizer, `gauss(0, 0.08)` weights — and each `step()` is
 * one iteration of its loop.
 */
export class MicroGptTrainer {
  /** The run's generator: it shuffled the docs and drew the weights; `sample` continues it. */
  readonly rng: PyRandom;
  /** The documents in training order (shuffled). */
  readonly docs: readonly string[];
  readonly tokenizer: CharTokenizer;
  readonly model: MicroGpt;
  readonly optimizer: MicroGptAdam;
  /** The number of steps of the run. */
  readonly steps: number;
  /** Each step's loss so far, before its update. */
  readonly losses: number[] = [];
  /** The engine the steps run on. */
  readonly engine: Engine;
  /** How many documents are longer than the model's context and so are cut (microgpt trains on the first blockSize positions). */
  readonly truncatedDocs: number;
  private readonly compiled: CompiledDocumentLoss | null;

  /** @param options steps, seed, docs, config, learningRate (see `MicroGptOptions`) */
  constructor(options: MicroGptOptions = {}) {
    const where = "new MicroGptTrainer(options)";
    checkOptions(where, options, MICROGPT_OPTIONS);
    const steps = options.steps ?? 1000;
    if (!Number.isSafeInteger(steps) || steps < 1) {
      throw new RangeError(`${where}: steps must be an integer >= 1, got ${describeArg(steps)}`);
    }
    this.steps = steps;
    const engine = checkEngine(where, options.engine ?? "compiled");
    this.engine = engine;
    const docs = options.docs === undefined ? names() : checkDocs(where, options.docs);
    this.rng = new PyRandom(options.seed ?? 42);
    this.rng.shuffle(docs);
    this.docs = docs;
    this.tokenizer = CharTokenizer.fromDocs(docs);
    this.model = new MicroGpt(options.config ?? {}, this.tokenizer, this.rng);
    this.optimizer = new MicroGptAdam(this.model.parameters(), {
      numSteps: steps,
      learningRate: options.learningRate ?? 0.01,
    });
    this.compiled = engine === "compiled" ? new CompiledDocumentLoss(this.model) : null;
    const block = this.model.config.blockSize;
    this.truncatedDocs = docs.filter((d) => Array.from(d).length >= block).length;
  }

  /** Steps taken so far. */
  get stepCount(): number {
    return this.losses.length;
  }

  /** True when all `steps` steps are taken. */
  get done(): boolean {
    return this.losses.length >= this.steps;
  }

  /**
   * One training step on document `docs[k % docs.length]`: forward to the loss, backward, Adam update.
   * Returns the loss (before the update).
   */
  step(): number {
    if (this.done) {
      throw new RangeError(
        `MicroGptTrainer.step(): the run's ${this.steps} steps are done (the learning rate has decayed to 0)`,
      );
    }
    const k = this.losses.length;
    const doc = this.docs[k % this.docs.length];
    const tokens = this.tokenizer.encode(doc);
    let loss: number;
    if (this.compiled) loss = this.compiled.run(tokens);
    else {
      const graph = documentLoss(this.model, tokens);
      graph.backward();
      loss = graph.data;
    }
    this.optimizer.step();
    this.losses.push(loss);
    return loss;
  }

  /** Samples documents, continuing the run's generator (see `sampleMicroGpt`). */
  sample(options: SampleOptions = {}): string[] {
    return sampleMicroGpt(this.model, this.rng, options);
  }
}

/** A finished run: its losses, model and tokenizer, and `sample`, which continues its generator. */
export interface MicroGptRun {
  /** Each step's loss, before its update. */
  losses: number[];
  model: MicroGpt;
  tokenizer: CharTokenizer;
  /** microgpt's inference (default 20 samples at temperature 0.5), continuing the run's random stream. */
  sample(options?: SampleOptions): string[];
}

/**
 * microgpt.py's whole run, synchronously: with the defaults (1000 steps, seed 42, the names) the losses are
 * Python's and `sample()` gives Python's 20 names. `onStep` is called after every step.
 */
export function trainMicroGpt(
  options: MicroGptOptions & { onStep?: (info: MicroGptStep) => void } = {},
): MicroGptRun {
  checkOptions("trainMicroGpt(options)", options, [...MICROGPT_OPTIONS, "onStep"]);
  const { onStep, ...trainerOptions } = options;
  const trainer = new MicroGptTrainer(trainerOptions);
  if (onStep !== undefined && typeof onStep !== "function") {
    throw new TypeError(`trainMicroGpt(options): onStep must be a function, got ${describeArg(onStep)}`);
  }
  while (!trainer.done) {
    const loss = trainer.step();
    onStep?.({ step: trainer.stepCount, steps: trainer.steps, loss });
  }
  return {
    losses: trainer.losses,
    model: trainer.model,
    tokenizer: trainer.tokenizer,
    sample: (o?: SampleOptions) => trainer.sample(o),
  };
}

function checkDocs(where: string, docs: unknown): string[] {
  if (!Array.isArray(docs) || docs.length === 0) {
    throw new TypeError(`${where}: docs must be a non-empty array of strings, got ${describeArg(docs)}`);
  }
  docs.forEach((d: unknown, i) => {
    if (typeof d !== "string" || d === "") {
      throw new TypeError(`${where}: docs[${i}] must be a non-empty string, got ${describeArg(d)}`);
    }
  });
  return [...docs];
}
