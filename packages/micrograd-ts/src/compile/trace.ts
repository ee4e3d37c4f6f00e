/**
 * Tracing: flattens the graph under a root into typed arrays (op codes, parent indices, exponents), in
 * exactly the order `topoOrder` gives, so a replay adds gradients in the same order as `Value.backward`.
 */
import type { CustomOpImpl } from "../engine/custom.js";
import { ADD, CUSTOM, LEAF, MUL } from "../engine/ops.js";
import { freshMark, pushParents, reserveMarks } from "../engine/topo.js";
import type { Value } from "../engine/value.js";

/** The interpreter's fused op code: a run of (multiply, add) pairs (see `Trace.forwardCode`). */
export const MUL_ADD = 14;

/** A custom op as the compiled path needs it: `defineOp` ops have both members. @internal */
export interface CompiledCustomOp extends CustomOpImpl {
  forwardNumbers(inputs: number[]): number;
}

/**
 * The flat form of a graph. Node `i` is `nodes[i]`; parents always have smaller indices. A class, not an
 * object literal: V8 widens the field types of a literal's shape the second time the literal runs, which
 * throws away the optimized replay loops that read these fields. @internal
 */
export class Trace {
  /**
   * Every node, parents before children; the root is last. After `dropInterior()` only the leaves are
   * kept (the computed nodes' entries are undefined), so the Values of the graph can be collected.
   */
  nodes: (Value | undefined)[];
  /** Op code of each node (`LEAF`, `ADD`, … from ops.ts). */
  readonly op: Uint8Array;
  /**
   * Unary and binary nodes: index of the first and second parent (-1 when absent). N-ary and custom
   * nodes: their parents are `args[a[i]] .. args[a[i] + b[i] - 1]` (an index range into one buffer).
   */
  readonly a: Int32Array;
  readonly b: Int32Array;
  /** The number each node keeps beside its inputs (`Value._k`: pow's exponent, max's winner, …); a custom node's slot in `customOps`. */
  readonly k: Float64Array;
  /** Parent indices of the n-ary and custom nodes (see `a`). */
  readonly args: Int32Array;
  /** Indices of the leaves, in trace order, and the leaf Values themselves. */
  readonly leafIndex: Int32Array;
  readonly leaves: Value[];
  /** The op of each custom node, by slot. */
  readonly customOps: CompiledCustomOp[];
  /**
   * Op codes for the interpreter's fast loops: like `op`, but a neuron's sum b + w0*x0 + w1*x1 + … is one
   * step where its nodes lie side by side: a run of (multiply, add) pairs in which each add is
   * (previous add) + (its multiply) — node j + 1 = node j - 1 + node j for a multiply j, except that the
   * first add's left operand can be any node. `forwardCode[i] = MUL_ADD` at the run's first node and
   * `backwardCode[j] = MUL_ADD` at its last, with its length in `runLength[i]` and `runLength[j]`. The
   * run's nodes are still computed one by one, in order, with the same expressions.
   */
  readonly forwardCode: Uint8Array;
  readonly backwardCode: Uint8Array;
  /** Number of nodes of the MUL_ADD run that starts (forward) or ends (backward) at node i. */
  readonly runLength: Int32Array;
  /** Each node's `.data` at trace time. */
  readonly values: Float64Array;
  /** Node i's traversal mark is `markBase + i` right after tracing (see `trace`). */
  readonly markBase: number;

  /** Use `trace(root)`. */
  constructor(nodes: Value[], markBase: number) {
    const n = nodes.length;
    this.nodes = nodes;
    this.markBase = markBase;
    this.op = new Uint8Array(n);
    this.a = new Int32Array(n);
    this.b = new Int32Array(n);
    this.k = new Float64Array(n);
    this.values = new Float64Array(n);
    this.forwardCode = new Uint8Array(n);
    this.backwardCode = new Uint8Array(n);
    this.runLength = new Int32Array(n);
    this.leaves = [];
    this.customOps = [];
    const lists = flatten(this, markBase);
    this.leafIndex = Int32Array.from(lists.leafIndex);
    this.args = Int32Array.from(lists.args);
  }
}

/** Forgets the computed nodes' Values (keeps the leaves): see `Trace.nodes`. @internal */
export function dropInterior(t: Trace): void {
  t.nodes = t.nodes.map((v, i) => (t.op[i] === LEAF ? v : undefined));
}

/**
 * Traces the graph under `root` (which must be a Value). @internal
 *
 * Two passes. `numberNodes` is `topoOrder`'s depth-first traversal (parents in argument order) that also
 * numbers the nodes: node i's `_mark` becomes `markBase + i`, so a parent's index can be read back from
 * its mark (parents come first) and no Map of the nodes is needed. `flatten` then fills the typed arrays,
 * whose size is known by then. Two small loops rather than one big one: this code runs once per graph,
 * mostly before V8 has optimized it, and small loops get optimized sooner (measured on the moons demo in
 * a fresh process: ~27 ms, against ~37 ms for one loop doing both).
 */
export function trace(root: Value): Trace {
  const entered = freshMark();
  const base = entered + 1;
  const nodes = numberNodes(root, entered, base);
  reserveMarks(base + nodes.length);
  return new Trace(nodes, base);
}

/** The nodes under `root` in topological order, numbered through their marks (see `trace`). */
function numberNodes(root: Value, entered: number, base: number): Value[] {
  const nodes: Value[] = [];
  const stack: Value[] = [root];
  while (stack.length > 0) {
    const v = stack[stack.length - 1];
    const mark = v._mark;
    if (mark > entered) {
      stack.pop(); // reached again by another path: already numbered
      continue;
    }
    if (mark !== entered) {
      v._mark = entered;
      const depth = stack.length;
      pushParents(stack, v, entered);
      // with nothing left to visit below it (a leaf, or parents numbered already) it is next in the
      // order right away, as topoOrder would make it on its next turn
      if (stack.length !== depth) continue;
    }
    stack.pop(); // all its parents are numbered
    v._mark = base + nodes.length;
    nodes.push(v);
  }
  return nodes;
}

/**
 * Fills the trace's arrays from its numbered nodes: op codes, parent indices (read from the parents'
 * marks), `k`, values, leaves, n-ary and custom nodes, and the (multiply, add) runs. Returns the lists
 * that become the trace's leaf and argument arrays.
 */
function flatten(t: Trace, base: number): { leafIndex: number[]; args: number[] } {
  const { nodes, op, a, b, k, values } = t;
  const leafList: number[] = [];
  const runs: number[] = []; // [first node, last node, …]
  const args: number[] = [];
  let runStart = -1;
  let runEnd = -1;
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
      t.leaves.push(v);
    } else if (v._args) {
      a[i] = args.length;
      b[i] = v._args.length;
      for (const p of v._args) args.push(p._mark - base);
      k[i] = code === CUSTOM ? addCustom(t, v) : v._k;
    } else {
      const pa = (v._a as Value)._mark - base;
      const pb = v._b ? v._b._mark - base : -1;
      a[i] = pa;
      b[i] = pb;
      k[i] = v._k;
      // node i = pa + (multiply i - 1) is a pair; it continues the open run if that ended at the add
      // i - 2 = pa. (The comparisons run unconditionally: V8 optimizes this loop while the first
      // example's graph is flattened, where runs never continue, and an operation it has not seen run
      // by then would throw the optimized code away when it first does.)
      const isPair = code === ADD && pb === i - 1 && op[i - 1] === MUL;
      const continues = pa === i - 2 && runEnd === i - 2;
      if (isPair) {
        if (continues) runEnd = i;
        else {
          if (runEnd >= 0) runs.push(runStart, runEnd);
          runStart = i - 1;
          runEnd = i;
        }
      }
    }
  }
  if (runEnd >= 0) runs.push(runStart, runEnd);
  markRuns(t, runs);
  return { leafIndex: leafList, args };
}

/** Writes the runs into the fused codes (see `Trace.forwardCode`). */
function markRuns(t: Trace, runs: number[]): void {
  t.forwardCode.set(t.op);
  t.backwardCode.set(t.op);
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r];
    const end = runs[r + 1];
    t.forwardCode[start] = MUL_ADD;
    t.runLength[start] = end - start + 1;
    t.backwardCode[end] = MUL_ADD;
    t.runLength[end] = end - start + 1;
  }
}

/** Records the op of custom node `v`; returns its slot in `customOps`. */
function addCustom(t: Trace, v: Value): number {
  const impl = v._custom as CompiledCustomOp;
  if (typeof impl.forwardNumbers !== "function") {
    throw new TypeError(
      `compile: custom op "${impl.name}" has no forwardNumbers(); define custom ops with defineOp()`,
    );
  }
  t.customOps.push(impl);
  return t.customOps.length - 1;
}
