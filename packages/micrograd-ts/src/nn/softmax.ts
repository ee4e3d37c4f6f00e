/**
 * softmax and log-softmax over a list of Values, numerically stable: the largest logit is subtracted
 * first (detached, as PyTorch does: it changes no value's gradient, since softmax(x - c) = softmax(x)).
 */

import { Value } from "../engine/value.js";
import { describeArg } from "../util/describe-arg.js";

/** The logits shifted by their (detached) maximum: x_i - max(x). */
function shifted(where: string, logits: readonly (Value | number)[]): Value[] {
  if (!Array.isArray(logits) || logits.length === 0) {
    throw new TypeError(
      `${where}: logits must be a non-empty array of Values or numbers, got ${describeArg(logits)}`,
    );
  }
  const xs = logits.map((x, i) => {
    if (x instanceof Value) return x;
    if (typeof x === "number") return new Value(x);
    throw new TypeError(`${where}: logits[${i}] must be a Value or a number, got ${describeArg(x)}`);
  });
  const max = Value.max(xs).detach();
  return xs.map((x) => x.sub(max));
}

/** softmax(x)_i = exp(x_i - m) / Σ_j exp(x_j - m), m = max(x) detached: never overflows. */
export function softmax(logits: readonly (Value | number)[]): Value[] {
  const exps = shifted("softmax(logits)", logits).map((s) => s.exp());
  const total = Value.sum(exps);
  return exps.map((e) => e.div(total));
}

/**
 * logSoftmax(x)_i = (x_i - m) - log Σ_j exp(x_j - m), m = max(x) detached: `logSoftmax([-900, 900])[0]`
 * is -1800 with gradients [1, -1].
 */
export function logSoftmax(logits: readonly (Value | number)[]): Value[] {
  const s = shifted("logSoftmax(logits)", logits);
  const logTotal = Value.sum(s.map((x) => x.exp())).log();
  return s.map((x) => x.sub(logTotal));
}

/**
 * softmax on plain numbers, the same formula: exp(x_i - m) / Σ_j exp(x_j - m), m = max(x) (what a
 * model's outputs mean as probabilities, once it is trained; no graph).
 */
export function softmaxNumbers(xs: readonly number[]): number[] {
  if (!Array.isArray(xs) || xs.length === 0 || xs.some((x) => typeof x !== "number")) {
    throw new TypeError(
      `softmaxNumbers(xs): xs must be a non-empty array of numbers, got ${describeArg(xs)}`,
    );
  }
  const m = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - m));
  let total = 0;
  for (const v of e) total += v;
  return e.map((v) => v / total);
}
