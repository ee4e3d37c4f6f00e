/**
 * The interpreter: replays a traced graph's forward and backward passes with a `switch` over op codes in
 * one tight loop each. The hot ops of an MLP and of microgpt (add, mul, relu, multiply-add runs, dot) are
 * inlined with the same floating-point expressions as the ops table (engine/ops.ts) and the chain rule
 * (engine/chain.ts); the others call the table and `chainRule` themselves. So the results are bit-for-bit
 * those of the object engine (test/compile guards it). Works everywhere (no generated code).
 */
import { chainRule } from "../engine/chain.js";
import {
  ABS,
  ADD,
  COS,
  CUSTOM,
  checkIndex,
  DETACH,
  DIV,
  DOT,
  EXP,
  extreme,
  LEAF,
  LOG,
  MAX,
  MIN,
  MUL,
  NEG,
  OPS,
  type OpDef,
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
} from "../engine/ops.js";
import { checkGrads, reportForward } from "./anomaly-report.js";
import { MUL_ADD, type Trace } from "./trace.js";

// The loops below use the op codes as literal case labels (so V8 compiles each switch to a jump table
// instead of a chain of comparisons with imported constants), most frequent ops first. This check keeps
// them in step with the engine.
const CODES = [LEAF, ADD, SUB, MUL, DIV, NEG, POW, POWV, EXP, LOG, TANH, RELU, SIGMOID, CUSTOM, MUL_ADD];
const CODES2 = [ABS, SQRT, SIN, COS, DETACH, SUM, DOT, MAX, MIN, SELECT];
if (CODES.some((c, i) => c !== i) || CODES2.some((c, i) => c !== 15 + i)) {
  throw new Error("compile/interpreter.ts: op codes differ from engine/ops.ts");
}

/** The inputs of a unary or binary node, and their local derivatives, for the table's functions. */
const pair = new Float64Array(2);
let locals = new Float64Array(64);

/**
 * Recomputes every non-leaf value of nodes `from` .. `to - 1` (default: all; leaves must already be in
 * `values`). In anomaly mode (`check`) each node is checked right after it is computed.
 * @internal
 */
export function forwardInterpreted(
  t: Trace,
  values: Float64Array,
  check: boolean,
  from = 0,
  to = t.op.length,
): void {
  if (!check) {
    // a fused run may go on past `to`: a range that ends early takes the ops one by one
    forwardRange(t, to === t.op.length ? t.forwardCode : t.op, values, from, to);
    return;
  }
  for (let i = from; i < to; i++) {
    forwardRange(t, t.op, values, i, i + 1);
    if (t.op[i] !== LEAF && !Number.isFinite(values[i])) reportForward(t, values, i);
  }
}

/**
 * The forward loop over nodes `from` .. `to - 1`: value.ts's forward expressions. `code` is `t.op`, or
 * `t.forwardCode`, where a run of (multiply, add) pairs is one dispatch (`MUL_ADD`).
 */
function forwardRange(t: Trace, code: Uint8Array, v: Float64Array, from: number, to: number): void {
  const A = t.a;
  const B = t.b;
  for (let i = from; i < to; i++) {
    switch (code[i]) {
      case 14: {
        // MUL_ADD run: nodes i, i + 2, … are multiplies, each followed by its add: sum + product
        // (the first add's left operand is read after the first product: it may be that product)
        const end = i + t.runLength[i];
        let product = v[A[i]] * v[B[i]];
        v[i] = product;
        let sum = v[A[i + 1]] + product;
        v[i + 1] = sum;
        for (i += 2; i < end; i += 2) {
          product = v[A[i]] * v[B[i]];
          v[i] = product;
          sum += product;
          v[i + 1] = sum;
        }
        i--;
        break;
      }
      case 1: // ADD
        v[i] = v[A[i]] + v[B[i]];
        break;
      case 3: // MUL
        v[i] = v[A[i]] * v[B[i]];
        break;
      case 11: // RELU
        v[i] = Math.max(0, v[A[i]]);
        break;
      case 21: {
        // DOT: [start +] w0*x0 + w1*x1 + …, left to right
        const args = t.args;
        const end = A[i] + B[i];
        let j = A[i];
        let s = 0;
        if (t.k[i] === 1) s = v[args[j++]];
        for (; j < end; j += 2) s += v[args[j]] * v[args[j + 1]];
        v[i] = s;
        break;
      }
      case 0: // LEAF: loaded by the caller
        break;
      default:
        v[i] = forwardOther(t, code[i], v, i);
    }
  }
}

/**
 * The forward values of the less frequent ops, out of `forwardRange`'s loop: a smaller hot loop gets
 * optimized sooner (V8 compiles it on a background thread while the first pass still runs in the
 * bytecode interpreter, and a smaller function compiles faster).
 */
function forwardOther(t: Trace, code: number, v: Float64Array, i: number): number {
  const a = t.a[i];
  const b = t.b[i];
  const args = t.args;
  switch (code) {
    case 20: {
      // SUM: left to right from 0
      let s = 0;
      for (let j = a; j < a + b; j++) s += v[args[j]];
      return s;
    }
    case 24: // SELECT: inputs [index, x0, x1, …]
      return v[args[a + 1 + checkIndex(v[args[a]], b - 1)]];
    case 22: // MAX
    case 23: {
      // MIN: the winner is found again on every replay
      const w = extreme(gather(t, v, i), code === 22 ? 1 : -1);
      t.k[i] = w;
      return v[args[a + w]];
    }
    case 13: // CUSTOM
      return forwardCustom(t, v, i);
    default: {
      // the other unary and binary ops: the table's forward
      pair[0] = v[a];
      if (b >= 0) pair[1] = v[b];
      return (OPS[code] as OpDef).forward(pair, t.k[i]);
    }
  }
}

/**
 * The inputs' values of n-ary node `i`, in a view of one reused buffer (no array per node and replay);
 * custom ops get a copy (`Array.from`) before their own code runs.
 */
let gathered = new Float64Array(64);
function gather(t: Trace, v: Float64Array, i: number): Float64Array {
  const n = t.b[i];
  if (gathered.length < n) gathered = new Float64Array(2 * n);
  for (let j = 0; j < n; j++) gathered[j] = v[t.args[t.a[i] + j]];
  return gathered.subarray(0, n);
}

/**
 * Gradients of the root (the last node) into `grads`, walking backwards with the values of the last
 * forward. In anomaly mode (`check`) every node's parents' gradients are checked after its step.
 * @internal
 */
export function backwardInterpreted(
  t: Trace,
  values: Float64Array,
  grads: Float64Array,
  check: boolean,
): void {
  const n = t.op.length;
  grads.fill(0);
  grads[n - 1] = 1;
  if (!check) {
    backwardRange(t, t.backwardCode, values, grads, n - 1, -1);
    return;
  }
  for (let i = n - 1; i >= 0; i--) {
    backwardRange(t, t.op, values, grads, i, i - 1);
    if (t.op[i] !== LEAF) checkGrads(t, values, grads, i);
  }
}

/**
 * The backward loop over nodes `from` down to `to + 1`: value.ts's `_backward` expressions. `code` is
 * `t.op`, or `t.backwardCode`, where a run of (multiply, add) pairs is one dispatch, walked from its end.
 */
function backwardRange(
  t: Trace,
  code: Uint8Array,
  v: Float64Array,
  g: Float64Array,
  from: number,
  to: number,
): void {
  const A = t.a;
  const B = t.b;
  // Nodes whose gradient is exactly 0 are skipped (in micrograd's moons demo that is most of them once
  // training is under way: examples past the margin, dead ReLUs). That is exact, not an approximation:
  // their contributions would be 0 * (a finite value) = ±0, and adding ±0 leaves every gradient as it is
  // (a gradient here is never -0: it starts at +0 and only has numbers added or subtracted). So a product
  // node is skipped only if it is finite (then both its factors are), since 0 * ±Infinity or 0 * NaN is
  // NaN. The finiteness tests are computed unconditionally, so V8 has seen them run before it optimizes
  // this loop (a test first reached later would throw the optimized code away).
  for (let i = from; i > to; i--) {
    const gi = g[i];
    const a = A[i];
    const b = B[i];
    switch (code[i]) {
      case 14: {
        // MUL_ADD run, walked backwards: node i = (node i - 2) + (node i - 1), node i - 1 = a * b, then
        // i - 2, …; the first add's left operand is A[first + 1] instead of first - 1
        const first = i - t.runLength[i] + 1;
        for (; i >= first; i -= 2) {
          const ga = g[i];
          if (ga !== 0) {
            g[i === first + 1 ? A[i] : i - 2] += ga;
            g[i - 1] += ga;
          }
          const gm = g[i - 1];
          const product = v[i - 1];
          const finite = product - product === 0;
          if (gm !== 0 || !finite) {
            const am = A[i - 1];
            const bm = B[i - 1];
            g[am] += v[bm] * gm;
            g[bm] += v[am] * gm;
          }
        }
        i++;
        break;
      }
      case 1: // ADD
        if (gi !== 0) {
          g[a] += gi;
          g[b] += gi;
        }
        break;
      case 3: {
        // MUL
        const product = v[i];
        const finite = product - product === 0;
        if (gi !== 0 || !finite) {
          g[a] += v[b] * gi;
          g[b] += v[a] * gi;
        }
        break;
      }
      case 11: // RELU: relu'(0) = 0
        if (gi !== 0 && v[i] > 0) g[a] += gi;
        break;
      case 21: {
        // DOT: d/dstart = 1, d/dwj = xj, d/dxj = wj; skipped like MUL (a finite sum has finite factors)
        const out = v[i];
        if (gi === 0 && out - out === 0) break;
        const args = t.args;
        const end = a + b;
        let j = a;
        if (t.k[i] === 1) g[args[j++]] += gi;
        for (; j < end; j += 2) {
          const w = args[j];
          const x = args[j + 1];
          g[w] += v[x] * gi;
          g[x] += v[w] * gi;
        }
        break;
      }
      case 0: // LEAF
        break;
      default:
        backwardOther(t, code[i], v, g, i);
    }
  }
}

/**
 * The backward steps of the less frequent ops, out of `backwardRange`'s loop (see `forwardOther`): the
 * table's local derivatives and the engine's chain rule, as `Value._backward` applies them.
 */
function backwardOther(t: Trace, code: number, v: Float64Array, g: Float64Array, i: number): void {
  if (code === CUSTOM) {
    backwardCustom(t, v, g, i);
    return;
  }
  const def = OPS[code] as OpDef;
  const gi = g[i];
  const a = t.a[i];
  const b = t.b[i];
  if (def.arity === "n") {
    // sum, select, max, min: parents args[a .. a + b - 1]
    const x = gather(t, v, i);
    if (locals.length < b) locals = new Float64Array(2 * b);
    def.grads(x, v[i], t.k[i], locals);
    for (let j = 0; j < b; j++) g[t.args[a + j]] += chainRule(locals[j], gi, def.routes);
    return;
  }
  pair[0] = v[a];
  if (b >= 0) pair[1] = v[b];
  def.grads(pair, v[i], t.k[i], locals);
  g[a] += chainRule(locals[0], gi, def.routes);
  if (b >= 0) g[b] += chainRule(locals[1], gi, def.routes);
}

/** Forward of custom node `i` through its op's `forwardNumbers`. @internal */
export function forwardCustom(t: Trace, v: Float64Array, i: number): number {
  return t.customOps[t.k[i]].forwardNumbers(Array.from(gather(t, v, i)));
}

/** Backward of custom node `i`: parent.grad += d[j] * grad, as `Value` does. @internal */
export function backwardCustom(t: Trace, v: Float64Array, g: Float64Array, i: number): void {
  const op = t.customOps[t.k[i]];
  const d = op.derivatives(Array.from(gather(t, v, i)), v[i]);
  const gi = g[i];
  for (let j = 0; j < t.b[i]; j++) g[t.args[t.a[i] + j]] += chainRule(d[j], gi, false);
}
