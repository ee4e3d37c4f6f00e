/**
 * The engine: a scalar `Value` that remembers how it was made, and `backward()`, which applies the chain
 * rule through everything that made it. This is micrograd, op for op, with each op's forward value and
 * local derivatives read from the one table in ops.ts:
 *
 *   - an op method computes `forward` of its inputs' values and records its inputs and op code;
 *   - `_backward()` only multiplies and accumulates: parent.grad += local(parent) * out.grad.
 *
 * A node is one object: unary and binary ops keep their parents in `_a`/`_b` (no array per node), n-ary
 * ops in one `_args` array. The compiled path (`compile/`) is where speed tricks go.
 */
import { describeArg } from "../util/describe-arg.js";
import { anomaly, checkBackward, checkForward } from "./anomaly.js";
import { backwardCustom, type CustomOpImpl } from "./custom.js";
import {
  ABS,
  ADD,
  COS,
  CUSTOM,
  DETACH,
  DIV,
  DOT,
  EXP,
  LEAF,
  LOG,
  MAX,
  MIN,
  MUL,
  NEG,
  OPS,
  type OpDef,
  opName,
  POW,
  POWV,
  RELU,
  SELECT,
  SIGMOID,
  SIN,
  SQRT,
  SUB,
  SUM,
  TANH,
} from "./ops.js";
import { topoOrder } from "./topo.js";

/** The table by op code (every code a Value method uses has an entry). */
const OP = OPS as readonly OpDef[];

/** The inputs of a unary or binary node, handed to the table's functions (no array per call). */
const pair = new Float64Array(2);
/** The local derivatives the table writes for one node (grown for wide n-ary nodes). */
let local = new Float64Array(64);

/** The inputs' values of an n-ary node, in a view of one reused buffer (no array of n per node). */
let inputs = new Float64Array(64);
function inputsOf(args: readonly Value[]): Float64Array {
  const n = args.length;
  if (inputs.length < n) inputs = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) inputs[i] = args[i].data;
  return inputs.subarray(0, n);
}

/** The scratch inputs [a] or [a, b]. */
function one(a: number): Float64Array {
  pair[0] = a;
  return pair;
}
function two(a: number, b: number): Float64Array {
  pair[0] = a;
  pair[1] = b;
  return pair;
}

/** A scalar in a computation graph: its value (`data`), d root / d this (`grad`), and how it was made. */
export class Value {
  /** The forward value. */
  data: number;
  /** d(root)/d(this) after `root.backward()`. */
  grad = 0;
  /** A name shown in graphs and error messages. */
  label: string;
  /** @internal op code (see ops.ts); `LEAF` for inputs and parameters. */
  _code: number;
  /** @internal first and second parent of a unary or binary op (null when absent). */
  _a: Value | null;
  _b: Value | null;
  /** @internal the number the op keeps beside its inputs (pow's exponent, max's winner; see ops.ts). */
  _k: number;
  /** @internal the parents of an n-ary or custom op (null otherwise). */
  _args: Value[] | null = null;
  /** @internal the op of a custom node (null otherwise). */
  _custom: CustomOpImpl | null = null;
  /** @internal traversal mark (topo.ts). */
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

  /** The op that made this value: "" for a leaf, else "+", "-", "*", "/", "neg", "**2", "exp", "dot", … */
  get op(): string {
    if (this._code === LEAF) return "";
    if (this._code === CUSTOM) return (this._custom as CustomOpImpl).name;
    return opName(OPS[this._code] as OpDef, this._k);
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

  // ---- ops: forward values and local derivatives are in ops.ts ----

  /** this + other */
  add(other: Value | number): Value {
    const o = asValue(other, "add");
    return node(OP[ADD].forward(two(this.data, o.data), 0), ADD, this, o, 0);
  }

  /** this - other */
  sub(other: Value | number): Value {
    const o = asValue(other, "sub");
    return node(OP[SUB].forward(two(this.data, o.data), 0), SUB, this, o, 0);
  }

  /** this * other */
  mul(other: Value | number): Value {
    const o = asValue(other, "mul");
    return node(OP[MUL].forward(two(this.data, o.data), 0), MUL, this, o, 0);
  }

  /** this / other */
  div(other: Value | number): Value {
    const o = asValue(other, "div");
    return node(OP[DIV].forward(two(this.data, o.data), 0), DIV, this, o, 0);
  }

  /** -this */
  neg(): Value {
    return node(OP[NEG].forward(one(this.data), 0), NEG, this, null, 0);
  }

  /**
   * this ** exponent: a plain number (micrograd) or a Value (gradient flows to both). At zero it follows
   * PyTorch: d/dbase is 0 where the exponent is 0; d/dexponent is 0 where the base is 0 and exponent >= 0.
   */
  pow(exponent: number | Value): Value {
    if (typeof exponent === "number") {
      return node(OP[POW].forward(one(this.data), exponent), POW, this, null, exponent);
    }
    if (exponent instanceof Value) {
      return node(OP[POWV].forward(two(this.data, exponent.data), 0), POWV, this, exponent, 0);
    }
    throw new TypeError(
      `Value.pow(exponent): exponent must be a number or a Value, got ${describeArg(exponent)}`,
    );
  }

  /** e ** this */
  exp(): Value {
    return node(OP[EXP].forward(one(this.data), 0), EXP, this, null, 0);
  }

  /** natural log of this (log(0) = -Infinity, log(-1) = NaN, as in IEEE and PyTorch) */
  log(): Value {
    return node(OP[LOG].forward(one(this.data), 0), LOG, this, null, 0);
  }

  /** tanh(this) */
  tanh(): Value {
    return node(OP[TANH].forward(one(this.data), 0), TANH, this, null, 0);
  }

  /** max(0, this); relu'(0) = 0, as in PyTorch */
  relu(): Value {
    return node(OP[RELU].forward(one(this.data), 0), RELU, this, null, 0);
  }

  /** 1 / (1 + e ** -this) */
  sigmoid(): Value {
    return node(OP[SIGMOID].forward(one(this.data), 0), SIGMOID, this, null, 0);
  }

  /** |this|; abs'(0) = 0, as in PyTorch */
  abs(): Value {
    return node(OP[ABS].forward(one(this.data), 0), ABS, this, null, 0);
  }

  /** √this; its derivative at 0 is +Infinity, as in PyTorch */
  sqrt(): Value {
    return node(OP[SQRT].forward(one(this.data), 0), SQRT, this, null, 0);
  }

  /** sin(this), in radians */
  sin(): Value {
    return node(OP[SIN].forward(one(this.data), 0), SIN, this, null, 0);
  }

  /** cos(this), in radians */
  cos(): Value {
    return node(OP[COS].forward(one(this.data), 0), COS, this, null, 0);
  }

  /** The same data, but no gradient flows back through it (torch's `.detach()`). */
  detach(): Value {
    return node(OP[DETACH].forward(one(this.data), 0), DETACH, this, null, 0);
  }

  /** x0 + x1 + … as ONE node with n parents, added left to right from 0 (Python's `sum`). */
  static sum(xs: readonly (Value | number)[]): Value {
    return nary(SUM, valueList("Value.sum(xs)", "xs", xs, 0), 0);
  }

  /**
   * start + w0*x0 + w1*x1 + … as ONE node, added left to right: bit for bit the chain of `add`/`mul` it
   * replaces (micrograd's neuron is `Value.dot(w, x, b)`). Without `start`, it starts from 0 (Python's
   * `sum(wi * xi for …)`).
   */
  static dot(
    ws: readonly (Value | number)[],
    xs: readonly (Value | number)[],
    start?: Value | number,
  ): Value {
    const where = "Value.dot(ws, xs, start)";
    const k = start === undefined ? 0 : 1;
    // one array of parents, [start?, w0, x0, w1, x1, …], filled as the lists are checked
    const args = new Array<Value>(k + 2 * (Array.isArray(ws) ? ws.length : 0));
    valueList(where, "ws", ws, 0, args, k, 2);
    valueList(where, "xs", xs, 0, args, k + 1, 2);
    if (ws.length !== xs.length) {
      throw new RangeError(
        `${where}: ws and xs must have the same length, got ${ws.length} and ${xs.length}`,
      );
    }
    if (start !== undefined) args[0] = asValue(start, "dot", "start");
    return nary(DOT, args, k);
  }

  /** The largest of xs as ONE node; the gradient goes to the first largest input (as `torch.max(x, 0)`). */
  static max(xs: readonly (Value | number)[]): Value {
    return nary(MAX, valueList("Value.max(xs)", "xs", xs, 1), 0);
  }

  /** The smallest of xs as ONE node; the gradient goes to the first smallest input. */
  static min(xs: readonly (Value | number)[]): Value {
    return nary(MIN, valueList("Value.min(xs)", "xs", xs, 1), 0);
  }

  /**
   * `xs[index.data]` as ONE node; the gradient goes to that element only (none to the index). A compiled
   * graph re-reads `index.data` on every `forward()`, so one graph serves any token ids (embeddings,
   * target picks). `index` is usually a leaf you refill.
   * @throws RangeError if the index is not an integer in [0, xs.length)
   */
  static select(xs: readonly (Value | number)[], index: Value | number): Value {
    const where = "Value.select(xs, index)";
    const list = valueList(where, "xs", xs, 1);
    return nary(SELECT, [asValue(index, "select", "index"), ...list], 0);
  }

  /**
   * The chain rule for this node: adds (d this / d parent) * this.grad into each parent's grad, with the
   * local derivatives from the ops table; nothing for a leaf (as the lecture's no-op `_backward`). @internal
   */
  _backward(): void {
    const code = this._code;
    if (code === LEAF) return;
    if (code === CUSTOM) {
      backwardCustom(this);
      return;
    }
    const def = OP[code];
    const args = this._args;
    if (args) {
      backwardNary(def, this, args);
      return;
    }
    const a = this._a as Value;
    const b = this._b;
    const x = b ? two(a.data, b.data) : one(a.data);
    // the same table call, from a call site of its own for the ops of an MLP (V8 then inlines it)
    if (code === MUL) OP[MUL].grads(x, this.data, this._k, local);
    else if (code === ADD) OP[ADD].grads(x, this.data, this._k, local);
    else def.grads(x, this.data, this._k, local);
    const g = this.grad;
    const da = local[0];
    if (da !== 0 || !def.routes) a.grad += da * g;
    if (b) {
      const db = local[1];
      if (db !== 0 || !def.routes) b.grad += db * g;
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
      const v = topo[i];
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

  /** `console.log(value)` in Node prints micrograd's repr, not every field of the graph behind it. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** The chain rule for an n-ary node: parent_i.grad += local_i * grad (routed ops skip zero locals). */
function backwardNary(def: OpDef, v: Value, args: Value[]): void {
  const n = args.length;
  if (local.length < n) local = new Float64Array(2 * n);
  def.grads(inputsOf(args), v.data, v._k, local);
  const g = v.grad;
  for (let i = 0; i < n; i++) {
    const d = local[i];
    if (d !== 0 || !def.routes) args[i].grad += d * g;
  }
}

/** Makes a computed node. @internal */
function node(
  data: number,
  code: number,
  a: Value | null,
  b: Value | null,
  k: number,
  args: Value[] | null = null,
): Value {
  const out = new Value(data);
  out._code = code;
  out._a = a;
  out._b = b;
  out._k = k;
  out._args = args;
  if (anomaly.enabled) checkForward(out);
  return out;
}

function nary(code: number, args: Value[], k: number): Value {
  const def = OP[code];
  const x = inputsOf(args);
  const kk = def.choose ? def.choose(x) : k;
  return node(def.forward(x, kk), code, null, null, kk, args);
}

function asValue(x: Value | number, method: string, name = "other"): Value {
  if (x instanceof Value) return x;
  if (typeof x === "number") return new Value(x);
  throw new TypeError(`Value.${method}(${name}): ${name} must be a Value or a number, got ${describeArg(x)}`);
}

/**
 * The list as Values (numbers become leaves), checked: an array of at least `min` Values or numbers.
 * Written into `out` at `at`, `at + step`, … (a dot product interleaves two lists in one array).
 */
function valueList(
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
