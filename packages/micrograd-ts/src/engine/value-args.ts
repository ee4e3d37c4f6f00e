/**
 * The argument checks of `Value`'s constructor and ops, kept out of the way of the ops: each turns a
 * wrong argument into a one-line TypeError/RangeError naming the method, the argument and what it got.
 */
import { describeArg } from "../util/describe-arg.js";
import { Value } from "./value.js";

/** Throws unless `data` is a number and `label` a string (`new Value(data, label)`). */
export function checkLeaf(data: unknown, label: unknown): void {
  if (typeof data !== "number") {
    throw new TypeError(`new Value(data): data must be a number, got ${describeArg(data)}`);
  }
  if (typeof label !== "string") {
    throw new TypeError(`new Value(data, label): label must be a string, got ${describeArg(label)}`);
  }
}

/** `x` as a Value (a number becomes a leaf); `method` and `name` say where a wrong `x` came from. */
export function asValue(x: Value | number, method: string, name = "other"): Value {
  if (x instanceof Value) return x;
  if (typeof x === "number") return new Value(x);
  throw new TypeError(`Value.${method}(${name}): ${name} must be a Value or a number, got ${describeArg(x)}`);
}

/** The error for a pow exponent that is neither a number nor a Value. */
export function badExponent(exponent: unknown): TypeError {
  return new TypeError(
    `Value.pow(exponent): exponent must be a number or a Value, got ${describeArg(exponent)}`,
  );
}

/**
 * The list as Values (numbers become leaves), checked: an array of at least `min` Values or numbers.
 * Written into `out` at `at`, `at + step`, … (a dot product interleaves two lists in one array).
 */
export function valueList(
  where: string,
  name: string,
  xs: unknown,
  min: number,
  out: Value[] = [],
  at = 0,
  step = 1,
): Value[] {
  if (!Array.isArray(xs)) {
    throw new TypeError(`${where}: ${name} must be an array of Values or numbers, got ${describeArg(xs)}`);
  }
  if (xs.length < min) throw new RangeError(`${where}: ${name} must not be empty`);
  for (let i = 0; i < xs.length; i++) {
    const v: unknown = xs[i];
    if (v instanceof Value) out[at + i * step] = v;
    else if (typeof v === "number") out[at + i * step] = new Value(v);
    else throw new TypeError(`${where}: ${name}[${i}] must be a Value or a number, got ${describeArg(v)}`);
  }
  return out;
}

/** `[start?, w0, x0, w1, x1, …]`, the parents of `Value.dot(ws, xs, start)`, checked. */
export function dotArgs(
  ws: readonly (Value | number)[],
  xs: readonly (Value | number)[],
  start: Value | number | undefined,
): Value[] {
  const where = "Value.dot(ws, xs, start)";
  const k = start === undefined ? 0 : 1;
  // one array of parents, filled as the lists are checked
  const args = new Array<Value>(k + 2 * (Array.isArray(ws) ? ws.length : 0));
  valueList(where, "ws", ws, 0, args, k, 2);
  valueList(where, "xs", xs, 0, args, k + 1, 2);
  if (ws.length !== xs.length) {
    throw new RangeError(`${where}: ws and xs must have the same length, got ${ws.length} and ${xs.length}`);
  }
  if (start !== undefined) args[0] = asValue(start, "dot", "start");
  return args;
}
