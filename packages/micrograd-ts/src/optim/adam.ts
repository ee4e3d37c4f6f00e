/**
 * `Adam` and `AdamW`, with PyTorch's semantics and defaults.
 */

import type { Value } from "../engine/value.js";
import { describeArg } from "../util/describe-arg.js";
import { checkOptions, optionKeys } from "../util/options.js";
import { checkRange, type LearningRate, Optimizer } from "./optimizer.js";

/** Options of `Adam` and `AdamW` (PyTorch's names). */
export interface AdamOptions {
  /** Learning rate or schedule (default 1e-3). */
  lr?: LearningRate;
  /** Decay rates of the first and second moment estimates (default [0.9, 0.999]). */
  betas?: readonly [number, number];
  /** Added to sqrt(v_hat) in the denominator (default 1e-8). */
  eps?: number;
  /** Weight decay (default 0 for Adam, 1e-2 for AdamW). */
  weightDecay?: number;
}

/**
 * What Adam and AdamW share: the moment estimates and the bias-corrected step. They differ only in where
 * the weight decay goes (`decoupled`). Not exported from the package root; its members are the classes'.
 */
export abstract class AdamFamily extends Optimizer {
  /** [beta1, beta2]. */
  readonly betas: readonly [number, number];
  /** Denominator epsilon. */
  readonly eps: number;
  /** Weight decay. */
  readonly weightDecay: number;
  /** First moment estimates, one per parameter. */
  readonly m: Float64Array;
  /** Second moment estimates, one per parameter. */
  readonly v: Float64Array;
  /** True for AdamW (decoupled weight decay). */
  protected readonly decoupled: boolean;

  /** @param decoupled true for AdamW: weight decay applied to the parameter, not added to the gradient */
  protected constructor(
    name: "Adam" | "AdamW",
    decoupled: boolean,
    params: Iterable<Value>,
    options: AdamOptions,
  ) {
    const where = `new ${name}(params, options)`;
    checkOptions(
      where,
      options,
      optionKeys<AdamOptions>({ lr: true, betas: true, eps: true, weightDecay: true }),
    );
    super(name, params, options.lr ?? 1e-3);
    this.decoupled = decoupled;
    const betas = options.betas ?? [0.9, 0.999];
    if (!Array.isArray(betas) || betas.length !== 2) {
      throw new TypeError(`${where}: betas must be [beta1, beta2], got ${describeArg(betas)}`);
    }
    checkRange(where, "betas[0]", betas[0], 0, 1, true);
    checkRange(where, "betas[1]", betas[1], 0, 1, true);
    this.betas = [betas[0], betas[1]];
    this.eps = checkRange(where, "eps", options.eps ?? 1e-8, 0, Infinity, true);
    this.weightDecay = checkRange(
      where,
      "weightDecay",
      options.weightDecay ?? (this.decoupled ? 1e-2 : 0),
      0,
      Infinity,
      true,
    );
    this.m = new Float64Array(this.params.length);
    this.v = new Float64Array(this.params.length);
  }

  protected update(lr: number, t: number): void {
    const [b1, b2] = this.betas;
    const { eps, weightDecay: wd, m, v, decoupled } = this;
    const c1 = 1 - b1 ** t;
    const c2 = 1 - b2 ** t;
    const ps = this.params;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i];
      let g = p.grad;
      if (!decoupled && wd !== 0) g += wd * p.data;
      const mi = b1 * m[i] + (1 - b1) * g;
      const vi = b2 * v[i] + (1 - b2) * (g * g);
      m[i] = mi;
      v[i] = vi;
      const adam = mi / c1 / (Math.sqrt(vi / c2) + eps);
      if (decoupled) p.data -= lr * (adam + wd * p.data);
      else p.data -= lr * adam;
    }
  }
}

/**
 * Adam (Kingma & Ba), as torch.optim.Adam: at step t, g = grad + weightDecay * p (L2 added to the
 * gradient); m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; m_hat = m / (1 - b1^t);
 * v_hat = v / (1 - b2^t); p -= lr * m_hat / (sqrt(v_hat) + eps). Defaults lr 1e-3, betas (0.9, 0.999),
 * eps 1e-8, weightDecay 0.
 */
export class Adam extends AdamFamily {
  /**
   * @param params the parameters (e.g. `model.parameters()`)
   * @param options lr, betas, eps, weightDecay
   */
  constructor(params: Iterable<Value>, options: AdamOptions = {}) {
    super("Adam", false, params, options);
  }
}

/**
 * AdamW (Loshchilov & Hutter), as torch.optim.AdamW: Adam without the L2 term in the gradient, and the
 * weight decay applied to the parameter directly. Written in LLM101n's form,
 * p -= lr * (m_hat / (sqrt(v_hat) + eps) + weightDecay * p), which is PyTorch's
 * p *= 1 - lr * weightDecay followed by the Adam step, up to rounding. Defaults lr 1e-3,
 * betas (0.9, 0.999), eps 1e-8, weightDecay 1e-2.
 */
export class AdamW extends AdamFamily {
  /**
   * @param params the parameters (e.g. `model.parameters()`)
   * @param options lr, betas, eps, weightDecay (default 1e-2)
   */
  constructor(params: Iterable<Value>, options: AdamOptions = {}) {
    super("AdamW", true, params, options);
  }
}
