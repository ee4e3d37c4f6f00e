/**
 * The lecture's "nudge the input and compare", as a tool: central finite differences against the
 * gradients `backward()` computes.
 */

import { describeArg } from "../util/describe-arg.js";
import { checkOptions, optionKeys } from "../util/options.js";
import type { CustomOp } from "./custom.js";
import { Value } from "./value.js";

/** Tolerances for a gradient check; PyTorch's float64 defaults. */
export interface GradcheckOptions {
  /** Step of the central difference (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-3). A gradient passes if |analytic - numeric| <= atol + rtol |numeric|. */
  rtol?: number;
}

/** The check of one input. */
export interface GradcheckInput {
  /** Position of the input. */
  index: number;
  /** Label given to the leaf by `f`, if any. */
  label: string;
  /** The input's value. */
  value: number;
  /** d f / d input from `backward()`. */
  analytic: number;
  /** (f(x + eps) - f(x - eps)) / (2 eps). */
  numeric: number;
  /** |analytic - numeric|. */
  absError: number;
  /** |analytic - numeric| / max(|numeric|, tiny). */
  relError: number;
  /** Whether this input passed. */
  ok: boolean;
}

/** The result of `gradcheck`. */
export interface GradcheckResult {
  /** True if every input passed. */
  ok: boolean;
  /** f at the given inputs. */
  value: number;
  /** One entry per input. */
  inputs: GradcheckInput[];
}

function resolve(options: GradcheckOptions): Required<GradcheckOptions> {
  checkOptions(
    "gradcheck: options",
    options,
    optionKeys<GradcheckOptions>({ eps: true, atol: true, rtol: true }),
  );
  const out = { eps: 1e-6, atol: 1e-5, rtol: 1e-3, ...options };
  for (const key of ["eps", "atol", "rtol"] as const) {
    const v = out[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (key === "eps" && v === 0)) {
      throw new RangeError(`gradcheck: option ${key} must be a finite number > 0, got ${describeArg(v)}`);
    }
  }
  return out;
}

function compare(analytic: number, numeric: number, o: Required<GradcheckOptions>) {
  const absError = Math.abs(analytic - numeric);
  const relError = absError / Math.max(Math.abs(numeric), Number.MIN_VALUE);
  const ok = absError <= o.atol + o.rtol * Math.abs(numeric);
  return { absError, relError, ok };
}

/**
 * Checks `backward()` against central finite differences for every input of `f`.
 * @param f builds a Value from leaf Values (one per input); it may label them
 * @param inputs the point to check at
 * @param options eps / atol / rtol (PyTorch's float64 defaults: 1e-6, 1e-5, 1e-3)
 */
export function gradcheck(
  f: (...xs: Value[]) => Value,
  inputs: readonly number[],
  options: GradcheckOptions = {},
): GradcheckResult {
  if (typeof f !== "function")
    throw new TypeError(`gradcheck(f): f must be a function, got ${describeArg(f)}`);
  if (!Array.isArray(inputs) || inputs.some((x) => typeof x !== "number")) {
    throw new TypeError(
      `gradcheck(f, inputs): inputs must be an array of numbers, got ${describeArg(inputs)}`,
    );
  }
  const o = resolve(options);
  const run = (xs: readonly number[]): { out: Value; leaves: Value[] } => {
    const leaves = xs.map((x) => new Value(x));
    const out = f(...leaves);
    if (!(out instanceof Value)) {
      throw new TypeError(`gradcheck(f): f must return a Value, got ${describeArg(out)}`);
    }
    return { out, leaves };
  };
  const { out, leaves } = run(inputs);
  out.backward();
  const results = inputs.map((x, i) => {
    const plus = inputs.slice();
    const minus = inputs.slice();
    plus[i] = x + o.eps;
    minus[i] = x - o.eps;
    const numeric = (run(plus).out.data - run(minus).out.data) / (2 * o.eps);
    const leaf = leaves[i];
    return {
      index: i,
      label: leaf.label,
      value: x,
      analytic: leaf.grad,
      numeric,
      ...compare(leaf.grad, numeric, o),
    };
  });
  return { ok: results.every((r) => r.ok), value: out.data, inputs: results };
}

/** One input's derivative at one point, from `checkOp`. */
export interface OpCheckEntry {
  /** The point (the op's input numbers). */
  point: number[];
  /** Which input's derivative. */
  input: number;
  /** What the op's `derivatives` said. */
  analytic: number;
  /** Central difference of the op's `forward`. */
  numeric: number;
  absError: number;
  relError: number;
  ok: boolean;
}

/** The result of `checkOp`. */
export interface OpCheckResult {
  ok: boolean;
  entries: OpCheckEntry[];
  /** The failing entries in words, e.g. `derivative of input 1 at (0.5, 2): got 3, numeric 1.5 (abs error 1.5)`. */
  failures: string[];
}

/**
 * Checks a custom op's `derivatives` against central differences of its `forward`, at a few points.
 * @param op an op from `defineOp`
 * @param points the input tuples to check at (default: a few points in [-2, 2] per input)
 */
export function checkOp(op: CustomOp, points?: number[][], options: GradcheckOptions = {}): OpCheckResult {
  if (typeof op !== "function" || typeof op.forwardNumbers !== "function") {
    throw new TypeError(`checkOp(op): op must come from defineOp, got ${describeArg(op)}`);
  }
  const o = resolve(options);
  const pts =
    points ??
    [-1.7, -0.6, 0.3, 0.9, 1.8].map((s, j) =>
      Array.from({ length: op.arity }, (_, i) => s + 0.37 * i * (j % 2 ? -1 : 1)),
    );
  const entries: OpCheckEntry[] = [];
  const failures: string[] = [];
  for (const point of pts) {
    if (!Array.isArray(point) || point.length !== op.arity) {
      throw new TypeError(
        `checkOp("${op.name}"): each point must hold ${op.arity} number(s), got ${describeArg(point)}`,
      );
    }
    const out = op.forwardNumbers(point);
    const d = op.derivatives(point, out);
    for (let i = 0; i < op.arity; i++) {
      const plus = point.slice();
      const minus = point.slice();
      plus[i] = point[i] + o.eps;
      minus[i] = point[i] - o.eps;
      const numeric = (op.forwardNumbers(plus) - op.forwardNumbers(minus)) / (2 * o.eps);
      const analytic = d[i];
      const entry = { point, input: i, analytic, numeric, ...compare(analytic, numeric, o) };
      entries.push(entry);
      if (!entry.ok) {
        failures.push(
          `op "${op.name}": derivative of input ${i} at (${point.join(", ")}): got ${analytic}, ` +
            `numeric ${Number(numeric.toPrecision(8))} (abs error ${entry.absError.toExponential(3)})`,
        );
      }
    }
  }
  return { ok: failures.length === 0, entries, failures };
}
