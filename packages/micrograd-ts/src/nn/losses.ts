/**
 * Loss functions over Values, each written once: SVM max-margin (binary and multi-class hinge), mean
 * squared error, cross-entropy, L1/L2 regularization. Sums run left to right, as Python's `sum()` does
 * in micrograd. Targets may be numbers or Values: leaves a training loop refills, so one graph serves
 * every batch (src/train's losses are built from these).
 */

import { Value } from "../engine/value.js";
import { describeArg } from "../util/describe-arg.js";
import { checkOptions, optionKeys } from "../util/options.js";
import { logSoftmax } from "./softmax.js";

/** v0 + v1 + ... left to right; `new Value(0)` for an empty list. */
export function sumValues(values: readonly Value[]): Value {
  checkValues("sumValues(values)", "values", values, 0);
  if (values.length === 0) return new Value(0);
  let total = values[0];
  for (let i = 1; i < values.length; i++) total = total.add(values[i]);
  return total;
}

/** One example's hinge of micrograd's demo: relu(1 + (-y) * score), y = ±1 (a number or a leaf). */
export function hingeLoss(score: Value, y: Value | number): Value {
  return score
    .mul(typeof y === "number" ? -y : y.neg())
    .add(1)
    .relu();
}

/**
 * The SVM max-margin loss of micrograd's demo: mean over i of relu(1 + (-y_i) * score_i) (computed as
 * sum * (1 / n)). Labels are -1 and +1, not class indices (the `Trainer` takes class indices 0..k-1 and
 * maps two classes to ±1 itself); any other label throws a RangeError, as 0 would train nothing.
 */
export function svmLoss(scores: readonly Value[], ys: readonly (Value | number)[]): Value {
  const where = "svmLoss(scores, ys)";
  checkValues(where, "scores", scores, 1);
  checkTargets(where, ys, scores.length);
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i];
    const label = typeof y === "number" ? y : y.data; // a leaf holds the label it is refilled with
    if (label !== 1 && label !== -1) {
      throw new RangeError(
        `${where}: ys[${i}] is ${label}; svmLoss takes labels -1 and +1 (micrograd's demo maps classes 0/1 with y * 2 - 1)`,
      );
    }
  }
  const losses = new Array<Value>(scores.length);
  for (let i = 0; i < scores.length; i++) losses[i] = hingeLoss(scores[i], ys[i]);
  return sumValues(losses).mul(1 / scores.length);
}

/**
 * The multi-class hinge of cs231n for one example: Σ_{j != c} relu(1 + z_j - z_c), 0 once the target
 * class's score leads every other by 1. With one-hot leaves as the target it is written
 * Σ_j relu(1 + z_j - z_c) * (1 - t_j), the j = c term weighted 0.
 */
export function multiClassHinge(scores: readonly Value[], target: ClassTarget): Value {
  const where = "multiClassHinge(scores, target)";
  checkValues(where, "scores", scores, 2);
  const t = oneHotOf(where, target, scores.length);
  const zc = picked(scores, t);
  return sumValues(scores.map((z, j) => z.sub(zc).add(1).relu().mul(weightOff(t[j]))));
}

/** A class target: its index, or one-hot Values t (t_c = 1, others 0) that a loop refills. */
export type ClassTarget = number | readonly Value[];

/** z_c as Σ_j t_j z_j with one-hot t (0 * z_j adds exactly nothing: the same number as z_c). */
function picked(zs: readonly Value[], t: readonly (Value | number)[]): Value {
  return sumValues(zs.map((z, j) => z.mul(t[j])));
}

/** 1 - t_j: the weight that leaves the target class's own term out. */
function weightOff(t: Value | number): Value | number {
  return typeof t === "number" ? 1 - t : t.neg().add(1);
}

/** The target as one-hot numbers or Values of length k, checked. */
function oneHotOf(where: string, target: ClassTarget, k: number): readonly (Value | number)[] {
  if (typeof target === "number") {
    checkClass(where, target, k);
    return Array.from({ length: k }, (_, j) => (j === target ? 1 : 0));
  }
  checkValues(where, "target", target, 0);
  if (target.length !== k) {
    throw new RangeError(
      `${where}: a one-hot target needs ${k} values (one per logit), got ${target.length}`,
    );
  }
  return target;
}

function checkClass(where: string, target: unknown, k: number): void {
  if (typeof target !== "number" || !Number.isInteger(target) || target < 0 || target >= k) {
    throw new RangeError(
      `${where}: target must be a class index in [0, ${k - 1}], got ${describeArg(target)}`,
    );
  }
}

/** Options of `mseLoss`. */
export interface MseOptions {
  /** "mean" (default, as PyTorch's MSELoss) or "sum" (the lecture's sum of squared errors). */
  reduction?: "mean" | "sum";
}

/** Squared error (pred_i - target_i)^2, averaged (sum * (1 / n)) or summed. */
export function mseLoss(
  preds: readonly Value[],
  targets: readonly (Value | number)[],
  options: MseOptions = {},
): Value {
  const where = "mseLoss(preds, targets)";
  checkValues(where, "preds", preds, 1);
  checkTargets(where, targets, preds.length);
  checkOptions(where, options, optionKeys<MseOptions>({ reduction: true }));
  const reduction = options.reduction ?? "mean";
  if (reduction !== "mean" && reduction !== "sum") {
    throw new TypeError(`${where}: reduction must be "mean" or "sum", got ${describeArg(reduction)}`);
  }
  const errs = new Array<Value>(preds.length);
  for (let i = 0; i < preds.length; i++) errs[i] = preds[i].sub(targets[i]).pow(2);
  const total = sumValues(errs);
  return reduction === "sum" ? total : total.mul(1 / preds.length);
}

/** Options of `crossEntropy`. */
export interface CrossEntropyOptions {
  /**
   * "logsoftmax" (default): -logSoftmax(logits)[target], stable for any logits, like
   * `torch.nn.functional.cross_entropy` (`crossEntropy([0, 0, 800], 0)` is 800).
   * "llm101n": LLM101n's formula, e_i = exp(logit_i), loss = -log(e_target / Σ e_i): Infinity or NaN once
   * a logit passes ~709 (the yin-yang reproduction uses it, to match its Python run bit for bit).
   */
  form?: "logsoftmax" | "llm101n";
  /** With form "llm101n": subtract max(logits) (a constant) first, to avoid overflow in exp (default false). */
  subtractMax?: boolean;
}

/**
 * -log(softmax(logits)[target]), `target` a class index in [0, logits.length) or one-hot Values (then
 * -Σ_j t_j log softmax(z)_j, the same number); see `CrossEntropyOptions`.
 */
export function crossEntropy(
  logits: readonly Value[],
  target: ClassTarget,
  options: CrossEntropyOptions = {},
): Value {
  const where = "crossEntropy(logits, target)";
  checkValues(where, "logits", logits, 1);
  const t = typeof target === "number" ? null : oneHotOf(where, target, logits.length);
  if (t === null) checkClass(where, target, logits.length);
  const pick = (xs: readonly Value[]): Value => (t === null ? xs[target as number] : picked(xs, t));
  checkOptions(where, options, optionKeys<CrossEntropyOptions>({ form: true, subtractMax: true }));
  const form = options.form ?? "logsoftmax";
  if (form === "logsoftmax") return pick(logSoftmax(logits)).neg();
  if (form !== "llm101n") {
    throw new TypeError(`${where}: form must be "logsoftmax" or "llm101n", got ${describeArg(form)}`);
  }
  let xs = logits;
  if (options.subtractMax) {
    let max = -Infinity;
    for (const l of logits) if (l.data > max) max = l.data;
    xs = logits.map((l) => l.sub(max));
  }
  const ex = xs.map((l) => l.exp());
  const denom = sumValues(ex);
  return pick(ex).div(denom).log().neg();
}

/** L2 regularization: alpha * (p0*p0 + p1*p1 + ...), as micrograd's demo writes it. */
export function l2(params: readonly Value[], alpha: number): Value {
  return penalty("l2(params, alpha)", "alpha", params, alpha, (p) => p.mul(p));
}

/**
 * L1 regularization: rate * (|p0| + |p1| + ...), by the engine's `abs` (its slope is sign(p), 0 at 0,
 * as torch's `abs`).
 */
export function l1(params: readonly Value[], rate: number): Value {
  return penalty("l1(params, rate)", "rate", params, rate, (p) => p.abs());
}

/** rate * Σ term(p) over the parameters, summed left to right. */
function penalty(
  where: string,
  name: string,
  params: readonly Value[],
  rate: number,
  term: (p: Value) => Value,
): Value {
  checkValues(where, "params", params, 0);
  if (typeof rate !== "number" || !Number.isFinite(rate)) {
    throw new TypeError(`${where}: ${name} must be a finite number, got ${describeArg(rate)}`);
  }
  const terms = new Array<Value>(params.length);
  for (let i = 0; i < params.length; i++) terms[i] = term(params[i]);
  return sumValues(terms).mul(rate);
}

function checkValues(where: string, name: string, xs: unknown, min: number): void {
  if (!Array.isArray(xs))
    throw new TypeError(`${where}: ${name} must be an array of Values, got ${describeArg(xs)}`);
  if (xs.length < min) throw new RangeError(`${where}: ${name} must not be empty`);
  for (let i = 0; i < xs.length; i++) {
    if (!(xs[i] instanceof Value)) {
      throw new TypeError(`${where}: ${name}[${i}] must be a Value, got ${describeArg(xs[i])}`);
    }
  }
}

function checkTargets(where: string, ys: unknown, n: number): void {
  if (!Array.isArray(ys))
    throw new TypeError(`${where}: targets must be an array of numbers, got ${describeArg(ys)}`);
  if (ys.length !== n) {
    throw new RangeError(`${where}: got ${n} predictions but ${ys.length} targets; they must match`);
  }
  for (let i = 0; i < ys.length; i++) {
    if (typeof ys[i] !== "number" && !(ys[i] instanceof Value)) {
      throw new TypeError(`${where}: target ${i} must be a number or a Value, got ${describeArg(ys[i])}`);
    }
  }
}
