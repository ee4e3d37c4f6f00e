/**
 * The training loop behind `micrograd train`: any dataset, MLP, loss and optimizer, full-batch or
 * mini-batch, on the object engine (rebuild the graph every step, as micrograd does) or the compiled
 * engine (trace each batch's graph once, then replay it).
 */
import {
  type CompiledGraph,
  compile,
  crossEntropy,
  l2,
  type MLP,
  mseLoss,
  type Optimizer,
  sumValues,
  svmLoss,
  type Value,
} from "micrograd-ts";
import type { LossName } from "./model.js";
import { predictClass } from "./model.js";

/** Which engine runs the steps. */
export type Engine = "object" | "compiled";

/** Everything a training run needs. */
export interface TrainConfig {
  model: MLP;
  optimizer: Optimizer;
  /** Inputs. */
  x: readonly (readonly number[])[];
  /** Class indices 0..nClasses-1. */
  classes: readonly number[];
  nClasses: number;
  loss: LossName;
  /** L2 regularisation strength: alpha * sum(p * p) (the demo's 1e-4). */
  alpha: number;
  steps: number;
  /** Examples per step; 0 = all (full batch). Batches are consecutive slices, cycling. */
  batchSize: number;
  engine: Engine;
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

/** The loss of one batch as a graph, and each example's outputs. */
export function batchLoss(
  model: MLP,
  x: readonly (readonly number[])[],
  classes: readonly number[],
  nClasses: number,
  loss: LossName,
  alpha: number,
): { loss: Value; outputs: Value[][] } {
  const outputs = x.map((row) => model.forward(row));
  let data: Value;
  if (loss === "svm") {
    data = svmLoss(
      outputs.map((o) => o[0] as Value),
      classes.map((c) => (c > 0 ? 1 : -1)),
    );
  } else if (loss === "ce") {
    data = sumValues(outputs.map((o, i) => crossEntropy(o, classes[i] as number))).mul(1 / x.length);
  } else if (nClasses === 2 && (outputs[0] as Value[]).length === 1) {
    data = mseLoss(
      outputs.map((o) => o[0] as Value),
      classes.map((c) => (c > 0 ? 1 : -1)),
    );
  } else {
    // one-hot targets, one output per class
    const preds = outputs.flat();
    const targets = classes.flatMap((c) => Array.from({ length: nClasses }, (_, k) => (k === c ? 1 : 0)));
    data = mseLoss(preds, targets);
  }
  return { loss: alpha > 0 ? data.add(l2(model.parameters(), alpha)) : data, outputs };
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
    const p = params[i] as Value;
    if (!Number.isFinite(p.grad)) {
      throw new Diverged(step, `parameter ${i}${p.label ? ` (${p.label})` : ""} has gradient ${p.grad}`);
    }
  }
}

/** Runs the training loop. @throws Diverged when the loss or a gradient stops being finite */
export function train(c: TrainConfig): TrainResult {
  const params = c.model.parameters();
  const n = c.x.length;
  const bs = c.batchSize > 0 && c.batchSize < n ? c.batchSize : n;
  const nBatches = Math.ceil(n / bs);
  const compiled = new Map<number, { graph: CompiledGraph; loss: Value; outputs: Value[][] }>();
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
      let entry = compiled.get(b);
      if (!entry) {
        const built = batchLoss(c.model, xs, ys, c.nClasses, c.loss, c.alpha);
        entry = { graph: compile(built.loss), ...built };
        compiled.set(b, entry);
      }
      const g = entry.graph;
      lossValue = g.forward();
      g.backward();
      outs = entry.outputs.map((o) => o.map((v) => g.values[g.indexOf(v)] as number));
    } else {
      const built = batchLoss(c.model, xs, ys, c.nClasses, c.loss, c.alpha);
      built.loss.backward();
      lossValue = built.loss.data;
      outs = built.outputs.map((o) => o.map((v) => v.data));
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
