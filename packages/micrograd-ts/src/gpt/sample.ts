/**
 * microgpt's inference: new documents sampled one character at a time from a trained model.
 */
import type { PyRandom } from "../data/pyrandom.js";
import { describeArg } from "../util/describe-arg.js";
import { checkOptions, optionKeys } from "../util/options.js";
import { softmax } from "./functions.js";
import type { MicroGpt } from "./model.js";

/** Options of `sampleMicroGpt`. */
export interface SampleOptions {
  /** How many documents (default 20, as microgpt prints). */
  count?: number;
  /** Divides the logits before the softmax, in (0, ∞): low is safe and repetitive, 1 is the model as is (default 0.5). */
  temperature?: number;
}

/**
 * Samples `count` documents as microgpt.py's inference loop does: from BOS, at each position up to the
 * block size, softmax(logits / temperature) and `rng.choices(range(vocabSize), weights)`, until BOS comes
 * back. Uses `rng` from where it is (after training, that continues the run's stream). Builds the graph
 * of every position anew; `CompiledMicroGptInference` replays compiled ones (the same names).
 */
export function sampleMicroGpt(model: MicroGpt, rng: PyRandom, options: SampleOptions = {}): string[] {
  return sampleDocuments("sampleMicroGpt(model, rng, options)", model, rng, options, (invTemperature) => {
    const cache = model.emptyCache();
    return (tokenId, posId) => {
      const logits = model.forward(tokenId, posId, cache);
      return softmax(logits.map((l) => l.mul(invTemperature))).map((p) => p.data);
    };
  });
}

/**
 * The next token's probabilities at `posId` after `tokenId`, continuing one sequence (positions come in
 * order from 0): softmax(logits * invTemperature).
 */
export type NextTokenProbs = (tokenId: number, posId: number) => number[];

/**
 * microgpt's inference loop, whichever engine runs the forward: checks the options, then for each document
 * starts a sequence (`begin(temperature ** -1)`) and draws tokens from its probabilities. @internal
 */
export function sampleDocuments(
  where: string,
  model: MicroGpt,
  rng: PyRandom,
  options: SampleOptions,
  begin: (invTemperature: number) => NextTokenProbs,
): string[] {
  checkOptions(where, options, optionKeys<SampleOptions>({ count: true, temperature: true }));
  const count = options.count ?? 20;
  const temperature = options.temperature ?? 0.5;
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`${where}: count must be an integer >= 0, got ${describeArg(count)}`);
  }
  if (typeof temperature !== "number" || !(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RangeError(
      `${where}: temperature must be a finite number > 0, got ${describeArg(temperature)}`,
    );
  }
  const { BOS, vocabSize } = model.tokenizer;
  const ids = Array.from({ length: vocabSize }, (_, i) => i);
  const invTemperature = temperature ** -1; // microgpt: l / temperature = l * temperature ** -1
  const samples: string[] = [];
  for (let s = 0; s < count; s++) {
    const next = begin(invTemperature);
    let tokenId = BOS;
    const sample: number[] = [];
    for (let posId = 0; posId < model.config.blockSize; posId++) {
      tokenId = rng.choices(ids, next(tokenId, posId))[0];
      if (tokenId === BOS) break;
      sample.push(tokenId);
    }
    samples.push(model.tokenizer.decode(sample));
  }
  return samples;
}
