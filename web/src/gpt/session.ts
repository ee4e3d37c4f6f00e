/**
 * The GPT view's run without any DOM: microgpt's training run (`MicroGptTrainer` on the names, the compiled
 * engine), live samples, and what the model predicts for a typed name. The worker drives it; tests drive it
 * in Node.
 *
 * The run's own `PyRandom` is left to the run: live samples during training come from a second generator,
 * so after the last step `finalSamples` continues the run's stream exactly as microgpt.py does (with the
 * defaults and temperature 0.5: microgpt.py's 20 names, kamon, ann, karai, …).
 */
import { CompiledMicroGptInference, MicroGptTrainer, PyRandom } from "micrograd-ts";

/** The run's settings (microgpt.py's defaults: 1,000 steps, seed 42). */
export interface GptRunSettings {
  steps: number;
  seed: number;
}

/** microgpt.py's run. */
export const DEFAULT_GPT_SETTINGS: Readonly<GptRunSettings> = Object.freeze({ steps: 1000, seed: 42 });
/** Most steps the view trains for (the learning rate decays to 0 over the run's steps). */
export const MAX_GPT_STEPS = 20_000;
/** Live samples are drawn every this many steps. */
export const SAMPLE_EVERY = 50;
/** How many names a live sample shows. */
export const LIVE_SAMPLE_COUNT = 10;
/** How many names microgpt.py prints after training. */
export const FINAL_SAMPLE_COUNT = 20;
/** The temperature slider's range. */
export const MIN_TEMPERATURE = 0.05;
export const MAX_TEMPERATURE = 2;

/** What the model predicts for one typed name, position by position. */
export interface NameInspection {
  /** The name as read (lower-cased, trimmed). */
  name: string;
  /** The tokens the model reads: BOS, then the name's characters (one per position). */
  inputs: string[];
  /** What should come next at each position: the name's characters, then the end (BOS). */
  targets: string[];
  /** `probs[pos][id]`: the probability of token id after position pos (the columns are `vocabulary`). */
  probs: number[][];
  /** `attention[pos][layer][head][t]`: how much position pos attends to position t <= pos. */
  attention: number[][][][];
  /** The name's loss: the mean over positions of -log p(target), microgpt's document loss. */
  loss: number;
}

/** Settings parsed from the form's text, with a message per field that was not valid. */
export function parseGptSettings(text: { steps: string; seed: string }): {
  settings: GptRunSettings;
  errors: string[];
} {
  const errors: string[] = [];
  const settings: GptRunSettings = { ...DEFAULT_GPT_SETTINGS };
  const steps = /^\s*\d+\s*$/.test(text.steps) ? Number(text.steps) : Number.NaN;
  if (Number.isSafeInteger(steps) && steps >= 1 && steps <= MAX_GPT_STEPS) settings.steps = steps;
  else
    errors.push(
      `steps: ${JSON.stringify(text.steps.slice(0, 40))} must be a whole number from 1 to ${MAX_GPT_STEPS}`,
    );
  const seed = /^\s*\d+\s*$/.test(text.seed) ? Number(text.seed) : Number.NaN;
  if (Number.isSafeInteger(seed)) settings.seed = seed;
  else
    errors.push(
      `seed: ${JSON.stringify(text.seed.slice(0, 40))} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`,
    );
  return { settings, errors };
}

/** Checks a sampling temperature (the slider's range). */
export function checkTemperature(t: unknown): number {
  if (typeof t !== "number" || !Number.isFinite(t) || t < MIN_TEMPERATURE || t > MAX_TEMPERATURE) {
    throw new RangeError(
      `temperature must be a number from ${MIN_TEMPERATURE} to ${MAX_TEMPERATURE}, got ${String(t)}`,
    );
  }
  return t;
}

/** Where a run's time went, in milliseconds. */
export interface GptTimings {
  /** Steps that replayed an already compiled graph. */
  replayMs: number;
  replays: number;
  /** Steps that met a new document length and so traced and compiled its graph first (at most blockSize). */
  traceMs: number;
  traces: number;
  /** Live samples and the typed name (compiled replays of the model's forward; the first call traces its graph). */
  inspectMs: number;
}

/** A microgpt run on the names, stepped by the worker. */
export class GptSession {
  readonly trainer: MicroGptTrainer;
  /** Where the time went so far. */
  readonly timings: GptTimings = { replayMs: 0, replays: 0, traceMs: 0, traces: 0, inspectMs: 0 };
  /** Live samples' generator: not the run's, so the run's stream stays microgpt.py's. */
  private readonly liveRng: PyRandom;
  /** The model's forward compiled per position: live samples and inspections replay it on the current weights. */
  private readonly inference: CompiledMicroGptInference;
  private finalDrawn = false;
  /** The document lengths (positions) met so far: the compiled engine has a graph for each. */
  private readonly lengths = new Set<number>();

  constructor(readonly settings: GptRunSettings = DEFAULT_GPT_SETTINGS) {
    this.trainer = new MicroGptTrainer({ steps: settings.steps, seed: settings.seed });
    this.liveRng = new PyRandom(settings.seed + 1);
    this.inference = new CompiledMicroGptInference(this.trainer.model);
  }

  /** The characters the model knows, in token-id order (the end/BOS token is not among them). */
  get vocabulary(): string[] {
    return [...this.trainer.tokenizer.uchars];
  }

  /** The longest name `inspect` takes: blockSize - 1 characters (BOS takes the first position). */
  get maxNameLength(): number {
    return this.trainer.model.config.blockSize - 1;
  }

  /** One training step (`MicroGptTrainer.step`), timed as a replay or as a trace of a new length. */
  step(): number {
    const t = this.trainer;
    const doc = t.docs[t.stepCount % t.docs.length];
    // CompiledDocumentLoss keys its graphs by n = min(blockSize, tokens - 1) = min(blockSize, characters + 1)
    const n = Math.min(t.model.config.blockSize, Array.from(doc).length + 1);
    const fresh = !this.lengths.has(n);
    const start = performance.now();
    const loss = t.step();
    const ms = performance.now() - start;
    if (fresh) {
      this.lengths.add(n);
      this.timings.traceMs += ms;
      this.timings.traces++;
    } else {
      this.timings.replayMs += ms;
      this.timings.replays++;
    }
    return loss;
  }

  /** Samples `count` names at `temperature` from the current weights with the live generator. */
  liveSamples(temperature: number, count = LIVE_SAMPLE_COUNT): string[] {
    const start = performance.now();
    const names = this.inference.sample(this.liveRng, {
      count,
      temperature: checkTemperature(temperature),
    });
    this.timings.inspectMs += performance.now() - start;
    return names;
  }

  /**
   * After the last step: `count` names continuing the run's own generator, as microgpt.py's inference does
   * (the first call, at temperature 0.5, gives microgpt.py's names; later calls go on with the stream).
   */
  finalSamples(temperature: number, count = FINAL_SAMPLE_COUNT): string[] {
    if (!this.trainer.done) {
      throw new RangeError(
        `finalSamples: the run has ${this.trainer.steps - this.trainer.stepCount} step(s) left; microgpt samples after training`,
      );
    }
    this.finalDrawn = true;
    return this.trainer.sample({ count, temperature: checkTemperature(temperature) });
  }

  /** Whether `finalSamples` has been called (the next call continues the stream). */
  get finalSampled(): boolean {
    return this.finalDrawn;
  }

  /**
   * The next-character probabilities and attention weights of a typed name, read as the model reads a
   * document: BOS, then each character. Throws a RangeError saying what is wrong for text the model cannot
   * read (a character outside the vocabulary, too long).
   */
  inspect(text: string): NameInspection {
    const name = text.trim().toLowerCase();
    const tokenizer = this.trainer.tokenizer;
    const chars = Array.from(name);
    if (chars.length > this.maxNameLength) {
      throw new RangeError(
        `"${name.slice(0, 40)}" has ${chars.length} characters; the model reads at most ${this.maxNameLength} (block size ${this.maxNameLength + 1}, the first position is the start token)`,
      );
    }
    const known = new Set(tokenizer.uchars);
    const bad = chars.find((ch) => !known.has(ch));
    if (bad !== undefined) {
      throw new RangeError(
        `${JSON.stringify(bad)} is not a character the model knows (${tokenizer.uchars.join("")})`,
      );
    }
    const tokens = tokenizer.encode(name); // BOS, the characters, BOS
    const start = performance.now();
    const { probs, attention } = this.inference.inspect(tokens.slice(0, -1));
    this.timings.inspectMs += performance.now() - start;
    let sum = 0;
    probs.forEach((row, pos) => {
      sum -= Math.log(row[tokens[pos + 1]]);
    });
    return {
      name,
      inputs: ["", ...chars],
      targets: [...chars, ""],
      probs,
      attention,
      loss: sum / probs.length,
    };
  }
}

/**
 * The mean of the last `window` values at each index (fewer at the start): the loss curve's smooth line.
 */
export function movingAverage(values: readonly number[], window: number): number[] {
  if (!Number.isInteger(window) || window < 1) {
    throw new RangeError(`movingAverage: window must be a whole number >= 1, got ${String(window)}`);
  }
  const out: number[] = [];
  let sum = 0;
  values.forEach((v, i) => {
    sum += v;
    if (i >= window) sum -= values[i - window];
    out.push(sum / Math.min(i + 1, window));
  });
  return out;
}
