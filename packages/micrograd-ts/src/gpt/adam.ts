/**
 * microgpt's Adam: betas 0.85 / 0.99, eps 1e-8, and a learning rate decayed linearly from `learningRate`
 * to 0 over the run's `numSteps`, written as microgpt.py writes it (so its rounding is Python's).
 */
import type { Value } from "../engine/value.js";
import { checkRange } from "../optim/optimizer.js";
import { describeArg } from "../util/describe-arg.js";

/** Options of `MicroGptAdam` (microgpt's names and defaults). */
export interface MicroGptAdamOptions {
  /** The number of steps the learning rate decays over (microgpt's `num_steps`). */
  numSteps: number;
  /** The initial learning rate (default 0.01). */
  learningRate?: number;
  /** First-moment decay (default 0.85). */
  beta1?: number;
  /** Second-moment decay (default 0.99). */
  beta2?: number;
  /** Added to sqrt(v_hat) (default 1e-8). */
  eps?: number;
}

/**
 * Adam as microgpt.py's training loop does it, at step k = 0, 1, …:
 * lr_t = lr (1 - k / numSteps); m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g ** 2;
 * p -= lr_t * m_hat / (v_hat ** 0.5 + eps) with m_hat = m / (1 - b1 ** (k + 1)), v_hat likewise;
 * then g = 0.
 */
export class MicroGptAdam {
  /** The parameters, in the order given. */
  readonly params: readonly Value[];
  readonly numSteps: number;
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  /** First and second moment buffers (microgpt's `m`, `v`). */
  readonly m: Float64Array;
  readonly v: Float64Array;
  /** Steps taken so far (k of the next step). */
  stepCount = 0;

  /**
   * @param params the parameters to update (e.g. `model.parameters()`)
   * @param options numSteps (required), learningRate, beta1, beta2, eps
   */
  constructor(params: readonly Value[], options: MicroGptAdamOptions) {
    const where = "new MicroGptAdam(params, options)";
    if (!Array.isArray(params) || params.length === 0) {
      throw new TypeError(`${where}: params must be a non-empty array of Values, got ${describeArg(params)}`);
    }
    const o = options ?? ({} as MicroGptAdamOptions);
    if (!Number.isSafeInteger(o.numSteps) || o.numSteps < 1) {
      throw new RangeError(`${where}: numSteps must be an integer >= 1, got ${describeArg(o.numSteps)}`);
    }
    this.params = params;
    this.numSteps = o.numSteps;
    this.learningRate = checkRange(where, "learningRate", o.learningRate ?? 0.01, 0, Infinity, true);
    this.beta1 = checkRange(where, "beta1", o.beta1 ?? 0.85, 0, 1, true);
    this.beta2 = checkRange(where, "beta2", o.beta2 ?? 0.99, 0, 1, true);
    this.eps = checkRange(where, "eps", o.eps ?? 1e-8, 0, Infinity, true);
    this.m = new Float64Array(params.length);
    this.v = new Float64Array(params.length);
  }

  /** The learning rate of step k: learningRate * (1 - k / numSteps). */
  lrAt(step: number): number {
    return this.learningRate * (1 - step / this.numSteps);
  }

  /**
   * Updates every parameter from its grad and sets the grads to 0. Refuses (before changing anything) a
   * grad that is not finite.
   */
  step(): void {
    const { params, m, v, beta1, beta2, eps } = this;
    params.forEach((p, i) => {
      if (!Number.isFinite(p.grad)) {
        throw new RangeError(
          `MicroGptAdam.step(): ${p.label || `parameter ${i}`} has grad ${p.grad}; refusing to update (did the loss overflow?)`,
        );
      }
    });
    const step = this.stepCount;
    const lrT = this.lrAt(step);
    const c1 = 1 - beta1 ** (step + 1);
    const c2 = 1 - beta2 ** (step + 1);
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      const mi = beta1 * m[i] + (1 - beta1) * p.grad;
      const vi = beta2 * v[i] + (1 - beta2) * p.grad ** 2;
      m[i] = mi;
      v[i] = vi;
      const mHat = mi / c1;
      const vHat = vi / c2;
      p.data -= (lrT * mHat) / (vHat ** 0.5 + eps);
      p.grad = 0;
    }
    this.stepCount++;
  }
}
