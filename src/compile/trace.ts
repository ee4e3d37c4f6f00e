/**
 * Tracing: flattens the graph under a root into typed arrays (op codes, parent indices, exponents), in
 * exactly the order `topoOrder` gives, so a replay adds gradients in the same order as `Value.backward`.
 */
import {
  ADD,
  CUSTOM,
  type CustomOpImpl,
  freshMark,
  LEAF,
  MUL,
  POW,
  reserveMarks,
  type Value,
} from "../engine/value.js";

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
  /** Every node, parents before children; the root is last. */
  readonly nodes: Value[];
  /** Op code of each node (`LEAF`, `ADD`, … from value.ts). */
  readonly op: Uint8Array;
  /** Index of the first parent, or -1. */
  readonly a: Int32Array;
  /** Index of the second parent, or -1; for a custom node: its slot in the custom tables. */
  readonly b: Int32Array;
  /** The exponent of `pow(number)` nodes (0 elsewhere). */
  readonly k: Float64Array;
  /** Indices of the leaves, in trace order, and the leaf Values themselves. */
  readonly leafIndex: Int32Array;
  readonly leaves: Value[];
  /** Custom nodes: the op of each slot, and its argument indices `customArgs[customStart[s] .. customStart[s+1]]`. */
  readonly customOps: CompiledCustomOp[];
  readonly customStart: Int32Array;
  readonly customArgs: Int32Array;
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

  /** The finished trace from a builder: the columns cut to length, runs marked in the fused codes. */
  constructor(b: Builder, markBase: number) {
    const n = b.n;
    if (b.runEnd >= 0) b.runs.push(b.runStart, b.runEnd);
    const op = Uint8Array.from(b.op);
    const forwardCode = op.slice();
    const backwardCode = op.slice();
    const runLength = new Int32Array(n);
    const runs = b.runs;
    for (let r = 0; r < runs.length; r += 2) {
      const start = runs[r] as number;
      const end = runs[r + 1] as number;
      forwardCode[start] = MUL_ADD;
      runLength[start] = end - start + 1;
      backwardCode[end] = MUL_ADD;
      runLength[end] = end - start + 1;
    }
    this.nodes = b.nodes;
    this.op = op;
    this.a = Int32Array.from(b.a);
    this.b = Int32Array.from(b.b);
    this.k = new Float64Array(n);
    for (let p = 0; p < b.pows.length; p += 2) this.k[b.pows[p] as number] = b.pows[p + 1] as number;
    this.leafIndex = Int32Array.from(b.leafList);
    this.leaves = b.leaves;
    this.customOps = b.customOps;
    this.customStart = Int32Array.from(b.customStart);
    this.customArgs = Int32Array.from(b.customArgs);
    this.forwardCode = forwardCode;
    this.backwardCode = backwardCode;
    this.runLength = runLength;
    this.values = Float64Array.from(b.values);
    this.markBase = markBase;
  }
}

/**
 * Traces the graph under `root` (which must be a Value). @internal
 *
 * One depth-first traversal, the same as `topoOrder`'s (parents in argument order), that writes each
 * node's row of the trace as the node is finished: its index, op code, parents' indices, exponent and
 * value, and the (multiply, add) runs. Node i's `_mark` becomes `markBase + i`, and a parent's index is
 * read back from its mark (parents are finished first), so no Map of the nodes is needed. Each Value is
 * read while it is fresh in the cache, once.
 */
export function trace(root: Value): Trace {
  const b = new Builder();
  const entered = freshMark();
  const base = entered + 1;
  const stack: Value[] = [root];
  while (stack.length > 0) {
    const v = stack[stack.length - 1] as Value;
    const mark = v._mark;
    if (mark > entered) {
      stack.pop(); // reached again by another path: already in the trace
    } else if (mark === entered) {
      stack.pop(); // all its parents are in the trace
      v._mark = base + b.n;
      b.add(v, base);
    } else {
      v._mark = entered;
      const args = v._args;
      if (args) {
        for (let i = args.length - 1; i >= 0; i--) pushUnvisited(stack, args[i] as Value, entered);
      } else {
        if (v._b) pushUnvisited(stack, v._b, entered);
        if (v._a) pushUnvisited(stack, v._a, entered);
      }
    }
  }
  reserveMarks(base + b.n);
  return new Trace(b, base);
}

function pushUnvisited(stack: Value[], v: Value, entered: number): void {
  if (v._mark < entered) stack.push(v);
}

/**
 * The trace's columns while they grow, as plain arrays (copied into typed arrays of the final size by
 * `Trace`): growing typed arrays would leave their outgrown buffers behind as external memory, which
 * was measured to bring on an early full garbage collection of the whole graph (~15 ms for the demo).
 */
class Builder {
  n = 0;
  nodes: Value[] = [];
  op: number[] = [];
  a: number[] = [];
  b: number[] = [];
  values: number[] = [];
  /** `pow(number)` nodes as [index, exponent, …]. */
  pows: number[] = [];
  leafList: number[] = [];
  leaves: Value[] = [];
  customOps: CompiledCustomOp[] = [];
  customStart: number[] = [0];
  customArgs: number[] = [];
  /** Finished runs as [first node, last node, …], and the open run (-1: none). */
  runs: number[] = [];
  runStart = -1;
  runEnd = -1;

  /** Appends node `v` (its parents are in already; node j's mark is `base + j`). */
  add(v: Value, base: number): void {
    const i = this.n;
    this.n = i + 1;
    this.nodes.push(v);
    const code = v._code;
    this.op.push(code);
    const d = v.data;
    this.values.push(typeof d === "number" ? d : Number.NaN);
    if (code === LEAF) {
      this.a.push(-1);
      this.b.push(-1);
      this.leafList.push(i);
      this.leaves.push(v);
    } else if (code === CUSTOM) {
      this.addCustom(v, base);
    } else {
      const a = (v._a as Value)._mark - base;
      const pb = v._b;
      const b = pb ? pb._mark - base : -1;
      this.a.push(a);
      this.b.push(b);
      if (code === POW) this.pows.push(i, v._k);
      else if (code === ADD && b === i - 1 && this.op[i - 1] === MUL) this.pair(i, a);
    }
  }

  /** Node i = a + (multiply i - 1): it extends the open run if that ended at the add i - 2 = a. */
  private pair(i: number, a: number): void {
    // both comparisons run on every call (no short-circuit): V8 optimizes this loop while the first
    // example's graph is traced, where runs never continue, and an operation it has not seen run by
    // then would throw the optimized code away when it first does
    const continuesAdd = a === i - 2;
    const continuesRun = this.runEnd === i - 2;
    if (continuesAdd && continuesRun) {
      this.runEnd = i;
      return;
    }
    if (this.runEnd >= 0) this.runs.push(this.runStart, this.runEnd);
    this.runStart = i - 1;
    this.runEnd = i;
  }

  /** Records custom node `v`: its `b` is its slot in the custom tables, its `a` its first input. */
  private addCustom(v: Value, base: number): void {
    const impl = v._custom as CompiledCustomOp;
    if (typeof impl.forwardNumbers !== "function") {
      throw new TypeError(
        `compile: custom op "${impl.name}" has no forwardNumbers(); define custom ops with defineOp()`,
      );
    }
    const args = v._args as Value[];
    this.a.push((args[0] as Value)._mark - base);
    this.b.push(this.customOps.length);
    this.customOps.push(impl);
    for (const p of args) this.customArgs.push(p._mark - base);
    this.customStart.push(this.customArgs.length);
  }
}
