/**
 * The one table of ops. Each built-in op is written here once: its name (micrograd's, shown as `value.op`
 * and in graphs), its arity, its forward value on plain numbers, the local derivative of each input given
 * the inputs and the output, and the rule a learner reads in the step-through ("d(a*b)/da = b").
 *
 * Everything else reads this table: `Value`'s methods and `backward()` (parent.grad += local * grad),
 * anomaly mode, `toDot`, the expression language's functions, the activation lists and the playground's
 * stepper. The compiled interpreter inlines the same expressions for speed; bit-for-bit tests guard it.
 *
 * `x` holds the inputs' values in argument order; `k` is a number the node keeps beside its inputs:
 * pow's exponent, 1 when a dot product has a start term, max/min's winning input. Pure functions, no
 * allocation: the engine calls them once per node.
 */

/** The inputs' values of one node, in argument order. */
export type Inputs = ArrayLike<number>;

/** One op of the table. */
export interface OpDef {
  /** The op code a `Value` stores (`LEAF` = 0 is not an op). */
  readonly code: number;
  /** micrograd's name, shown as `value.op` and on graphs ("+", "*", "tanh", "ReLU"); pow shows "**k". */
  readonly name: string;
  /** The method and expression-language name ("add", "mul", "tanh", "relu", "dot"). */
  readonly key: string;
  /** Number of inputs; "n" for any number (one node with n parents). */
  readonly arity: 1 | 2 | "n";
  /** The forward value from the inputs' values. */
  forward(x: Inputs, k: number): number;
  /** For ops whose `k` depends on the inputs (max, min: the winning input): computes it before `forward`. */
  readonly choose?: (x: Inputs) => number;
  /**
   * The local derivatives: writes d out / d x[i] into d[i] for every input, given the inputs, the output
   * and `k`. (Written into `d`, not returned: a number returned from a call V8 does not inline is
   * allocated on the heap, one more object per node.)
   */
  grads(x: Inputs, out: number, k: number, d: Float64Array | number[]): void;
  /** The rule for input `i`, for the step-through, in terms of a, b (or x0, x1, …), e.g. "d(a*b)/da = b". */
  rule(i: number, k: number): string;
  /**
   * True when the gradient is routed rather than multiplied (relu, max, min, select, detach): an input
   * whose local derivative is 0 receives nothing, so an infinite gradient never becomes 0·∞ = NaN there
   * (PyTorch selects these gradients; it multiplies the others).
   */
  readonly routes: boolean;
  /** True for the nonlinearities a neuron can apply (nn's activations, besides "linear"). */
  readonly activation: boolean;
}

// Op codes: what made a Value. The compiled interpreter uses them as literal case labels.
export const LEAF = 0;
export const ADD = 1;
export const SUB = 2;
export const MUL = 3;
export const DIV = 4;
export const NEG = 5;
export const POW = 6; // a ** k, k a plain number kept in the node
export const POWV = 7; // a ** b, both Values
export const EXP = 8;
export const LOG = 9;
export const TANH = 10;
export const RELU = 11;
export const SIGMOID = 12;
export const CUSTOM = 13; // defined with defineOp (custom.ts): not in this table
// 14 is the compiled interpreter's fused multiply-add run
export const ABS = 15;
export const SQRT = 16;
export const SIN = 17;
export const COS = 18;
export const DETACH = 19;
export const SUM = 20; // x0 + x1 + …, left to right from 0 (Python's sum)
export const DOT = 21; // [start +] w0*x0 + w1*x1 + …, inputs [start?, w0, x0, w1, x1, …], k = 1 with a start
export const MAX = 22; // k = index of the first largest input
export const MIN = 23; // k = index of the first smallest input
export const SELECT = 24; // inputs [index, x0, x1, …]: x[index]

type Fields = Omit<OpDef, "code" | "routes" | "activation"> & { routes?: boolean; activation?: boolean };

const rules =
  (...texts: string[]) =>
  (i: number): string =>
    texts[i] ?? "";

const table: OpDef[] = [];
function op(code: number, f: Fields): void {
  // every entry with the same fields in the same order: one object shape, so reading them stays fast
  table[code] = {
    code,
    name: f.name,
    key: f.key,
    arity: f.arity,
    forward: f.forward,
    choose: f.choose,
    grads: f.grads,
    rule: f.rule,
    routes: f.routes ?? false,
    activation: f.activation ?? false,
  };
}

op(ADD, {
  name: "+",
  key: "add",
  arity: 2,
  forward: (x) => x[0] + x[1],
  grads: (_x, _out, _k, d) => {
    d[0] = 1;
    d[1] = 1;
  },
  rule: rules("d(a+b)/da = 1", "d(a+b)/db = 1"),
});
op(SUB, {
  name: "-",
  key: "sub",
  arity: 2,
  forward: (x) => x[0] - x[1],
  grads: (_x, _out, _k, d) => {
    d[0] = 1;
    d[1] = -1;
  },
  rule: rules("d(a-b)/da = 1", "d(a-b)/db = -1"),
});
op(MUL, {
  name: "*",
  key: "mul",
  arity: 2,
  forward: (x) => x[0] * x[1],
  grads: (x, _out, _k, d) => {
    d[0] = x[1];
    d[1] = x[0];
  },
  rule: rules("d(a*b)/da = b", "d(a*b)/db = a"),
});
op(DIV, {
  name: "/",
  key: "div",
  arity: 2,
  forward: (x) => x[0] / x[1],
  grads: (x, out, _k, d) => {
    d[0] = 1 / x[1];
    d[1] = -out / x[1];
  },
  rule: rules("d(a/b)/da = 1/b", "d(a/b)/db = -(a/b)/b"),
});
op(NEG, {
  name: "neg",
  key: "neg",
  arity: 1,
  forward: (x) => -x[0],
  grads: (_x, _out, _k, d) => {
    d[0] = -1;
  },
  rule: rules("d(-a)/da = -1"),
});
op(POW, {
  name: "**",
  key: "pow",
  arity: 1,
  forward: (x, k) => x[0] ** k,
  // PyTorch: 0 where the exponent is 0 (no 0 * a^-1 = NaN at a = 0)
  grads: (x, _out, k, d) => {
    d[0] = k === 0 ? 0 : k * x[0] ** (k - 1);
  },
  rule: (_i, k) => `d(a**${k})/da = ${k}·a**${k - 1}`,
});
op(POWV, {
  name: "**",
  key: "pow",
  arity: 2,
  forward: (x) => x[0] ** x[1],
  // PyTorch: d/da = 0 where b = 0; d/db = 0 where a = 0 and b >= 0 (no 0 * log 0 = NaN)
  grads: (x, out, _k, d) => {
    const a = x[0];
    const b = x[1];
    d[0] = b === 0 ? 0 : b * a ** (b - 1);
    d[1] = a === 0 && b >= 0 ? 0 : out * Math.log(a);
  },
  rule: rules("d(a**b)/da = b·a**(b-1)", "d(a**b)/db = a**b·ln a"),
});
op(EXP, {
  name: "exp",
  key: "exp",
  arity: 1,
  forward: (x) => Math.exp(x[0]),
  grads: (_x, out, _k, d) => {
    d[0] = out;
  },
  rule: rules("d(exp a)/da = exp a"),
});
op(LOG, {
  name: "log",
  key: "log",
  arity: 1,
  forward: (x) => Math.log(x[0]),
  grads: (x, _out, _k, d) => {
    d[0] = 1 / x[0];
  },
  rule: rules("d(ln a)/da = 1/a"),
});
op(TANH, {
  name: "tanh",
  key: "tanh",
  arity: 1,
  forward: (x) => Math.tanh(x[0]),
  grads: (_x, out, _k, d) => {
    d[0] = 1 - out * out;
  },
  rule: rules("d(tanh a)/da = 1 - tanh(a)²"),
  activation: true,
});
op(RELU, {
  name: "ReLU",
  key: "relu",
  arity: 1,
  forward: (x) => Math.max(0, x[0]),
  grads: (_x, out, _k, d) => {
    d[0] = out > 0 ? 1 : 0; // relu'(0) = 0, as in PyTorch
  },
  rule: rules("d(relu a)/da = 1 if a > 0 else 0"),
  routes: true,
  activation: true,
});
op(SIGMOID, {
  name: "sigmoid",
  key: "sigmoid",
  arity: 1,
  forward: (x) => 1 / (1 + Math.exp(-x[0])),
  grads: (_x, out, _k, d) => {
    d[0] = out * (1 - out);
  },
  rule: rules("d(σ(a))/da = σ(a)·(1 - σ(a))"),
  activation: true,
});
op(ABS, {
  name: "abs",
  key: "abs",
  arity: 1,
  forward: (x) => Math.abs(x[0]),
  grads: (x, _out, _k, d) => {
    d[0] = x[0] > 0 ? 1 : x[0] < 0 ? -1 : 0; // abs'(0) = 0, as in PyTorch
  },
  rule: rules("d|a|/da = sign(a)"),
});
op(SQRT, {
  name: "sqrt",
  key: "sqrt",
  arity: 1,
  forward: (x) => Math.sqrt(x[0]),
  grads: (_x, out, _k, d) => {
    d[0] = 0.5 / out; // +Infinity at 0, as in PyTorch
  },
  rule: rules("d(√a)/da = 1/(2√a)"),
});
op(SIN, {
  name: "sin",
  key: "sin",
  arity: 1,
  forward: (x) => Math.sin(x[0]),
  grads: (x, _out, _k, d) => {
    d[0] = Math.cos(x[0]);
  },
  rule: rules("d(sin a)/da = cos a"),
});
op(COS, {
  name: "cos",
  key: "cos",
  arity: 1,
  forward: (x) => Math.cos(x[0]),
  grads: (x, _out, _k, d) => {
    d[0] = -Math.sin(x[0]);
  },
  rule: rules("d(cos a)/da = -sin a"),
});
op(DETACH, {
  name: "detach",
  key: "detach",
  arity: 1,
  forward: (x) => x[0],
  grads: (_x, _out, _k, d) => {
    d[0] = 0;
  },
  rule: rules("no gradient flows through detach"),
  routes: true,
});
op(SUM, {
  name: "sum",
  key: "sum",
  arity: "n",
  forward: (x) => {
    let s = 0;
    for (let j = 0; j < x.length; j++) s += x[j];
    return s;
  },
  grads: (x, _out, _k, d) => {
    for (let j = 0; j < x.length; j++) d[j] = 1;
  },
  rule: (i) => `d(x0+x1+…)/dx${i} = 1`,
});
op(DOT, {
  name: "dot",
  key: "dot",
  arity: "n",
  forward: (x, k) => {
    let s = k === 1 ? x[0] : 0;
    for (let j = k; j < x.length; j += 2) s += x[j] * x[j + 1];
    return s;
  },
  grads: (x, _out, k, d) => {
    if (k === 1) d[0] = 1; // the start
    for (let j = k; j < x.length; j += 2) {
      d[j] = x[j + 1]; // d/dwi = xi
      d[j + 1] = x[j]; // d/dxi = wi
    }
  },
  rule: (i, k) => {
    const j = i - k;
    if (j < 0) return "d(s + Σ wi·xi)/ds = 1";
    const p = j >> 1;
    return (j & 1) === 0 ? `d(Σ wi·xi)/dw${p} = x${p}` : `d(Σ wi·xi)/dx${p} = w${p}`;
  },
});
op(MAX, {
  name: "max",
  key: "max",
  arity: "n",
  choose: (x) => extreme(x, 1),
  forward: (x, k) => x[k],
  grads: (x, _out, k, d) => {
    for (let j = 0; j < x.length; j++) d[j] = j === k ? 1 : 0;
  },
  rule: () => "d(max xi)/dxj = 1 for the first largest xj, else 0",
  routes: true,
});
op(MIN, {
  name: "min",
  key: "min",
  arity: "n",
  choose: (x) => extreme(x, -1),
  forward: (x, k) => x[k],
  grads: (x, _out, k, d) => {
    for (let j = 0; j < x.length; j++) d[j] = j === k ? 1 : 0;
  },
  rule: () => "d(min xi)/dxj = 1 for the first smallest xj, else 0",
  routes: true,
});
op(SELECT, {
  name: "select",
  key: "select",
  arity: "n",
  forward: (x) => x[1 + selectIndex(x)],
  grads: (x, _out, _k, d) => {
    for (let j = 0; j < x.length; j++) d[j] = j === 1 + x[0] ? 1 : 0;
  },
  rule: (i) => (i === 0 ? "no gradient flows to the index" : "d(x[index])/dxj = 1 where j = index, else 0"),
  routes: true,
});

/** The table, by op code (`OPS[v._code]`); custom ops (`CUSTOM`) have their own entries (custom.ts). */
export const OPS: readonly (OpDef | undefined)[] = table;

/** The ops in the table, in op-code order. */
export const OP_LIST: readonly OpDef[] = table.filter((d): d is OpDef => d !== undefined);

/**
 * The index of the first largest (`sign` 1) or smallest (`sign` -1) value, as `torch.max(x, dim=0)`
 * picks it; a NaN wins at its first position (as in PyTorch). `k` of a max/min node.
 */
export function extreme(x: Inputs, sign: 1 | -1): number {
  let best = 0;
  for (let j = 0; j < x.length; j++) {
    const v = x[j];
    if (Number.isNaN(v)) return j;
    if (sign > 0 ? v > x[best] : v < x[best]) best = j;
  }
  return best;
}

/** The index a select node reads (its first input), checked: an integer in [0, n). */
export function selectIndex(x: Inputs): number {
  return checkIndex(x[0], x.length - 1);
}

/** `index` checked for a select over n values: an integer in [0, n). */
export function checkIndex(index: number, n: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= n) {
    throw new RangeError(
      `Value.select(xs, index): index must be an integer from 0 to ${n - 1} (xs has ${n} values), got ${index}`,
    );
  }
  return index;
}

/** The unary ops that nn offers as activations (relu, tanh, sigmoid), by key. */
export const ACTIVATION_OPS: readonly OpDef[] = OP_LIST.filter((d) => d.activation);

/** The table entry for a key ("tanh", "dot", …), or undefined. Pow's key gives the number-exponent op. */
export function opByKey(key: string): OpDef | undefined {
  return OP_LIST.find((d) => d.key === key);
}

/** The name shown for a node with this op and `k` (pow shows its exponent: "**2"). */
export function opName(def: OpDef, k: number): string {
  return def.code === POW ? `**${k}` : def.name;
}
