/**
 * The chain rule, written once: a node adds local × grad into each parent's grad, where `local` is
 * d node / d parent from the ops table (or a custom op's derivatives) and `grad` is d root / d node.
 *
 * Routed ops (relu, max, min, select, detach) pass the gradient on rather than multiply it: a parent
 * whose local derivative is 0 receives nothing, so an infinite grad never becomes 0·∞ = NaN there
 * (PyTorch selects these gradients; it multiplies the others). Adding the 0 returned for such a parent
 * is the same as skipping it, since a grad is never -0 (it starts at +0 and only has numbers added).
 */

/**
 * What one chain-rule step adds into a parent's grad: `local * grad`, or 0 when the op `routes` its
 * gradient and this parent's local derivative is 0. `Value.backward()`, custom ops, the compiled
 * interpreter's table-driven ops and the playground's stepper all apply this.
 */
export function chainRule(local: number, grad: number, routes: boolean): number {
  return local === 0 && routes ? 0 : local * grad;
}
