/**
 * The engine: a scalar `Value` that remembers how it was made, and `backward()`, which applies the chain
 * rule through everything that made it. This is micrograd, op for op:
 *
 *   - each op method computes the forward value and records its inputs (`_a`, `_b`) and op code;
 *   - `_backward()` holds each op's local derivative: parent.grad += (d out / d parent) * out.grad.
 *
 * Speed notes (kept small on purpose): a node is one object — no closure and no parents array per node —
 * and the backward of every op lives in one `switch`. The compiled path (`compile/`) is where speed
 * tricks go.
 */
import { anomaly, checkBackward, checkForward } from "./anomaly.js";

/** An op defined with `defineOp`; see `custom.ts`. The engine only needs these three members. */
export interface CustomOpImpl {
  readonly name: string;
  readonly arity: number;
  /** Local derivatives d out / d input_i, given the input values and the output value. */
  derivatives(inputs: number[], out: number): readonly number[];
}

// Op codes: what made a Value. `OP_NAMES` gives the name shown as `value.op` and in graphs.
export const LEAF = 0;
export const ADD = 1;
export const SUB = 2;
export const MUL = 3;
export const DIV = 4;
export const NEG = 5;
export const POW = 6; // x ** k, k a plain number stored in `_k`
export const POWV = 7; // x ** y, both Values
export const EXP = 8;
export const LOG = 9;
export const TANH = 10;
export const RELU = 11;
export const SIGMOID = 12;
export const CUSTOM = 13;

/** The name of each op code (`value.op`), as micrograd writes them. `POW` is written `**k`. */
export const OP_NAMES: readonly string[] = [
  "",
  "+",
  "-",
  "*",
  "/",
  "neg",
  "**",
  "**",
  "exp",
  "log",
  "tanh",
  "ReLU",
  "sigmoid",
  "custom",
];

let visitEpoch = 0;

/** A scalar in a computation graph: its value (`data`), d root / d this (`grad`), and how it was made. */
export class Value {
  /** The forward value. */
  data: number;
  /** d(root)/d(this) after `root.backward()`. */
  grad = 0;
  /** A name shown in graphs and error messages. */
  label: string;
  /** @internal op code (see `OP_NAMES`); `LEAF` for inputs and parameters. */
  _code: number;
  /** @internal first and second parent (null when absent). */
  _a: Value | null;
  _b: Value | null;
  /** @internal the exponent of `pow(number)`. */
  _k: number;
  /** @internal the op and parents of a custom op (null otherwise). */
  _custom: CustomOpImpl | null = null;
  _args: Value[] | null = null;
  /** @internal traversal mark for `topoOrder`. */
  _mark = 0;

  /**
   * Creates a leaf value (an input or a parameter).
   * @param data the number it holds
   * @param label an optional name, shown in graphs
   */
  constructor(data: number, label = "") {
    if (typeof data !== "number") {
      throw new TypeError(`new Value(data): data must be a number, got ${describeArg(data)}`);
    }
    if (typeof label !== "string") {
      throw new TypeError(`new Value(data, label): label must be a string, got ${describeArg(label)}`);
    }
    this.data = data;
    this.label = label;
    this._code = LEAF;
    this._a = null;
    this._b = null;
    this._k = 0;
  }

  /** The op that made this value: "" for a leaf, else "+", "-", "*", "/", "neg", "**2", "exp", … */
  get op(): string {
    if (this._code === POW) return `**${this._k}`;
    if (this._code === CUSTOM) return (this._custom as CustomOpImpl).name;
    return OP_NAMES[this._code] as string;
  }

  /** The parents (inputs of the op that made this value), in argument order. Empty for a leaf. */
  get prev(): Value[] {
    if (this._args) return this._args.slice();
    if (this._b) return [this._a as Value, this._b];
    return this._a ? [this._a] : [];
  }

  /** micrograd's name for `prev`. */
  get _prev(): Value[] {
    return this.prev;
  }

  // ---- ops: forward value here, local derivative in _backward() ----

  /** this + other */
  add(other: Value | number): Value {
    const o = asValue(other, "add");
    return node(this.data + o.data, ADD, this, o);
  }

  /** this - other */
  sub(other: Value | number): Value {
    const o = asValue(other, "sub");
    return node(this.data - o.data, SUB, this, o);
  }

  /** this * other */
  mul(other: Value | number): Value {
    const o = asValue(other, "mul");
    return node(this.data * o.data, MUL, this, o);
  }

  /** this / other */
  div(other: Value | number): Value {
    const o = asValue(other, "div");
    return node(this.data / o.data, DIV, this, o);
  }

  /** -this */
  neg(): Value {
    return node(-this.data, NEG, this, null);
  }

  /** this ** exponent: a plain number (micrograd) or a Value (gradient flows to both). */
  pow(exponent: number | Value): Value {
    if (typeof exponent === "number") {
      const out = node(this.data ** exponent, POW, this, null, exponent);
      return out;
    }
    if (exponent instanceof Value) return node(this.data ** exponent.data, POWV, this, exponent);
    throw new TypeError(
      `Value.pow(exponent): exponent must be a number or a Value, got ${describeArg(exponent)}`,
    );
  }

  /** e ** this */
  exp(): Value {
    return node(Math.exp(this.data), EXP, this, null);
  }

  /** natural log of this (log(0) = -Infinity, log(-1) = NaN, as in IEEE and PyTorch) */
  log(): Value {
    return node(Math.log(this.data), LOG, this, null);
  }

  /** tanh(this) */
  tanh(): Value {
    return node(Math.tanh(this.data), TANH, this, null);
  }

  /** max(0, this) */
  relu(): Value {
    return node(Math.max(0, this.data), RELU, this, null);
  }

  /** 1 / (1 + e ** -this) */
  sigmoid(): Value {
    return node(1 / (1 + Math.exp(-this.data)), SIGMOID, this, null);
  }

  /**
   * The chain rule for this node: adds (d this / d parent) * this.grad into each parent's grad.
   * @internal
   */
  _backward(): void {
    const a = this._a as Value;
    const b = this._b as Value;
    const g = this.grad;
    switch (this._code) {
      case ADD: // d(a+b)/da = 1, d(a+b)/db = 1
        a.grad += g;
        b.grad += g;
        break;
      case SUB: // d(a-b)/da = 1, d(a-b)/db = -1
        a.grad += g;
        b.grad -= g;
        break;
      case MUL: // d(ab)/da = b, d(ab)/db = a
        a.grad += b.data * g;
        b.grad += a.data * g;
        break;
      case DIV: // d(a/b)/da = 1/b, d(a/b)/db = -a/b^2
        a.grad += g / b.data;
        b.grad -= ((a.data / b.data) * g) / b.data;
        break;
      case NEG: // d(-a)/da = -1
        a.grad -= g;
        break;
      case POW: // d(a^k)/da = k a^(k-1)
        a.grad += this._k * a.data ** (this._k - 1) * g;
        break;
      case POWV: // d(a^b)/da = b a^(b-1), d(a^b)/db = a^b ln a
        a.grad += b.data * a.data ** (b.data - 1) * g;
        b.grad += this.data * Math.log(a.data) * g;
        break;
      case EXP: // d(e^a)/da = e^a
        a.grad += this.data * g;
        break;
      case LOG: // d(ln a)/da = 1/a
        a.grad += g / a.data;
        break;
      case TANH: // d tanh(a)/da = 1 - tanh(a)^2
        a.grad += (1 - this.data * this.data) * g;
        break;
      case RELU: // 1 where a > 0, else 0 (relu'(0) = 0, as in PyTorch)
        if (this.data > 0) a.grad += g;
        break;
      case SIGMOID: // d s(a)/da = s(a) (1 - s(a))
        a.grad += this.data * (1 - this.data) * g;
        break;
      case CUSTOM:
        backwardCustom(this);
        break;
    }
  }

  /**
   * Backpropagation from this value: sets this.grad to 1 and applies the chain rule to every node below
   * it in reverse topological order. Like PyTorch, gradients *accumulate* into leaves (calling backward
   * twice doubles them; zero them first with `zeroGrad`), while computed nodes get this pass's gradient.
   * Iterative, so a graph of millions of nodes does not overflow the stack.
   */
  backward(): void {
    const topo = topoOrder(this);
    for (const v of topo) if (v._code !== LEAF) v.grad = 0;
    this.grad += 1;
    const check = anomaly.enabled;
    for (let i = topo.length - 1; i >= 0; i--) {
      const v = topo[i] as Value;
      if (v._code === LEAF) continue;
      v._backward();
      if (check) checkBackward(v);
    }
  }

  /** Sets grad to 0 on this value and every value below it (leaves and computed nodes). */
  zeroGrad(): void {
    for (const v of topoOrder(this)) v.grad = 0;
  }

  /** micrograd's repr: `Value(data=2, grad=0)`. */
  toString(): string {
    return `Value(data=${this.data}, grad=${this.grad}${this.label ? `, label=${this.label}` : ""})`;
  }
}

/** Makes a computed node. @internal */
function node(data: number, code: number, a: Value, b: Value | null, k = 0): Value {
  const out = new Value(data);
  out._code = code;
  out._a = a;
  out._b = b;
  out._k = k;
  if (anomaly.enabled) checkForward(out);
  return out;
}

/** Makes a custom-op node (see `defineOp`). @internal */
export function customNode(op: CustomOpImpl, data: number, args: Value[]): Value {
  const out = new Value(data);
  out._code = CUSTOM;
  out._custom = op;
  out._args = args;
  if (anomaly.enabled) checkForward(out);
  return out;
}

function backwardCustom(v: Value): void {
  const op = v._custom as CustomOpImpl;
  const args = v._args as Value[];
  const inputs = args.map((p) => p.data);
  const d = op.derivatives(inputs, v.data);
  validateDerivatives(op, d);
  for (let i = 0; i < args.length; i++) (args[i] as Value).grad += (d[i] as number) * v.grad;
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

/**
 * Every value `root` depends on (itself included), parents before children: a topological order.
 * Iterative depth-first search with the same visiting order as micrograd's recursive `build_topo`:
 * a node is "entered" when first on top of the stack (its unvisited parents go on top of it) and
 * "finished" (appended) when it is on top again, after all its parents.
 */
export function topoOrder(root: Value): Value[] {
  visitEpoch += 2;
  const entered = visitEpoch;
  const finished = visitEpoch + 1;
  const order: Value[] = [];
  const stack: Value[] = [root];
  while (stack.length > 0) {
    const v = stack[stack.length - 1] as Value;
    if (v._mark === finished) {
      stack.pop();
    } else if (v._mark === entered) {
      stack.pop();
      v._mark = finished;
      order.push(v);
    } else {
      v._mark = entered;
      pushParents(stack, v, entered);
    }
  }
  return order;
}

/**
 * Pushes the parents of `v` not yet visited in the traversal whose marks start at `entered`, last parent
 * first, so that the first parent is visited first (micrograd's order). @internal
 */
export function pushParents(stack: Value[], v: Value, entered: number): void {
  const args = v._args;
  if (args) {
    for (let i = args.length - 1; i >= 0; i--) pushUnvisited(stack, args[i] as Value, entered);
  } else {
    if (v._b) pushUnvisited(stack, v._b, entered);
    if (v._a) pushUnvisited(stack, v._a, entered);
  }
}

/**
 * For traversals outside this file that number nodes through their marks (the compiled path's trace):
 * returns a mark above every mark in use. The traversal may use this mark and any above it; it must then
 * call `reserveMarks` with the highest mark it wrote, so later traversals start above them. (Marks keep
 * growing; past 2^30 or so V8 stores them as doubles instead of small integers: a little slower, still
 * right.)
 * @internal
 */
export function freshMark(): number {
  visitEpoch += 2;
  return visitEpoch;
}

/** Marks up to `highest` are in use (see `freshMark`). @internal */
export function reserveMarks(highest: number): void {
  if (highest > visitEpoch) visitEpoch = highest;
}

function pushUnvisited(stack: Value[], v: Value, entered: number): void {
  if (v._mark < entered) stack.push(v);
}

function asValue(x: Value | number, method: string): Value {
  if (x instanceof Value) return x;
  if (typeof x === "number") return new Value(x);
  throw new TypeError(`Value.${method}(other): other must be a Value or a number, got ${describeArg(x)}`);
}

/** A short description of a bad argument for error messages: its type and, if short, its value. @internal */
export function describeArg(x: unknown): string {
  if (x === null) return "null";
  if (x === undefined) return "undefined";
  if (typeof x === "string") return `string ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}`;
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (typeof x === "object") return `an object (${(x as object).constructor?.name ?? "Object"})`;
  return `${typeof x} ${String(x)}`;
}
