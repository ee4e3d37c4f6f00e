/**
 * The training loop: dataset -> batches filled into a loss graph's input/target leaves (`batch.ts`) ->
 * loss -> backward on the compiled engine (graph traced once, replayed per batch) or the object engine
 * (graph rebuilt every step, as micrograd does) -> optimizer step, with a progress callback.
 */
import { type CompiledGraph, compile } from "../compile/index.js";
import type { Value } from "../engine/value.js";
import type { MLP } from "../nn/mlp.js";
import type { Optimizer } from "../optim/optimizer.js";
import { type BatchGraph, buildBatchGraph, fillBatch } from "./batch.js";
import { type TrainLossName, trainLoss } from "./losses.js";
import { predictClass } from "./predict.js";

/** Which engine runs the steps: "compiled" (trace once, replay) or "object" (rebuild every step). */
export type TrainEngine = "object" | "compiled";

/** Everything a training run needs. */
export interface TrainOptions {
  model: MLP;
  optimizer: Optimizer;
  /** Inputs, one row per example. */
  x: readonly (readonly number[])[];
  /** Class indices 0..nClasses-1. */
  classes: readonly number[];
  nClasses: number;
  loss: TrainLossName;
  /** L2 regularisation strength: alpha * sum(p * p) (micrograd's demo: 1e-4; 0: none). */
  alpha: number;
  steps: number;
  /** Examples per step; 0 = all (full batch). Batches are consecutive slices, cycling. */
  batchSize: number;
  engine: TrainEngine;
  /** Called after each step with the loss and accuracy of that step's batch (before the update). */
  onStep?: (step: number, loss: number, accuracy: number) => void;
}

/** A training run's history. */
export interface TrainResult {
  losses: number[];
  accuracies: number[];
  /** Accuracy of the trained model over all the data, in [0, 1]. */
  finalAccuracy: number;
}

/**
 * Training ran off to NaN or ±Infinity: the loss or a parameter's gradient is not finite, so no update is
 * made. Usually a learning rate far too large.
 */
export class Diverged extends Error {
  /** The step where it happened. */
  readonly step: number;
  constructor(step: number, what: string) {
    super(`training diverged at step ${step}: ${what}`);
    this.name = "Diverged";
    this.step = step;
  }
}

/** Throws `Diverged` unless the loss and every gradient are finite. */
function checkFinite(step: number, loss: number, params: readonly Value[]): void {
  if (!Number.isFinite(loss)) throw new Diverged(step, `the loss is ${loss}`);
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (!Number.isFinite(p.grad)) {
      throw new Diverged(step, `parameter ${i}${p.label ? ` (${p.label})` : ""} has gradient ${p.grad}`);
    }
  }
}

/** Runs the training loop. @throws Diverged when the loss or a gradient stops being finite */
export function train(c: TrainOptions): TrainResult {
  const loss = trainLoss(c.loss);
  const params = c.model.parameters();
  const n = c.x.length;
  if (n === 0) throw new RangeError("train: no examples (x is empty)");
  if (c.classes.length !== n) {
    throw new RangeError(`train: got ${n} inputs but ${c.classes.length} classes; they must match`);
  }
  const bs = c.batchSize > 0 && c.batchSize < n ? c.batchSize : n;
  const nBatches = Math.ceil(n / bs);
  const spec = { model: c.model, loss, nClasses: c.nClasses, alpha: c.alpha, capacity: bs };
  let graph: { batch: BatchGraph; compiled: CompiledGraph } | null = null;
  const losses: number[] = [];
  const accuracies: number[] = [];
  for (let step = 0; step < c.steps; step++) {
    const b = step % nBatches;
    const xs = c.x.slice(b * bs, b * bs + bs);
    const ys = c.classes.slice(b * bs, b * bs + bs);
    let lossValue: number;
    let outs: number[][];
    c.optimizer.zeroGrad();
    if (c.engine === "compiled") {
      if (!graph) {
        const batch = buildBatchGraph(spec, xs, ys);
        graph = { batch, compiled: compile(batch.loss) };
      }
      const { batch, compiled: g } = graph;
      fillBatch(batch, loss, c.nClasses, xs, ys);
      lossValue = g.forward();
      g.backward();
      outs = batch.outputs.slice(0, xs.length).map((o) => o.map((v) => g.values[g.indexOf(v)]));
    } else {
      const batch = buildBatchGraph({ ...spec, capacity: xs.length }, xs, ys);
      batch.loss.backward();
      lossValue = batch.loss.data;
      outs = batch.outputs.map((o) => o.map((v) => v.data));
    }
    let right = 0;
    outs.forEach((o, i) => {
      if (predictClass(o) === ys[i]) right++;
    });
    const acc = right / xs.length;
    checkFinite(step, lossValue, params);
    c.optimizer.step();
    losses.push(lossValue);
    accuracies.push(acc);
    c.onStep?.(step, lossValue, acc);
  }
  let right = 0;
  c.x.forEach((row, i) => {
    if (predictClass(c.model.forward(row).map((v) => v.data)) === c.classes[i]) right++;
  });
  return { losses, accuracies, finalAccuracy: right / n };
}
