/**
 * The LLM101n micrograd run: a 2-8-3 tanh MLP classifying yin-yang points with AdamW.
 */
import type { Dataset, DatasetSplits } from "../data/dataset.js";
import { splitDataset } from "../data/dataset.js";
import { Rng } from "../data/rng.js";
import { makeYinYang } from "../data/yinyang.js";
import type { Value } from "../engine/value.js";
import { crossEntropy, sumValues } from "../nn/losses.js";
import { MLP } from "../nn/mlp.js";
import { AdamW } from "../optim/adam.js";
import { TRAIN_LOSSES, type TrainLoss } from "../train/losses.js";
import { Trainer } from "../train/trainer.js";
import { checkOptions, optionKeys } from "../util/options.js";

/** Mean cross-entropy (no max-subtraction) of `model` over a split, as LLM101n's `loss_fun`. */
export function meanCrossEntropy(model: MLP, split: Dataset): Value {
  const losses = new Array<Value>(split.x.length);
  for (let i = 0; i < split.x.length; i++) {
    losses[i] = crossEntropy(model.forward(split.x[i]), split.y[i], {
      form: "llm101n",
    });
  }
  return sumValues(losses).mul(1 / split.x.length);
}

/**
 * LLM101n's cross-entropy as a loss for the library's `Trainer`: the table's "ce" with src/nn's
 * `crossEntropy(…, { form: "llm101n" })` on one-hot target leaves, e_j = exp(z_j), -log(e_c / Σ e_j) (so
 * the graph is built once for any class). The same loss as `meanCrossEntropy`, bit for bit; the gradients
 * agree to an ulp or so (the same terms added in another order: the graph's order differs). Tested.
 */
export const LLM101N_CROSS_ENTROPY: TrainLoss = {
  ...TRAIN_LOSSES.ce,
  name: "LLM101n cross-entropy",
  sample: (out, t) => crossEntropy(out, t, { form: "llm101n" }),
};

/** Options of `runYinYang`. */
export interface YinYangRunOptions {
  /** Number of AdamW steps (default 100). */
  steps?: number;
  /**
   * Called every step with the training loss (before the update) and, every 10 steps, the validation
   * loss (also before the update; undefined on other steps).
   */
  onStep?: (step: number, trainLoss: number, valLoss: number | undefined) => void;
}

/** What `runYinYang` returns. */
export interface YinYangRunResult {
  /** The trained model. */
  model: MLP;
  /** The data: 80 train, 10 val, 10 test points. */
  splits: DatasetSplits;
  /** Training loss at each step, before that step's update. */
  trainLosses: number[];
  /** [step, validation loss] every 10 steps, before that step's update. */
  valLosses: [number, number][];
  /** The training loss of the last step (`trainLosses[steps - 1]`, computed before its update). */
  finalTrainLoss: number;
}

/**
 * Reproduces the LLM101n micrograd training: Rng(42); yin-yang n = 100 drawn first; then MLP(2, [8, 3])
 * with tanh hidden layer and the llm101n init (w ~ U(-1, 1) * nin^-0.5) from the same generator; loss =
 * mean cross-entropy over the 80 training points; AdamW lr 0.1, betas (0.9, 0.95), eps 1e-8, weight
 * decay 1e-4; 100 steps; validation loss every 10 steps. The first training loss is 1.0122152826497561.
 */
export function runYinYang(options: YinYangRunOptions = {}): YinYangRunResult {
  checkOptions("runYinYang(options)", options, optionKeys<YinYangRunOptions>({ steps: true, onStep: true }));
  const steps = options.steps ?? 100;
  if (!Number.isSafeInteger(steps) || steps < 1) {
    throw new RangeError(`runYinYang(options): steps must be an integer >= 1, got ${String(steps)}`);
  }
  const rng = new Rng(42);
  const splits = splitDataset(makeYinYang({ n: 100, rng }));
  const model = new MLP(2, [8, 3], { activation: "tanh", init: "llm101n", rng });
  const opt = new AdamW(model.parameters(), { lr: 1e-1, betas: [0.9, 0.95], eps: 1e-8, weightDecay: 1e-4 });
  // the library's training core, on the object engine (the graph rebuilt every step, as LLM101n does)
  const trainer = new Trainer({
    model,
    optimizer: opt,
    nClasses: 3,
    loss: LLM101N_CROSS_ENTROPY,
    engine: "object",
  });
  const trainLosses: number[] = [];
  const valLosses: [number, number][] = [];
  for (let step = 0; step < steps; step++) {
    let valLoss: number | undefined;
    if (step % 10 === 0) {
      valLoss = trainer.evaluate(splits.val.x, splits.val.y).loss;
      valLosses.push([step, valLoss]);
    }
    const loss = trainer.step(splits.train.x, splits.train.y);
    trainLosses.push(loss);
    options.onStep?.(step, loss, valLoss);
  }
  return {
    model,
    splits,
    trainLosses,
    valLosses,
    finalTrainLoss: trainLosses[trainLosses.length - 1],
  };
}
