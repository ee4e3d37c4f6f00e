/**
 * A batch's loss as a graph built once: leaves for each example's inputs, targets and weight (1, or 0 for
 * a spare slot), and for the mean's factor; `fillBatch` puts the next batch's numbers into the leaves,
 * and a compiled graph replays forward/backward on them (no rebuild per batch). This is the documented
 * way to train on this engine; the object engine builds the same graph filled from the start.
 *
 * loss = (Σ_i w_i * sample_i) * scale [+ penalty], scale = 1 / (examples in the batch), penalty = src/nn's
 * l2(params, rate) or l1(params, rate). The leaves are labelled (x1, x2, …; y or t0, t1, …; w; 1/n) so a
 * drawn graph reads like the formula.
 */
import { Value } from "../engine/value.js";
import { l1, l2, sumValues } from "../nn/losses.js";
import type { MLP } from "../nn/mlp.js";
import { describeArg } from "../util/describe-arg.js";
import type { TrainLoss } from "./losses.js";

/** One batch's loss graph and its leaves. */
export interface BatchGraph {
  /** Input leaves, one row per slot. */
  inputs: Value[][];
  /** Target leaves, one row per slot (`loss.targets(c, k)`). */
  targets: Value[][];
  /** Each slot's weight: 1, or 0 for a spare slot. */
  weights: Value[];
  /** 1 / (examples in the batch). */
  scale: Value;
  /** The network's outputs, one row per slot. */
  outputs: Value[][];
  /** The data loss (the mean of the examples' losses). */
  dataLoss: Value;
  /** The data loss plus the regularization (the same Value when there is none). */
  loss: Value;
}

/** A penalty on the parameters added to the data loss: rate * Σ |p| ("l1") or rate * Σ p² ("l2"). */
export interface Regularization {
  kind: "l1" | "l2";
  /** A finite number >= 0 (0: none). */
  rate: number;
}

/** What `buildBatchGraph` needs. */
export interface BatchSpec {
  model: MLP;
  loss: TrainLoss;
  nClasses: number;
  /** L2 strength: alpha * sum(p * p) over the model's parameters (0 or absent: none), micrograd's name. */
  alpha?: number;
  /** Or any penalty (L1 or L2 with a rate); give this or a non-zero `alpha`, not both. */
  regularization?: Regularization;
  /** Slots (at least the batch's size). */
  capacity: number;
  /** Each neuron as one `Value.dot` node (true) or the lecture's chain (false); default: the model's `fused`. */
  fused?: boolean;
}

/**
 * The spec's penalty (errors name `where`) as one `Regularization`, or null for none (alpha 0 and no regularization, or rate
 * 0). @throws RangeError for both alpha and regularization, an unknown kind or a rate that is not >= 0
 */
export function penaltyOf(
  where: string,
  spec: Pick<BatchSpec, "alpha" | "regularization">,
): Regularization | null {
  const alpha = spec.alpha ?? 0;
  const r = spec.regularization;
  if (r === undefined) return alpha > 0 ? { kind: "l2", rate: alpha } : null;
  if (alpha !== 0) {
    throw new RangeError(`${where}: give alpha (${alpha}) or regularization (${r.kind} ${r.rate}), not both`);
  }
  if (r.kind !== "l1" && r.kind !== "l2") {
    throw new RangeError(`${where}: regularization.kind must be "l1" or "l2", got ${String(r.kind)}`);
  }
  if (typeof r.rate !== "number" || !Number.isFinite(r.rate) || r.rate < 0) {
    throw new RangeError(`${where}: regularization.rate must be a finite number >= 0, got ${r.rate}`);
  }
  return r.rate > 0 ? { kind: r.kind, rate: r.rate } : null;
}

/**
 * The outputs `spec.loss` needs for `spec.nClasses` classes, checked against the model's last layer.
 * @throws RangeError naming `where` for fewer than 2 classes or a model of another width
 */
export function checkWidth(where: string, spec: Pick<BatchSpec, "model" | "loss" | "nClasses">): number {
  const { model, loss, nClasses } = spec;
  if (!Number.isInteger(nClasses) || nClasses < 2) {
    throw new RangeError(`${where}: nClasses must be an integer >= 2, got ${nClasses}`);
  }
  const nOut = loss.outputs(nClasses);
  const modelOut = model.nouts[model.nouts.length - 1];
  if (modelOut !== nOut) {
    throw new RangeError(
      `${where}: loss ${loss.name} on ${nClasses} classes needs a model with ${nOut} output${nOut === 1 ? "" : "s"}, got ${modelOut}`,
    );
  }
  return nOut;
}

/**
 * Builds the loss graph of `spec.capacity` slots, filled with examples `x` / `classes` (spares repeat the
 * first example with weight 0, so the loss stays finite).
 */
export function buildBatchGraph(
  spec: BatchSpec,
  x: readonly (readonly number[])[],
  classes: readonly number[],
): BatchGraph {
  const { model, loss, nClasses, capacity } = spec;
  const penalty = penaltyOf("buildBatchGraph", spec);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity < x.length) {
    throw new RangeError(
      `buildBatchGraph: capacity must be an integer >= max(1, ${x.length}), got ${capacity}`,
    );
  }
  const nOut = checkWidth("buildBatchGraph", spec);
  const g: BatchGraph = {
    inputs: Array.from({ length: capacity }, () =>
      Array.from({ length: model.nin }, (_, j) => new Value(0, `x${j + 1}`)),
    ),
    targets: Array.from({ length: capacity }, () =>
      Array.from({ length: nOut }, (_, j) => new Value(0, nOut === 1 ? "y" : `t${j}`)),
    ),
    weights: Array.from({ length: capacity }, () => new Value(1, "w")),
    scale: new Value(1, "1/n"),
    outputs: [],
    dataLoss: new Value(0),
    loss: new Value(0),
  };
  // the object engine computes while building: the leaves hold their numbers first
  if (x.length > 0) fillBatch(g, loss, nClasses, x, classes);
  g.outputs = g.inputs.map((row) => model.forward(row, { fused: spec.fused }));
  const samples = g.outputs.map((out, i) => loss.sample(out, g.targets[i]).mul(g.weights[i]));
  g.dataLoss = sumValues(samples).mul(g.scale);
  g.dataLoss.label = "data loss";
  if (penalty) {
    const params = model.parameters();
    g.loss = g.dataLoss.add(penalty.kind === "l2" ? l2(params, penalty.rate) : l1(params, penalty.rate));
  } else {
    g.loss = g.dataLoss;
  }
  g.loss.label = "loss";
  return g;
}

/**
 * Checks a batch before any of it is used: each class an integer index from 0 to nClasses - 1 (the
 * Trainer's convention; ±1 labels are (y + 1) / 2), each row `width` finite numbers. Messages name the
 * row (from `first`) and column, e.g. `Trainer.step: x[3][1] is NaN`. @internal
 */
export function checkExamples(
  where: string,
  x: readonly (readonly number[])[],
  classes: readonly number[],
  nClasses: number,
  width: number,
  first = 0,
): void {
  for (let i = 0; i < x.length; i++) {
    const c = classes[i];
    if (!Number.isInteger(c) || c < 0 || c >= nClasses) {
      throw new RangeError(
        `${where}: classes[${first + i}] is ${describeArg(c)}; classes are indices from 0 to ${nClasses - 1} (for labels -1/+1 pass (y + 1) / 2)`,
      );
    }
    const xi = x[i];
    if (!Array.isArray(xi) || xi.length !== width) {
      throw new RangeError(
        `${where}: x[${first + i}] must be an array of ${width} numbers, got ${Array.isArray(xi) ? `${xi.length} numbers` : describeArg(xi)}`,
      );
    }
    for (let j = 0; j < width; j++) {
      const v = xi[j];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new RangeError(
          `${where}: x[${first + i}][${j}] is ${typeof v === "number" ? v : describeArg(v)}; every input must be a finite number`,
        );
      }
    }
  }
}

/** Puts examples `x` / `classes` into the graph's leaves; the spare slots get weight 0. */
export function fillBatch(
  g: BatchGraph,
  loss: TrainLoss,
  nClasses: number,
  x: readonly (readonly number[])[],
  classes: readonly number[],
): void {
  const n = x.length;
  if (n < 1 || n > g.inputs.length || classes.length !== n) {
    throw new RangeError(
      `fillBatch: got ${n} inputs and ${classes.length} classes for ${g.inputs.length} slots; they must match, 1 to ${g.inputs.length}`,
    );
  }
  checkExamples("fillBatch", x, classes, nClasses, g.inputs[0].length);
  g.inputs.forEach((row, s) => {
    const i = s < n ? s : 0;
    const xi = x[i];
    const c = classes[i];
    row.forEach((v, j) => {
      v.data = xi[j];
    });
    const t = loss.targets(c, nClasses);
    g.targets[s].forEach((v, j) => {
      v.data = t[j];
    });
    g.weights[s].data = s < n ? 1 : 0;
  });
  g.scale.data = 1 / n;
}
