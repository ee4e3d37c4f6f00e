/**
 * microgpt's building blocks on Values — `linear`, `softmax`, `rmsnorm` — written with the engine's scalar
 * ops in the order microgpt.py applies them, so the forward values are the ones Python computes and the
 * backward accumulates gradients in Python's order.
 *
 * Python's `sum(gen)` starts from the int 0: `0 + a` makes a node with data `a.data + 0` (= a.data) and
 * passes the gradient through unchanged, so it is left out here; every sum is the chain
 * ((a0 + a1) + a2) + … from the first term.
 */
import type { Value } from "../engine/value.js";

/** a[0] + a[1] + … left to right (Python's `sum` over Values). `a` must not be empty. */
export function sum(a: readonly Value[]): Value {
  let acc = a[0] as Value;
  for (let i = 1; i < a.length; i++) acc = acc.add(a[i] as Value);
  return acc;
}

/**
 * sum(w[i] * x[start + i]) for i < w.length, left to right, each product written w * x as microgpt does
 * (`start` picks one head's slice of a key without copying it).
 */
export function dot(w: readonly Value[], x: readonly Value[], start = 0): Value {
  let acc = (w[0] as Value).mul(x[start] as Value);
  for (let i = 1; i < w.length; i++) acc = acc.add((w[i] as Value).mul(x[start + i] as Value));
  return acc;
}

/** A bias-free linear layer: out[o] = sum_i w[o][i] * x[i] (microgpt's `linear(x, w)`; w is nout rows of nin). */
export function linear(x: readonly Value[], w: readonly (readonly Value[])[]): Value[] {
  return w.map((wo) => dot(wo, x));
}

/**
 * softmax(logits)[i] = exp(l_i - m) / sum_j exp(l_j - m), m = the largest logit's data (a constant, as in
 * microgpt). Each output is `e_i * total ** -1` with its own pow node, as Python's `e / total` makes.
 */
export function softmax(logits: readonly Value[]): Value[] {
  let maxVal = -Infinity;
  for (const l of logits) if (l.data > maxVal) maxVal = l.data;
  const exps = logits.map((l) => l.add(-maxVal).exp());
  const total = sum(exps);
  return exps.map((e) => e.mul(total.pow(-1)));
}

/** RMSNorm without a gain: x_i * (mean(x^2) + 1e-5) ** -0.5. */
export function rmsnorm(x: readonly Value[]): Value[] {
  const ms = dot(x, x).mul(x.length ** -1);
  const scale = ms.add(1e-5).pow(-0.5);
  return x.map((xi) => xi.mul(scale));
}
