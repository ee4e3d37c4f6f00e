/**
 * The engine: a scalar `Value` that remembers how it was made, and `backward()`, which applies the chain
 * rule through everything that made it. This is micrograd, op for op, with each op's forward value and
 * local derivatives read from the one table in ops.ts:
 *
 *   - an op method makes a node: the table's `forward` of its inputs' values, its inputs and its op code;
 *   - `_backward()` only multiplies and accumulates: parent.grad += local(parent) * out.grad (chain.ts).
 *
 * A node is one object: unary and binary ops keep their parents in `_a`/`_b` (no array per node), n-ary
 * ops in one `_args` array. Argument checks are in value-args.ts; the compiled path (`compile/`) is where
 * speed tricks go.
 */
import { anomaly, checkBackward, checkForward } from "./anomaly.js";
import { chainRule } from "./chain.js";
import type { CustomOpImpl } from "./custom.js";
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
import { asValue, badExponent, checkLeaf, dotArgs, valueList } from "./value-args.js";

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
  /** @internal */
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
    checkLeaf(data, label);
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
    return binary(ADD, this, other);
  }

  /** this - other */
  sub(other: Value | number): Value {
    return binary(SUB, this, other);
  }

  /** this * other */
  mul(other: Value | number): Value {
    return binary(MUL, this, other);
  }

  /** this / other */
  div(other: Value | number): Value {
    return binary(DIV, this, other);
  }

  /** -this */
  neg(): Value {
    return unary(NEG, this);
  }

  /**
   * this ** exponent: a plain number (micrograd) or a Value (gradient flows to both). At zero it follows
   * PyTorch: d/dbase is 0 where the exponent is 0; d/dexponent is 0 where the base is 0 and exponent >= 0.
   */
  pow(exponent: number | Value): Value {
    if (typeof exponent === "number") return unary(POW, this, exponent);
    if (exponent instanceof Value) return binary(POWV, this, exponent);
    throw badExponent(exponent);
  }

  /** e ** this */
  exp(): Value {
    return unary(EXP, this);
  }

  /** natural log of this (log(0) = -Infinity, log(-1) = NaN, as in IEEE and PyTorch) */
  log(): Value {
    return unary(LOG, this);
  }

  /** tanh(this) */
  tanh(): Value {
    return unary(TANH, this);
  }

  /** max(0, this); relu'(0) = 0, as in PyTorch */
  relu(): Value {
    return unary(RELU, this);
  }

  /** 1 / (1 + e ** -this) */
  sigmoid(): Value {
    return unary(SIGMOID, this);
  }

  /** |this|; abs'(0) = 0, as in PyTorch */
  abs(): Value {
    return unary(ABS, this);
  }

  /** √this; its derivative at 0 is +Infinity, as in PyTorch */
  sqrt(): Value {
    return unary(SQRT, this);
  }

  /** sin(this), in radians */
  sin(): Value {
    return unary(SIN, this);
  }

  /** cos(this), in radians */
  cos(): Value {
    return unary(COS, this);
  }

  /** The same data, but no gradient flows back through it (torch's `.detach()`). */
  detach(): Value {
    return unary(DETACH, this);
  }

  /** x0 + x1 + … as ONE node with n parents, added left to right from 0 (Python's `sum`). */
  static sum(xs: readonly (Value | number)[]): Value {
    return nary(SUM, valueList("Value.sum(xs)", "xs", xs, 0));
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
    return nary(DOT, dotArgs(ws, xs, start), start === undefined ? 0 : 1);
  }

  /** The largest of xs as ONE node; the gradient goes to the first largest input (as `torch.max(x, 0)`). */
  static max(xs: readonly (Value | number)[]): Value {
    return nary(MAX, valueList("Value.max(xs)", "xs", xs, 1));
  }

  /** The smallest of xs as ONE node; the gradient goes to the first smallest input. */
  static min(xs: readonly (Value | number)[]): Value {
    return nary(MIN, valueList("Value.min(xs)", "xs", xs, 1));
  }

  /**
   * `xs[index.data]` as ONE node; the gradient goes to that element only (none to the index). A compiled
   * graph re-reads `index.data` on every `forward()`, so one graph serves any token ids (embeddings,
   * target picks). `index` is usually a leaf you refill.
   * @throws RangeError if the index is not an integer in [0, xs.length)
   */
  static select(xs: readonly (Value | number)[], index: Value | number): Value {
    const list = valueList("Value.select(xs, index)", "xs", xs, 1);
    return nary(SELECT, [asValue(index, "select", "index"), ...list]);
  }

  /**
   * The chain rule for this node: adds (d this / d parent) * this.grad into each parent's grad, with the
   * local derivatives from the ops table (or the custom op's); nothing for a leaf (as the lecture's no-op
   * `_backward`). Public, as in the lecture, which calls `o._backward()` node by node before it writes
   * `backward()`; `backward()` calls it for every node in reverse topological order.
   */
  _backward(): void {
    if (this._code === LEAF) return;
    const args = this._args;
    const n = args ? args.length : this._b ? 2 : 1;
    const routes = localsOf(this, n);
    const g = this.grad;
    if (args) {
      for (let i = 0; i < n; i++) args[i].grad += chainRule(local[i], g, routes);
      return;
    }
    (this._a as Value).grad += chainRule(local[0], g, routes);
    if (n === 2) (this._b as Value).grad += chainRule(local[1], g, routes);
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

// ---- making nodes and reading their local derivatives ----

/** The table by op code (every code a Value method uses has an entry). */
const OP = OPS as readonly OpDef[];

/** The inputs of a unary or binary node, handed to the table's functions (no array per node). */
const pair = new Float64Array(2);
/** The inputs' values of an n-ary node: a view of one reused buffer (no array of n per node). */
let inputs = new Float64Array(64);
/** The local derivatives the table writes for one node (grown with `inputs`). */
let local = new Float64Array(64);

function valuesOf(args: readonly Value[]): Float64Array {
  const n = args.length;
  if (inputs.length < n) {
    inputs = new Float64Array(2 * n);
    local = new Float64Array(2 * n);
  }
  for (let i = 0; i < n; i++) inputs[i] = args[i].data;
  return inputs.subarray(0, n);
}

/** A unary op's node (`k`: pow's exponent). */
function unary(code: number, a: Value, k = 0): Value {
  pair[0] = a.data;
  return node(OP[code].forward(pair, k), code, a, null, k, null);
}

/** A binary op's node; a number `other` becomes a leaf. */
function binary(code: number, a: Value, other: Value | number): Value {
  const b = other instanceof Value ? other : asValue(other, OP[code].key);
  pair[0] = a.data;
  pair[1] = b.data;
  return node(OP[code].forward(pair, 0), code, a, b, 0, null);
}

/** An n-ary op's node; max/min `choose` their winner as `k`, dot's `k` says whether it has a start. */
function nary(code: number, args: Value[], k = 0): Value {
  const def = OP[code];
  const x = valuesOf(args);
  const kk = def.choose ? def.choose(x) : k;
  return node(def.forward(x, kk), code, null, null, kk, args);
}

/** Makes a computed node (checked at once in anomaly mode). */
function node(
  data: number,
  code: number,
  a: Value | null,
  b: Value | null,
  k: number,
  args: Value[] | null,
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

/**
 * Writes `v`'s `n` local derivatives into `local`, from the table or its custom op, and returns whether
 * its op routes the gradient (chain.ts). The table's `grads` is called from a call site of its own for
 * MUL and ADD, the ops of an MLP: a call site that sees one function, V8 inlines; the shared one sees
 * every op's and does not.
 */
function localsOf(v: Value, n: number): boolean {
  const code = v._code;
  let x: Float64Array;
  if (v._args) x = valuesOf(v._args);
  else {
    x = pair;
    pair[0] = (v._a as Value).data;
    if (n === 2) pair[1] = (v._b as Value).data;
  }
  if (code === MUL) OP[MUL].grads(x, v.data, 0, local);
  else if (code === ADD) OP[ADD].grads(x, v.data, 0, local);
  else if (code === CUSTOM) {
    const d = (v._custom as CustomOpImpl).derivatives(Array.from(x), v.data);
    for (let i = 0; i < n; i++) local[i] = d[i];
  } else {
    const def = OP[code];
    def.grads(x, v.data, v._k, local);
    return def.routes;
  }
  return false;
}
