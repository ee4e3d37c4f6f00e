/**
 * The interpreter: replays a traced graph's forward and backward passes with a `switch` over op codes in
 * one tight loop each (the ops of an MLP inline, the others in a helper called from the loop). Every case is the same floating-point expression as in `Value` (value.ts), so the
 * results are bit-for-bit those of the object engine. Works everywhere (no generated code).
 */
import { checkBackward, checkForward } from "../engine/anomaly.js";
import {
  ADD,
  CUSTOM,
  DIV,
  EXP,
  LEAF,
  LOG,
  MUL,
  NEG,
  POW,
  POWV,
  RELU,
  SIGMOID,
  SUB,
  TANH,
  type Value,
  validateDerivatives,
} from "../engine/value.js";
import { MUL_ADD, type Trace } from "./trace.js";

// The loops below use the op codes as literal case labels (so V8 compiles each switch to a jump table
// instead of a chain of comparisons with imported constants), most frequent ops first. This check keeps
// them in step with the engine.
if (
  LEAF !== 0 ||
  ADD !== 1 ||
  SUB !== 2 ||
  MUL !== 3 ||
  DIV !== 4 ||
  NEG !== 5 ||
  POW !== 6 ||
  POWV !== 7 ||
  EXP !== 8 ||
  LOG !== 9 ||
  TANH !== 10 ||
  RELU !== 11 ||
  SIGMOID !== 12 ||
  CUSTOM !== 13 ||
  MUL_ADD !== 14
) {
  throw new Error("compile/interpreter.ts: op codes differ from engine/value.ts");
}

/**
 * Recomputes every non-leaf value (leaves must already be in `values`). In anomaly mode (`check`) each
 * node is checked right after it is computed.
 * @internal
 */
export function forwardInterpreted(t: Trace, values: Float64Array, check: boolean): void {
  const n = t.op.length;
  if (!check) {
    forwardRange(t, t.forwardCode, values, 0, n);
    return;
  }
  for (let i = 0; i < n; i++) {
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
      case 0: // LEAF: loaded by the caller
        break;
      default:
        v[i] = forwardOther(t, code[i] as number, v, i);
    }
  }
}

/**
 * The forward expressions of the less frequent ops, out of `forwardRange`'s loop: a smaller hot loop gets
 * optimized sooner (V8 compiles it on a background thread while the first pass still runs in the
 * bytecode interpreter, and a smaller function compiles faster).
 */
function forwardOther(t: Trace, code: number, v: Float64Array, i: number): number {
  const a = t.a[i] as number;
  const b = t.b[i] as number;
  switch (code) {
    case 2: // SUB
      return v[a] - v[b];
    case 4: // DIV
      return v[a] / v[b];
    case 5: // NEG
      return -v[a];
    case 6: // POW
      return v[a] ** t.k[i];
    case 7: // POWV
      return v[a] ** v[b];
    case 8: // EXP
      return Math.exp(v[a]);
    case 9: // LOG
      return Math.log(v[a]);
    case 10: // TANH
      return Math.tanh(v[a]);
    case 12: // SIGMOID
      return 1 / (1 + Math.exp(-v[a]));
    default: // CUSTOM
      return forwardCustom(t, v, i);
  }
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
      case 0: // LEAF
        break;
      default:
        backwardOther(t, code[i] as number, v, g, i);
    }
  }
}

/** The backward expressions of the less frequent ops, out of `backwardRange`'s loop (see `forwardOther`). */
function backwardOther(t: Trace, code: number, v: Float64Array, g: Float64Array, i: number): void {
  const gi = g[i] as number;
  const a = t.a[i] as number;
  const b = t.b[i] as number;
  switch (code) {
    case 2: // SUB
      g[a] += gi;
      g[b] -= gi;
      break;
    case 4: // DIV
      g[a] += gi / v[b];
      g[b] -= ((v[a] / v[b]) * gi) / v[b];
      break;
    case 5: // NEG
      g[a] -= gi;
      break;
    case 6: {
      // POW
      const k = t.k[i] as number;
      g[a] += k * v[a] ** (k - 1) * gi;
      break;
    }
    case 7: // POWV
      g[a] += v[b] * v[a] ** (v[b] - 1) * gi;
      g[b] += v[i] * Math.log(v[a]) * gi;
      break;
    case 8: // EXP
      g[a] += v[i] * gi;
      break;
    case 9: // LOG
      g[a] += gi / v[a];
      break;
    case 10: // TANH
      g[a] += (1 - v[i] * v[i]) * gi;
      break;
    case 12: // SIGMOID
      g[a] += v[i] * (1 - v[i]) * gi;
      break;
    default: // CUSTOM
      backwardCustom(t, v, g, i);
  }
}

/** Forward of custom node `i` through its op's `forwardNumbers`. @internal */
export function forwardCustom(t: Trace, v: Float64Array, i: number): number {
  const s = t.b[i];
  const start = t.customStart[s];
  const end = t.customStart[s + 1];
  const inputs: number[] = [];
  for (let j = start; j < end; j++) inputs.push(v[t.customArgs[j]]);
  return t.customOps[s].forwardNumbers(inputs);
}

/** Backward of custom node `i`: parent.grad += d[j] * grad, as `Value` does. @internal */
export function backwardCustom(t: Trace, v: Float64Array, g: Float64Array, i: number): void {
  const s = t.b[i];
  const start = t.customStart[s];
  const end = t.customStart[s + 1];
  const op = t.customOps[s];
  const inputs: number[] = [];
  for (let j = start; j < end; j++) inputs.push(v[t.customArgs[j]]);
  const d = op.derivatives(inputs, v[i]);
  validateDerivatives(op, d);
  const gi = g[i];
  for (let j = start; j < end; j++) g[t.customArgs[j]] += d[j - start] * gi;
}

/** The parent indices of node `i`. @internal */
export function parentsOf(t: Trace, i: number): number[] {
  if (t.op[i] === CUSTOM) {
    const s = t.b[i];
    return Array.from(t.customArgs.subarray(t.customStart[s], t.customStart[s + 1]));
  }
  const out: number[] = [];
  if (t.a[i] >= 0) out.push(t.a[i]);
  if (t.b[i] >= 0) out.push(t.b[i]);
  return out;
}

/** Copies node `i`'s and its parents' current numbers into their Values (non-leaf data only). */
function syncForReport(t: Trace, v: Float64Array, g: Float64Array | null, i: number): Value {
  for (const j of [...parentsOf(t, i), i]) {
    const node = t.nodes[j];
    if (t.op[j] !== 0) node.data = v[j];
    if (g) node.grad = g[j];
  }
  return t.nodes[i];
}

/** Anomaly mode, forward: node `i` is not finite; throws the engine's AnomalyError. */
function reportForward(t: Trace, v: Float64Array, i: number): void {
  checkForward(syncForReport(t, v, null, i));
}

/** Anomaly mode, backward: after node `i`'s step every parent's gradient must be finite. */
function checkGrads(t: Trace, v: Float64Array, g: Float64Array, i: number): void {
  const a = t.a[i];
  const b = t.b[i];
  if (t.op[i] !== CUSTOM) {
    if ((a < 0 || Number.isFinite(g[a])) && (b < 0 || Number.isFinite(g[b]))) return;
  }
  const bad = parentsOf(t, i).some((j) => !Number.isFinite(g[j]));
  if (bad) checkBackward(syncForReport(t, v, g, i));
}
