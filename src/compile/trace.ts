/**
 * Tracing: flattens the graph under a root into typed arrays (op codes, parent indices, exponents), in
 * exactly the order `topoOrder` gives, so a replay adds gradients in the same order as `Value.backward`.
 */
import { ADD, CUSTOM, type CustomOpImpl, LEAF, MUL, POW, topoOrder, type Value } from "../engine/value.js";

/** The interpreter's fused op code: a run of (multiply, add) pairs (see `Trace.forwardCode`). */
export const MUL_ADD = 14;

/** A custom op as the compiled path needs it: `defineOp` ops have both members. @internal */
export interface CompiledCustomOp extends CustomOpImpl {
  forwardNumbers(inputs: number[]): number;
}

/** The flat form of a graph. Node `i` is `nodes[i]`; parents always have smaller indices. @internal */
export interface Trace {
  /** Every node, parents before children; the root is last. */
  nodes: Value[];
  /** Op code of each node (`LEAF`, `ADD`, … from value.ts). */
  op: Uint8Array;
  /** Index of the first parent, or -1. */
  a: Int32Array;
  /** Index of the second parent, or -1; for a custom node: its slot in the custom tables. */
  b: Int32Array;
  /** The exponent of `pow(number)` nodes (0 elsewhere). */
  k: Float64Array;
  /** Indices of the leaves, in trace order, and the leaf Values themselves. */
  leafIndex: Int32Array;
  leaves: Value[];
  /** Custom nodes: the op of each slot, and its argument indices `customArgs[customStart[s] .. customStart[s+1]]`. */
  customOps: CompiledCustomOp[];
  customStart: Int32Array;
  customArgs: Int32Array;
  /**
   * Op codes for the interpreter's fast loops: like `op`, but where multiplies alternate with adds
   * (mul, add, mul, add, … — a neuron's b + w0*x0 + w1*x1 + …) the run is one step: `forwardCode[i] =
   * MUL_ADD` at its first node and `backwardCode[j] = MUL_ADD` at its last, with its length in
   * `runLength[i]` and `runLength[j]`. The run's nodes are still computed one by one, in order.
   */
  forwardCode: Uint8Array;
  backwardCode: Uint8Array;
  /** Number of nodes of the MUL_ADD run that starts (forward) or ends (backward) at node i. */
  runLength: Int32Array;
  /** Each node's `.data` at trace time. */
  values: Float64Array;
}

/**
 * Traces the graph under `root` (which must be a Value). @internal
 *
 * Each loop is a function of its own: a long loop in cold code is optimized on the fly (on-stack
 * replacement), and code after it that has not run yet would throw that optimized code away again.
 */
export function trace(root: Value): Trace {
  const nodes = topoOrder(root);
  const n = nodes.length;
  const t: Trace = {
    nodes,
    op: new Uint8Array(n),
    a: new Int32Array(n),
    b: new Int32Array(n),
    k: new Float64Array(n),
    leafIndex: new Int32Array(0),
    leaves: [],
    customOps: [],
    customStart: new Int32Array(1),
    customArgs: new Int32Array(0),
    forwardCode: new Uint8Array(n),
    backwardCode: new Uint8Array(n),
    runLength: new Int32Array(n),
    values: new Float64Array(n),
  };
  const w: Lists = { leafList: [], customStart: [0], customArgs: [] };
  flatten(t, w);
  t.leafIndex = Int32Array.from(w.leafList);
  t.customStart = Int32Array.from(w.customStart);
  t.customArgs = Int32Array.from(w.customArgs);
  return t;
}

/** The lists `flatten` grows, turned into typed arrays afterwards. */
interface Lists {
  leafList: number[];
  customStart: number[];
  customArgs: number[];
}

/**
 * One pass over the nodes in topological order: numbers each node, fills op codes, parent indices,
 * exponents and values, collects leaves and custom nodes, and finds the (multiply, add) runs for the
 * fused codes (see `Trace.forwardCode`). One loop instead of three (numbering, flattening, fusing): the
 * Value objects are scattered over the heap, so each pass over them costs about a cache miss per node,
 * and this code runs cold (in V8's bytecode interpreter until its optimized version arrives). A
 * (multiply, add) pair is recognized at its add, looking back one node; a run ends at the first node
 * that does not continue it.
 *
 * Node i gets `_mark = -(i + 1)`, and a parent's index is read back from its mark — parents come before
 * children, so they are numbered already. No Map of all nodes is needed. `topoOrder` only treats marks
 * equal to its current (positive, increasing) epoch as visited, so a negative mark reads as "not
 * visited" to every later traversal.
 */
function flatten(t: Trace, w: Lists): void {
  const { nodes, op, a, b, k, values, forwardCode, backwardCode } = t;
  // the open (multiply, add) run: its first node and its last add (-1: none)
  let runStart = -1;
  let runEnd = -1;
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i] as Value;
    v._mark = -(i + 1);
    const code = v._code;
    op[i] = code;
    forwardCode[i] = code;
    backwardCode[i] = code;
    const d = v.data;
    values[i] = typeof d === "number" ? d : Number.NaN;
    if (code === LEAF) {
      a[i] = -1;
      b[i] = -1;
      w.leafList.push(i);
      t.leaves.push(v);
    } else if (code === CUSTOM) {
      addCustom(t, w, v, i);
    } else {
      a[i] = -(v._a as Value)._mark - 1;
      const pb = v._b;
      b[i] = pb ? -pb._mark - 1 : -1;
      if (code === POW) k[i] = v._k;
      else if (code === ADD && op[i - 1] === MUL) {
        // a (multiply, add) pair: it extends the open run if that ended right before it
        if (runEnd === i - 2) runEnd = i;
        else {
          if (runEnd >= 0) closeRun(t, runStart, runEnd);
          runStart = i - 1;
          runEnd = i;
        }
      }
    }
  }
  if (runEnd >= 0) closeRun(t, runStart, runEnd);
}

/** Marks the (multiply, add) run of nodes `start` .. `end` (see `Trace.forwardCode`). */
function closeRun(t: Trace, start: number, end: number): void {
  t.forwardCode[start] = MUL_ADD;
  t.runLength[start] = end - start + 1;
  t.backwardCode[end] = MUL_ADD;
  t.runLength[end] = end - start + 1;
}

/** Records custom node `v` (index i): `b[i]` is its slot in the custom tables, `a[i]` its first input. */
function addCustom(t: Trace, w: Lists, v: Value, i: number): void {
  const impl = v._custom as CompiledCustomOp;
  if (typeof impl.forwardNumbers !== "function") {
    throw new TypeError(
      `compile: custom op "${impl.name}" has no forwardNumbers(); define custom ops with defineOp()`,
    );
  }
  t.b[i] = t.customOps.length;
  t.customOps.push(impl);
  const args = v._args as Value[];
  t.a[i] = -(args[0] as Value)._mark - 1;
  for (const p of args) w.customArgs.push(-p._mark - 1);
  w.customStart.push(w.customArgs.length);
}
