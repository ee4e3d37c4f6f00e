/**
 * One node's step of the chain rule, read from the ops table (or a custom op's derivatives): what the
 * playground's stepper shows and what anomaly reports explain.
 */
import { chainRule } from "./chain.js";
import type { CustomOpImpl } from "./custom.js";
import { CUSTOM, LEAF, OPS, type OpDef } from "./ops.js";
import type { Value } from "./value.js";

/** d v / d parent for each of `v`'s parents (`v.prev` order), at the current data; [] for a leaf. */
export function localGradients(v: Value): number[] {
  if (v._code === LEAF) return [];
  const x = v.prev.map((p) => p.data);
  if (v._code === CUSTOM) return [...(v._custom as CustomOpImpl).derivatives(x, v.data)];
  const d = new Array<number>(x.length).fill(0);
  (OPS[v._code] as OpDef).grads(x, v.data, v._k, d);
  return d;
}

/**
 * What the chain-rule step through `v` adds into each parent's grad (`v.prev` order): local × v.grad,
 * or 0 for a parent a routed op (relu, max, min, select, detach) sends nothing to, exactly as
 * `v._backward()` applies it. [] for a leaf.
 */
export function chainContributions(v: Value): number[] {
  const routes = v._code !== CUSTOM && (OPS[v._code]?.routes ?? false);
  return localGradients(v).map((local) => chainRule(local, v.grad, routes));
}

/**
 * The rule behind each local derivative of `v` (`v.prev` order), from the ops table, e.g.
 * ["d(a*b)/da = b", "d(a*b)/db = a"]; a custom op's rules say "custom derivative". [] for a leaf.
 */
export function localRules(v: Value): string[] {
  if (v._code === LEAF) return [];
  const n = v.prev.length;
  if (v._code === CUSTOM) {
    const name = (v._custom as CustomOpImpl).name;
    return Array.from({ length: n }, (_, i) => `d ${name}/dx${i}: the op's own derivative`);
  }
  const def = OPS[v._code] as OpDef;
  return Array.from({ length: n }, (_, i) => def.rule(i, v._k));
}
