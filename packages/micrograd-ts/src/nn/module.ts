/**
 * `Module`: the base of Neuron, Layer and MLP, as in micrograd's nn.py.
 */
import type { Value } from "../engine/value.js";

/** Something with parameters: `parameters()` lists them, `zeroGrad()` sets their grads to 0. */
export abstract class Module {
  /** Every trainable Value, in a fixed order. */
  abstract parameters(): Value[];

  /** Sets the grad of every parameter to 0 (micrograd's `zero_grad`). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = 0;
  }
}
