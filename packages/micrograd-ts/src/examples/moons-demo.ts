/**
 * micrograd's demo.ipynb: a 2-16-16-1 ReLU MLP separating two moons with an SVM loss, 100 steps of SGD.
 */
import { makeMoons } from "../data/moons.js";
import { Rng } from "../data/rng.js";
import { Value } from "../engine/value.js";
import { l2, svmLoss } from "../nn/losses.js";
import { MLP } from "../nn/mlp.js";
import { SGD } from "../optim/sgd.js";
import type { Engine } from "../train/engines.js";
import { train } from "../train/trainer.js";
import { describeArg } from "../util/describe-arg.js";
import { checkOptions, optionKeys } from "../util/options.js";

/**
 * The demo's loss, exactly as the notebook builds it: inputs become Values, scores = model(x)[0], data
 * loss = mean relu(1 - y * score) (y = ±1), plus 1e-4 * sum(p * p) over the parameters.
 */
export function buildMoonsDemoLoss(
  model: MLP,
  xs: readonly (readonly number[])[],
  ys: readonly number[],
): { loss: Value; scores: Value[] } {
  if (!Array.isArray(xs) || !Array.isArray(ys) || xs.length !== ys.length || xs.length === 0) {
    throw new TypeError(
      `buildMoonsDemoLoss(model, xs, ys): xs and ys must be non-empty arrays of the same length, got ${describeArg(xs)} and ${describeArg(ys)}`,
    );
  }
  const scores = new Array<Value>(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const row: readonly number[] = xs[i];
    const inputs = row.map((v) => new Value(v));
    scores[i] = model.forward(inputs)[0];
  }
  const dataLoss = svmLoss(scores, ys);
  const regLoss = l2(model.parameters(), 1e-4);
  return { loss: dataLoss.add(regLoss), scores };
}

/** The fraction of examples where the sign of the score matches the ±1 label: (y > 0) === (score > 0). */
export function accuracyFromScores(scores: readonly Value[], ys: readonly number[]): number {
  if (!Array.isArray(scores) || !Array.isArray(ys) || scores.length !== ys.length || scores.length === 0) {
    throw new TypeError(
      "accuracyFromScores(scores, ys): scores and ys must be non-empty arrays of the same length",
    );
  }
  let right = 0;
  for (let i = 0; i < scores.length; i++) {
    if (ys[i] > 0 === scores[i].data > 0) right++;
  }
  return right / scores.length;
}

/** Options of `runMoonsDemo`. */
export interface MoonsDemoOptions {
  /** Number of SGD steps (default 100). */
  steps?: number;
  /** Seed for the data and for the weights (two separate generators; default 1337, as the notebook). */
  seed?: number;
  /** Number of points (default 100). */
  n?: number;
  /** Noise of the moons (default 0.1). */
  noise?: number;
  /** Build each neuron as one `Value.dot` node (`MLP`'s `fused`; the same numbers bit for bit). */
  fused?: boolean;
  /** Called after each step's forward pass with the loss and accuracy before the update. */
  onStep?: (step: number, loss: number, accuracy: number) => void;
}

/** What `runMoonsDemo` returns. */
export interface MoonsDemoResult {
  /** The trained model. */
  model: MLP;
  /** The points and their ±1 labels. */
  xs: number[][];
  ys: number[];
  /** Loss and accuracy at each step, before that step's update (what the notebook prints). */
  losses: number[];
  accuracies: number[];
  /** Loss and accuracy of the trained model (after the last update). */
  finalLoss: number;
  finalAccuracy: number;
}

/**
 * The demo's data, model and optimizer (shared by the object-engine and compiled runners): moons,
 * MLP(2, [16, 16, 1]) seeded like the data, SGD with lr = 1 - 0.9 k / steps. @internal
 */
function setupMoonsDemo(where: string, options: MoonsDemoOptions) {
  checkOptions(
    `${where}(options)`,
    options,
    optionKeys<MoonsDemoOptions>({
      steps: true,
      seed: true,
      n: true,
      noise: true,
      fused: true,
      onStep: true,
    }),
  );
  const steps = options.steps ?? 100;
  if (!Number.isSafeInteger(steps) || steps < 0) {
    throw new RangeError(`${where}(options): steps must be an integer >= 0, got ${describeArg(steps)}`);
  }
  const seed = options.seed ?? 1337;
  const data = makeMoons({ n: options.n ?? 100, noise: options.noise ?? 0.1, seed });
  const model = new MLP(2, [16, 16, 1], { rng: new Rng(seed), fused: options.fused === true });
  const opt = new SGD(model.parameters(), { lr: (k) => 1.0 - (0.9 * k) / steps });
  return { steps, data, model, opt };
}

/**
 * Runs the demo on the library's training loop (`train`): binary svm (targets ±1, one output), L2 1e-4,
 * full batch, on the given engine. The numbers are the notebook's (test/examples: the notebook's own loop
 * on `buildMoonsDemoLoss` gives the same losses bit for bit). @internal
 */
export function runMoonsDemoOn(engine: Engine, where: string, options: MoonsDemoOptions): MoonsDemoResult {
  const { steps, data, model, opt } = setupMoonsDemo(where, options);
  const run = train({
    model,
    optimizer: opt,
    x: data.x,
    classes: data.y,
    nClasses: 2,
    loss: "svm",
    alpha: 1e-4,
    steps,
    batchSize: 0,
    engine,
    onStep: options.onStep,
  });
  return {
    model,
    xs: data.x,
    ys: data.y.map((c) => c * 2 - 1),
    losses: run.losses,
    accuracies: run.accuracies,
    // the notebook's loss graph (buildMoonsDemoLoss) gives the same number: test/examples
    finalLoss: run.trainer.lossOf(data.x, data.y),
    finalAccuracy: run.finalAccuracy,
  };
}

/**
 * Runs micrograd's demo with the object engine: makeMoons(n = 100, noise = 0.1) with labels mapped to
 * -1/+1, MLP(2, [16, 16, 1]) (ReLU hidden, linear out), for k = 0..steps-1: zero grads, backward,
 * p -= (1 - 0.9 k / steps) * grad. The loop is the library's `train` (engine "object": the graph is
 * rebuilt every step, as the notebook does).
 */
export function runMoonsDemo(options: MoonsDemoOptions = {}): MoonsDemoResult {
  return runMoonsDemoOn("object", "runMoonsDemo", options);
}
