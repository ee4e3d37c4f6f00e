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
  numberNodes(nodes);
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
  const leafList: number[] = [];
  const customStart: number[] = [0];
  const customArgs: number[] = [];
  flatten(t, leafList, customStart, customArgs);
  t.leafIndex = Int32Array.from(leafList);
  t.customStart = Int32Array.from(customStart);
  t.customArgs = Int32Array.from(customArgs);
  fuse(t.op, t.forwardCode, t.backwardCode, t.runLength);
  return t;
}

/**
 * Numbers the nodes through their traversal mark: node i gets `_mark = -(i + 1)`. `topoOrder` only treats
 * marks equal to its current (positive, increasing) epoch as visited, so a negative mark reads as "not
 * visited" to every later traversal — and no Map of all nodes (slow and memory-hungry) is needed.
 */
function numberNodes(nodes: Value[]): void {
  for (let i = 0; i < nodes.length; i++) (nodes[i] as Value)._mark = -(i + 1);
}

/** Fills op codes, parent indices, exponents and values; collects leaves and custom nodes. */
function flatten(t: Trace, leafList: number[], customStart: number[], customArgs: number[]): void {
  const { nodes, op, a, b, k, values, leaves } = t;
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i] as Value;
    const code = v._code;
    op[i] = code;
    const d = v.data;
    values[i] = typeof d === "number" ? d : Number.NaN;
    if (code === LEAF) {
      a[i] = -1;
      b[i] = -1;
      leafList.push(i);
      leaves.push(v);
    } else if (code === CUSTOM) {
      addCustom(t, v, i, customStart, customArgs);
    } else {
      const pa = v._a as Value;
      const pb = v._b;
      a[i] = -pa._mark - 1;
      b[i] = pb ? -pb._mark - 1 : -1;
      if (code === POW) k[i] = v._k;
    }
  }
}

/** Records custom node `v` (index i): `b[i]` is its slot in the custom tables, `a[i]` its first input. */
function addCustom(t: Trace, v: Value, i: number, customStart: number[], customArgs: number[]): void {
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
  for (const p of args) customArgs.push(-p._mark - 1);
  customStart.push(customArgs.length);
}

/** Fused codes: a run of (multiply, add) pairs becomes one `MUL_ADD` step (see `Trace.forwardCode`). */
function fuse(
  op: Uint8Array,
  forwardCode: Uint8Array,
  backwardCode: Uint8Array,
  runLength: Int32Array,
): void {
  forwardCode.set(op);
  backwardCode.set(op);
  for (let i = 0; i + 1 < op.length; i++) {
    if (op[i] === MUL && op[i + 1] === ADD) {
      let end = i + 2;
      while (end + 1 < op.length && op[end] === MUL && op[end + 1] === ADD) end += 2;
      forwardCode[i] = MUL_ADD;
      runLength[i] = end - i;
      backwardCode[end - 1] = MUL_ADD;
      runLength[end - 1] = end - i;
      i = end - 1;
    }
  }
}
