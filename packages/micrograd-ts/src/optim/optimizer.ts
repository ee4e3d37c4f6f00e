/**
 * `Optimizer`: what SGD, Adam and AdamW share — the parameter list, the learning rate (a number or a
 * schedule), gradient checks, `zeroGrad()`.
 */

import { Value } from "../engine/value.js";
import { describeArg } from "../util/describe-arg.js";

/** A learning rate: a constant, or a schedule giving the rate for step k = 0, 1, 2, ... */
export type LearningRate = number | ((step: number) => number);

/** Base class of the optimizers. `step()` updates every parameter from its grad; nothing is skipped. */
export abstract class Optimizer {
  /** The parameters, in the order given. */
  readonly params: readonly Value[];
  /** The learning rate or schedule. */
  lr: LearningRate;
  /** How many times `step()` has run (the schedule is called with this before it is incremented). */
  stepCount = 0;
  /** The class name used in error messages. */
  protected readonly where: string;

  /**
   * @param name the optimizer's name, for error messages
   * @param params the parameters to update: an array (or iterable) of distinct Values, not empty
   * @param lr a non-negative number or a schedule function
   */
  protected constructor(name: string, params: Iterable<Value>, lr: LearningRate) {
    this.where = name;
    if (
      params === null ||
      typeof params !== "object" ||
      typeof (params as Iterable<Value>)[Symbol.iterator] !== "function"
    ) {
      throw new TypeError(
        `new ${name}(params): params must be an array of Values, got ${describeArg(params)}`,
      );
    }
    const list = [...params];
    if (list.length === 0)
      throw new RangeError(`new ${name}(params): params is empty; there is nothing to optimize`);
    const seen = new Set<Value>();
    for (let i = 0; i < list.length; i++) {
      const p: unknown = list[i];
      if (!(p instanceof Value)) {
        throw new TypeError(`new ${name}(params): params[${i}] must be a Value, got ${describeArg(p)}`);
      }
      if (seen.has(p)) {
        throw new RangeError(
          `new ${name}(params): params[${i}]${p.label ? ` ("${p.label}")` : ""} appears twice; it would be updated twice per step`,
        );
      }
      seen.add(p);
    }
    this.params = list;
    checkLr(`new ${name}(params, options)`, lr);
    this.lr = lr;
  }

  /** The learning rate for the coming step: `lr`, or `lr(stepCount)` for a schedule (checked). */
  currentLr(): number {
    if (typeof this.lr === "number") return this.lr;
    const lr = this.lr(this.stepCount);
    if (typeof lr !== "number" || !Number.isFinite(lr) || lr < 0) {
      throw new RangeError(
        `${this.where}.step(): the learning-rate schedule returned ${describeArg(lr)} for step ${this.stepCount}; it must return a finite number >= 0`,
      );
    }
    return lr;
  }

  /**
   * Updates every parameter once. First checks every gradient: a grad that is not a finite number throws
   * (naming the parameter) before any parameter changes.
   */
  step(): void {
    const lr = this.currentLr();
    this.checkGrads();
    this.update(lr, this.stepCount + 1);
    this.stepCount++;
  }

  /** The update rule, given the learning rate and t = number of this step (1, 2, ...). */
  protected abstract update(lr: number, t: number): void;

  /** Sets every parameter's grad to 0. */
  zeroGrad(): void {
    for (const p of this.params) p.grad = 0;
  }

  private checkGrads(): void {
    const ps = this.params;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i];
      const g: unknown = p.grad;
      if (typeof g !== "number") {
        throw new TypeError(
          `${this.where}.step(): ${paramName(p, i)} has a grad that is not a number: ${describeArg(g)}`,
        );
      }
      if (!Number.isFinite(g)) {
        throw new RangeError(
          `${this.where}.step(): ${paramName(p, i)} has grad ${g}; refusing to update (did the loss overflow or divide by zero? try setDetectAnomaly(true))`,
        );
      }
    }
  }
}

function paramName(p: Value, i: number): string {
  return `parameter ${i}${p.label ? ` ("${p.label}")` : ""}`;
}

/** Checks a learning rate option. @internal */
export function checkLr(where: string, lr: unknown): void {
  if (typeof lr === "function") return;
  if (typeof lr !== "number" || !Number.isFinite(lr) || lr < 0) {
    throw new RangeError(
      `${where}: lr must be a finite number >= 0 or a function of the step, got ${describeArg(lr)}`,
    );
  }
}

/** Checks a number option against [min, max) or [min, max]. @internal */
export function checkRange(
  where: string,
  name: string,
  x: unknown,
  min: number,
  max: number,
  maxOpen: boolean,
): number {
  if (typeof x !== "number" || !Number.isFinite(x) || x < min || (maxOpen ? x >= max : x > max)) {
    throw new RangeError(
      `${where}: ${name} must be a number in [${min}, ${max}${maxOpen ? ")" : "]"}, got ${describeArg(x)}`,
    );
  }
  return x;
}
