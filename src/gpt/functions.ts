/**
 * microgpt's building blocks on Values — `linear`, `softmax`, `rmsnorm` — in the order microgpt.py applies
 * its ops, so the forward values are the ones Python computes and the backward accumulates gradients in
 * Python's order.
 *
 * Every `sum(...)` of microgpt.py is one n-ary node: `Value.sum` and `Value.dot` add left to right from 0,
 * as Python's `sum` does, bit for bit the chain of `add`/`mul` nodes microgpt builds (checked: the 1000
 * losses of the default run are the same bits either way), with ~3x fewer nodes.
 */
import { Value } from "../engine/value.js";

/**
 * sum(w[i] * x[start + i]) for i < w.length: microgpt's `sum(wi * xi for …)` (`start` picks one head's
 * slice of a key).
 */
export function dot(w: readonly Value[], x: readonly Value[], start = 0): Value {
  return Value.dot(w, start === 0 && x.length === w.length ? x : x.slice(start, start + w.length));
}

/** A bias-free linear layer: out[o] = sum_i w[o][i] * x[i] (microgpt's `linear(x, w)`; w is nout rows of nin). */
export function linear(x: readonly Value[], w: readonly (readonly Value[])[]): Value[] {
  return w.map((wo) => Value.dot(wo, x));
}

/**
 * softmax(logits)[i] = exp(l_i - m) / sum_j exp(l_j - m), m = the largest logit, detached (microgpt takes
 * it as a constant, `max(val.data …)`: the same numbers, and a compiled graph finds it again on every
 * replay). Each output is `e_i * total ** -1` with its own pow node, as Python's `e / total` makes
 * (`e.div(total)`, as nn's softmax writes it, rounds differently).
 */
export function softmax(logits: readonly Value[]): Value[] {
  const max = Value.max(logits).detach();
  const exps = logits.map((l) => l.sub(max).exp());
  const total = Value.sum(exps);
  return exps.map((e) => e.mul(total.pow(-1)));
}

/** RMSNorm without a gain: x_i * (mean(x^2) + 1e-5) ** -0.5. */
export function rmsnorm(x: readonly Value[]): Value[] {
  const ms = Value.dot(x, x).mul(x.length ** -1);
  const scale = ms.add(1e-5).pow(-0.5);
  return x.map((xi) => xi.mul(scale));
}
