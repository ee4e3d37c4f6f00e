/**
 * Custom ops, like torch.autograd.Function: give a name, an arity, a forward function of plain numbers
 * and the local derivatives, and get back a function on Values that behaves like a built-in op
 * (backward, accumulation, toDot, anomaly mode, gradcheck, compile).
 */
import { describeArg } from "../util/describe-arg.js";
import { anomaly, checkForward } from "./anomaly.js";
import { CUSTOM, OP_LIST } from "./ops.js";
import { Value } from "./value.js";

/** An op defined with `defineOp`, as the engine sees it (the part of `CustomOp` the engine calls). */
export interface CustomOpImpl {
  readonly name: string;
  readonly arity: number;
  /** Local derivatives d out / d input_i, given the input values and the output value. */
  derivatives(inputs: number[], out: number): readonly number[];
}

/** What `defineOp` needs to know about a new op. */
export interface OpSpec {
  /** The op's name, shown on its op node in graphs and in error messages. */
  name: string;
  /** How many inputs it takes (>= 1). */
  arity: number;
  /** The forward value from the input numbers. */
  forward: (...inputs: number[]) => number;
  /** The local derivatives d out / d input_i, one per input, given the inputs and the output. */
  derivatives: (inputs: number[], out: number) => number[];
}

/** A custom op: call it on Values (or numbers) to get a Value. */
export interface CustomOp extends CustomOpImpl {
  (...args: (Value | number)[]): Value;
  /** The forward function of plain numbers, checked to return a number. */
  forwardNumbers(inputs: number[]): number;
}

/** Names the built-in ops use (their names and method names, from the ops table); a custom op may not take one of them. */
export const BUILTIN_OP_NAMES: readonly string[] = [
  ...new Set(OP_LIST.flatMap((d) => [d.name.toLowerCase(), d.key])),
];

const defined = new Map<string, CustomOp>();

/**
 * Defines a new op from its forward function and local derivatives.
 *
 * ```ts
 * const softplus = defineOp({
 *   name: "softplus", arity: 1,
 *   forward: (x) => Math.log1p(Math.exp(x)),
 *   derivatives: ([x]) => [1 / (1 + Math.exp(-x))],
 * });
 * softplus(new Value(0.5)).backward();
 * ```
 * @throws TypeError / RangeError for a missing name, a name taken by a built-in or another custom op,
 *   an arity that is not an integer >= 1, or a forward/derivatives that is not a function.
 */
export function defineOp(spec: OpSpec): CustomOp {
  if (spec === null || typeof spec !== "object") {
    throw new TypeError(`defineOp(spec): spec must be an object, got ${describeArg(spec)}`);
  }
  const { name, arity, forward, derivatives } = spec;
  if (typeof name !== "string" || name.trim() === "") {
    throw new TypeError(`defineOp: name must be a non-empty string, got ${describeArg(name)}`);
  }
  if (BUILTIN_OP_NAMES.includes(name.toLowerCase()) || name.startsWith("**")) {
    throw new TypeError(
      `defineOp: name "${name}" collides with a built-in op (reserved: ${BUILTIN_OP_NAMES.join(" ")})`,
    );
  }
  if (defined.has(name)) {
    throw new TypeError(`defineOp: an op named "${name}" is already defined; pick another name`);
  }
  if (typeof arity !== "number" || !Number.isInteger(arity) || arity < 1) {
    throw new RangeError(`defineOp("${name}"): arity must be an integer >= 1, got ${describeArg(arity)}`);
  }
  if (typeof forward !== "function") {
    throw new TypeError(`defineOp("${name}"): forward must be a function, got ${describeArg(forward)}`);
  }
  if (typeof derivatives !== "function") {
    throw new TypeError(
      `defineOp("${name}"): derivatives must be a function, got ${describeArg(derivatives)}`,
    );
  }

  const forwardNumbers = (inputs: number[]): number => {
    const out = forward(...inputs);
    if (typeof out !== "number") {
      throw new TypeError(`custom op "${name}": forward must return a number, got ${describeArg(out)}`);
    }
    return out;
  };

  const apply = (...args: (Value | number)[]): Value => {
    if (args.length !== arity) {
      throw new TypeError(`custom op "${name}" takes ${arity} argument(s), got ${args.length}`);
    }
    const inputs = args.map((x, i) => {
      if (x instanceof Value) return x;
      if (typeof x === "number") return new Value(x);
      throw new TypeError(
        `custom op "${name}": argument ${i} must be a Value or a number, got ${describeArg(x)}`,
      );
    });
    return customNode(op, forwardNumbers(inputs.map((v) => v.data)), inputs);
  };

  const op = Object.assign(apply, {
    arity,
    forwardNumbers,
    derivatives: (inputs: number[], out: number): readonly number[] => {
      const d = derivatives(inputs, out);
      validateDerivatives(op, d);
      return d;
    },
  }) as unknown as CustomOp;
  Object.defineProperty(op, "name", { value: name });
  defined.set(name, op);
  return op;
}

/** The custom op with this name, if one was defined. */
export function getCustomOp(name: string): CustomOp | undefined {
  return defined.get(name);
}

/** Makes a custom-op node. @internal */
function customNode(op: CustomOpImpl, data: number, args: Value[]): Value {
  const out = new Value(data);
  out._code = CUSTOM;
  out._custom = op;
  out._args = args;
  if (anomaly.enabled) checkForward(out);
  return out;
}

/** Throws if a custom op's derivatives are not `arity` numbers. @internal */
export function validateDerivatives(op: CustomOpImpl, d: unknown): asserts d is number[] {
  if (!Array.isArray(d) || d.length !== op.arity) {
    throw new TypeError(
      `custom op "${op.name}": derivatives must return an array of ${op.arity} number(s), got ${describeArg(d)}`,
    );
  }
  for (let i = 0; i < d.length; i++) {
    if (typeof d[i] !== "number") {
      throw new TypeError(
        `custom op "${op.name}": derivative ${i} must be a number, got ${describeArg(d[i])}`,
      );
    }
  }
}
