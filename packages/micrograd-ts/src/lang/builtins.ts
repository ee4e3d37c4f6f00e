/**
 * The built-in functions and methods of the expression language, read from the engine's table of ops
 * (engine/ops.ts): every unary op is a function `tanh(x)` and a method `x.tanh()`, every binary op a
 * method `a.pow(2)`, and the n-ary ops over one list of scalars are functions `max(a, b, …)`.
 */
import { OP_LIST, type OpDef, POW } from "../engine/ops.js";
import { Value } from "../engine/value.js";

/** An argument: a Value, or a plain number (a constant of the program). */
export type Arg = Value | number;

/** A function or method the language can call: how many arguments it takes and what it builds. */
export interface Callable {
  /** Fewest and most arguments (`max` is Infinity for `max(a, b, …)`). */
  min: number;
  max: number;
  /** How to call it, for error messages: `tanh(x)`, `max(a, b)`, `x.pow(2)`. */
  usage: string;
  call(args: Arg[]): Value;
}

// The built-ins come from the ops table (engine/ops.ts): each op's key is the name of its Value method
// (unary and binary ops) or static (n-ary ops), so the language calls exactly what the library calls.
const statics = Value as unknown as Record<string, unknown>;
const methods = Value.prototype as unknown as Record<string, unknown>;
function member(
  where: Record<string, unknown>,
  def: OpDef,
  what: string,
): (this: unknown, ...a: unknown[]) => Value {
  const f = where[def.key];
  if (typeof f !== "function") throw new Error(`internal: the op '${def.key}' has no ${what} of that name`);
  return f as (this: unknown, ...a: unknown[]) => Value;
}

/** A number as a leaf; a Value as itself. */
export const asValue = (x: Arg): Value => (typeof x === "number" ? new Value(x) : x);

/**
 * The n-ary ops whose inputs are not one plain list of scalars: `dot` takes two lists (weights, inputs),
 * `select` a list and an index. The language has no lists, so they are not callable (write
 * `w0*x0 + w1*x1`); every other n-ary op of the table is `f(a, b, …)`.
 */
export const LIST_OPS: ReadonlySet<string> = new Set(["dot", "select"]);

const functions = new Map<string, Callable>();
const methodTable = new Map<string, Callable>();
for (const def of OP_LIST) {
  if (def.arity === "n") {
    if (LIST_OPS.has(def.key)) continue;
    const f = member(statics, def, "static method on Value");
    functions.set(def.key, {
      min: 1,
      max: Infinity,
      usage: `${def.key}(a, b)`,
      call: (args) => f.call(Value, args),
    });
  } else if (def.arity === 1 && def.code !== POW) {
    const f = member(methods, def, "Value method");
    functions.set(def.key, {
      min: 1,
      max: 1,
      usage: `${def.key}(x)`,
      call: ([x]) => f.call(asValue(x as Arg)),
    });
    methodTable.set(def.key, { min: 0, max: 0, usage: `x.${def.key}()`, call: ([x]) => f.call(x) });
  } else if (def.arity === 2) {
    // pow's number form (arity 1, the exponent kept in the node) is reached here too: Value.pow picks it
    const f = member(methods, def, "Value method");
    const usage = def.key === "pow" ? "x.pow(2)" : `x.${def.key}(y)`;
    methodTable.set(def.key, { min: 1, max: 1, usage, call: ([x, y]) => f.call(x, y) });
  }
}

/** Functions from the table: every unary op `f(x)` (except pow, which needs its exponent) and the n-ary `f(a, b, …)`. */
export const BUILTINS: ReadonlyMap<string, Callable> = functions;
/** Methods from the table: every unary op `x.f()` and every binary op `x.f(y)` (`x.pow(2)`, `x.pow(y)`). */
export const METHODS: ReadonlyMap<string, Callable> = methodTable;

/**
 * The functions every program can call, from the ops table: each unary op by its key, `f(x)` (`exp log
 * tanh relu sigmoid abs sqrt sin cos detach neg`), and the n-ary `sum(a, b, …)`, `max(a, b, …)` and
 * `min(a, b, …)` (one node each).
 */
export const BUILTIN_FUNCTIONS: readonly string[] = [...BUILTINS.keys()];

/**
 * The methods every program can call on a value, from the ops table: each unary op with no argument
 * (`x.relu()`, `(a*b).tanh()`, chains `x.exp().log()`) and each binary op with one (`a.pow(2)`, `a.mul(b)`).
 */
export const BUILTIN_METHODS: readonly string[] = [...METHODS.keys()];

/** "takes 1 argument", "takes no arguments", "takes at least 1 argument" */
export function takes({ min, max }: Callable): string {
  const n = (k: number) => (k === 0 ? "no arguments" : `${k} argument${k === 1 ? "" : "s"}`);
  return max === Infinity ? `takes at least ${n(min)}` : `takes ${n(min)}`;
}

/** Why a built-in op is not a function of the language, if it is one of the table's other ops. */
export function notAFunction(name: string): string {
  if (METHODS.has(name)) return ` ('${name}' is a method: write ${METHODS.get(name)?.usage})`;
  if (LIST_OPS.has(name)) return ` ('${name}' takes lists, which the language does not have)`;
  return "";
}
