/**
 * The losses a training run can use, each defined once: how many outputs the network needs for k
 * classes, the targets of class c, and one example's loss with its targets as leaves (Values), so a batch
 * graph is built once and refilled for every batch (see `buildBatchGraph`).
 *
 * Decisions (one definition for the CLI, the playground and the examples):
 * - 2 classes, svm or mse: one output, target y = +1 for class 1 and -1 for class 0 (micrograd's demo).
 * - More classes, svm: the multi-class hinge of cs231n, sum over j != c of relu(1 + z_j - z_c). It is the
 *   binary hinge's natural extension (0 once the right score leads every other by a margin of 1), so
 *   `--loss svm` works for any number of classes instead of being refused.
 * - More classes, mse: one-hot targets 0/1, averaged over the k outputs, i.e. PyTorch's
 *   `mse_loss(out, one_hot(c))`; chosen over ±1 targets because it is the convention a PyTorch user
 *   checks against, and the class is the largest output either way.
 * - ce: k outputs (also for 2 classes), -log softmax(z)_c, src/nn's `crossEntropy`.
 *
 * Each example's loss is src/nn's (`hingeLoss`, `multiClassHinge`, `mseLoss`, `crossEntropy`) on target
 * leaves.
 */
import type { Value } from "../engine/value.js";
import { crossEntropy, hingeLoss, mseLoss, multiClassHinge } from "../nn/losses.js";
import { describeArg } from "../util/describe-arg.js";

/** The names of the losses the trainer offers. */
export const TRAIN_LOSS_NAMES = ["svm", "ce", "mse"] as const;
/** A loss the trainer offers: "svm" (hinge), "ce" (cross-entropy) or "mse" (squared error). */
export type TrainLossName = (typeof TRAIN_LOSS_NAMES)[number];

/**
 * One loss: its outputs and targets per class, and one example's loss on target leaves. The table's
 * losses are `TRAIN_LOSSES`; a `Trainer` also takes one of your own (the yin-yang example passes
 * LLM101n's cross-entropy formula this way).
 */
export interface TrainLoss {
  /** Its name in messages ("svm", "ce", "mse" for the table's). */
  readonly name: string;
  /** Outputs the network needs for `k` classes. */
  outputs(k: number): number;
  /** The target numbers of class `c` of `k` (one per output). */
  targets(c: number, k: number): number[];
  /** One example's loss: `out` the network's outputs, `t` leaves holding `targets(c, k)`. */
  sample(out: readonly Value[], t: readonly Value[]): Value;
}

const oneOutputForTwo = (k: number) => (k === 2 ? 1 : k);
const signTarget = (c: number) => [c > 0 ? 1 : -1];
const oneHot = (c: number, k: number) => Array.from({ length: k }, (_, j) => (j === c ? 1 : 0));

const svm: TrainLoss = {
  name: "svm",
  outputs: oneOutputForTwo,
  targets: (c, k) => (k === 2 ? signTarget(c) : oneHot(c, k)),
  // binary: micrograd's demo hinge; more classes: cs231n's multi-class hinge (src/nn)
  sample: (out, t) => (out.length === 1 ? hingeLoss(out[0], t[0]) : multiClassHinge(out, t)),
};

const mse: TrainLoss = {
  name: "mse",
  outputs: oneOutputForTwo,
  targets: (c, k) => (k === 2 ? signTarget(c) : oneHot(c, k)),
  // (1/k) Σ_j (z_j - t_j)², src/nn's mean squared error
  sample: (out, t) => mseLoss(out, t),
};

const ce: TrainLoss = {
  name: "ce",
  outputs: (k) => k,
  targets: oneHot,
  // -Σ_j t_j log softmax(z)_j = -log softmax(z)_c, src/nn's cross-entropy
  sample: (out, t) => crossEntropy(out, t),
};

/** Every loss the trainer offers, by name. */
export const TRAIN_LOSSES: Readonly<Record<TrainLossName, TrainLoss>> = { svm, ce, mse };

/** The loss named `name`. @throws RangeError naming the losses there are */
export function trainLoss(name: string): TrainLoss {
  if (!(TRAIN_LOSS_NAMES as readonly string[]).includes(name)) {
    throw new RangeError(
      `trainLoss(name): expected one of ${TRAIN_LOSS_NAMES.join(", ")}, got ${describeArg(name)}`,
    );
  }
  return TRAIN_LOSSES[name as TrainLossName];
}
