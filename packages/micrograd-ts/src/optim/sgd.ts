/**
 * `SGD`: stochastic gradient descent, with optional momentum, as PyTorch's torch.optim.SGD.
 */
import type { Value } from "../engine/value.js";
import { checkOptions, optionKeys } from "../util/options.js";
import { checkRange, type LearningRate, Optimizer } from "./optimizer.js";

/** Options of `SGD` (PyTorch's names and defaults). */
export interface SGDOptions {
  /** Learning rate, or a schedule `(step) => lr` with step = 0 on the first update. Required. */
  lr: LearningRate;
  /** Momentum factor (default 0: plain `p.data -= lr * p.grad`, micrograd's update). */
  momentum?: number;
  /** Dampening of the momentum (default 0). */
  dampening?: number;
  /** L2 penalty added to the gradient: g = grad + weightDecay * p (default 0). */
  weightDecay?: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  nesterov?: boolean;
}

/**
 * SGD with PyTorch's semantics: g = grad + weightDecay * p; with momentum, buf = g on the first step and
 * buf = momentum * buf + (1 - dampening) * g after, and g = buf (or g + momentum * buf with Nesterov);
 * then p -= lr * g.
 */
export class SGD extends Optimizer {
  /** Momentum factor. */
  readonly momentum: number;
  /** Dampening. */
  readonly dampening: number;
  /** L2 penalty. */
  readonly weightDecay: number;
  /** Nesterov momentum. */
  readonly nesterov: boolean;
  /** Momentum buffers, one per parameter. */
  readonly buffers: Float64Array;

  /**
   * @param params the parameters (e.g. `model.parameters()`)
   * @param options `lr` (required), momentum, dampening, weightDecay, nesterov
   */
  constructor(params: Iterable<Value>, options: SGDOptions) {
    const where = "new SGD(params, options)";
    if (typeof options !== "object" || options === null) {
      throw new TypeError(`${where}: options must be an object with at least { lr }`);
    }
    checkOptions(
      where,
      options,
      optionKeys<SGDOptions>({
        lr: true,
        momentum: true,
        dampening: true,
        weightDecay: true,
        nesterov: true,
      }),
    );
    super("SGD", params, options.lr);
    this.momentum = checkRange(where, "momentum", options.momentum ?? 0, 0, Infinity, true);
    this.dampening = checkRange(where, "dampening", options.dampening ?? 0, 0, 1, false);
    this.weightDecay = checkRange(where, "weightDecay", options.weightDecay ?? 0, 0, Infinity, true);
    this.nesterov = options.nesterov ?? false;
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new RangeError(`${where}: nesterov needs momentum > 0 and dampening 0`);
    }
    this.buffers = new Float64Array(this.params.length);
  }

  protected update(lr: number, t: number): void {
    const { momentum, dampening, weightDecay, nesterov, buffers } = this;
    const ps = this.params;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i];
      let g = p.grad;
      if (weightDecay !== 0) g += weightDecay * p.data;
      if (momentum !== 0) {
        const buf = t === 1 ? g : momentum * buffers[i] + (1 - dampening) * g;
        buffers[i] = buf;
        g = nesterov ? g + momentum * buf : buf;
      }
      p.data -= lr * g;
    }
  }
}
