/**
 * The training loop behind `micrograd train` is the library's (`train` in micrograd-ts: one loop, one
 * table of losses and targets for the CLI and the playground); this file names it for the CLI.
 */
import {
  buildBatchGraph,
  Diverged,
  type MLP,
  type TrainEngine,
  type TrainOptions,
  type TrainResult,
  train,
  trainLoss,
  type Value,
} from "micrograd-ts";
import type { LossName } from "./model.js";

export type { TrainOptions as TrainConfig, TrainResult };
export { Diverged, train };

/** Which engine runs the steps. */
export type Engine = TrainEngine;

/** The loss of one batch as a graph (the library's batch graph, filled with `x`), and each example's outputs. */
export function batchLoss(
  model: MLP,
  x: readonly (readonly number[])[],
  classes: readonly number[],
  nClasses: number,
  loss: LossName,
  alpha: number,
): { loss: Value; outputs: Value[][] } {
  const spec = { model, loss: trainLoss(loss), nClasses, alpha, capacity: x.length };
  const g = buildBatchGraph(spec, x, classes);
  return { loss: g.loss, outputs: g.outputs };
}
