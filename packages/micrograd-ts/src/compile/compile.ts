/**
 * The compiled path: trace a graph once into flat typed arrays, then replay its forward and backward
 * passes on numbers as often as you like, without building a single Value. Same arithmetic, same order,
 * same results as the object engine — only much faster (no allocation, no garbage collection).
 */
import { anomaly } from "../engine/anomaly.js";
import { Value } from "../engine/value.js";
import { describeArg } from "../util/describe-arg.js";
import { checkOptions, optionKeys } from "../util/options.js";
import { backwardInterpreted, forwardInterpreted } from "./interpreter.js";
import { dropInterior, type Trace, trace } from "./trace.js";

/** Options of `compile`. */
export interface CompileOptions {
  /**
   * Keep the graph's Value objects (default true): `nodes`, `root`, `indexOf` of any node and `writeBack`
   * need them. With false only the leaves are kept, so the Values of a big graph (a cached graph per
   * sequence length, say) can be garbage-collected; replays are unchanged.
   */
  keepNodes?: boolean;
}

/**
 * A graph traced by `compile`: replay it with `forward()` and `backward()`.
 *
 * Node `i` of the trace is `nodes[i]`; its current value is `values[i]` and its gradient `grads[i]`.
 * Parents come before children and the root is last (`topoOrder`'s order).
 */
export class CompiledGraph {
  /** Number of nodes (leaves included). */
  readonly size: number;
  /** The leaves (inputs, parameters and constants), in trace order. */
  readonly leaves: readonly Value[];
  /** Current value of every node: after `forward()`, or the traced `.data` before the first one. */
  readonly values: Float64Array;
  /** d root / d node for every node, after `backward()` (zeros before). */
  readonly grads: Float64Array;
  /** False when compiled with `keepNodes: false`: only the leaves' Values are kept. */
  readonly keepsNodes: boolean;

  private readonly t: Trace;
  private index: Map<Value, number> | null = null;

  /** Use `compile(root)`. @internal */
  constructor(t: Trace, keepNodes: boolean) {
    this.t = t;
    this.leaves = t.leaves;
    this.size = t.nodes.length;
    this.values = t.values;
    this.grads = new Float64Array(this.size);
    this.keepsNodes = keepNodes;
    if (!keepNodes) dropInterior(t);
  }

  /** The Value the graph was traced from (the last node). */
  get root(): Value {
    return this.allNodes("root")[this.size - 1];
  }

  /** Every node of the graph in trace order (parents first, the root last). */
  get nodes(): readonly Value[] {
    return this.allNodes("nodes");
  }

  /**
   * Re-reads `.data` of every leaf, recomputes every node and returns the root's value. In anomaly mode
   * the first op giving NaN or ±Infinity throws an `AnomalyError` naming the node.
   * @throws TypeError if a leaf's `.data` is not a number (naming the leaf)
   */
  forward(): number {
    this.readLeaves();
    forwardInterpreted(this.t, this.values, anomaly.enabled);
    return this.values[this.size - 1];
  }

  /**
   * Copies `.data` of every leaf into `values` (what `forward()` does first).
   * @throws TypeError if a leaf's `.data` is not a number (naming the leaf)
   */
  readLeaves(): void {
    const v = this.values;
    const leaves = this.t.leaves;
    const leafIndex = this.t.leafIndex;
    for (let j = 0; j < leaves.length; j++) {
      const d = leaves[j].data;
      if (typeof d !== "number") this.badLeaf(j, d);
      v[leafIndex[j]] = d;
    }
  }

  /**
   * Recomputes nodes `from` .. `to - 1` only (trace order), from the numbers in `values` as they are: no
   * leaf is read (write the inputs that changed into `values[indexOf(leaf)]`, or call `readLeaves()`).
   * For a graph of independent parts replayed one at a time — `CompiledMicroGptInference` traces every
   * position of a sequence into one graph and replays one position per token. Anomaly mode as `forward`.
   * @throws RangeError unless 0 <= from <= to <= size (integers)
   */
  forwardRange(from: number, to: number): void {
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from > to || to > this.size) {
      throw new RangeError(
        `CompiledGraph.forwardRange(from, to): need integers 0 <= from <= to <= ${this.size} (the graph's size), got from = ${describeArg(from)}, to = ${describeArg(to)}`,
      );
    }
    forwardInterpreted(this.t, this.values, anomaly.enabled, from, to);
  }

  /**
   * Computes d root / d node for every node from the values of the last `forward()` and writes `.grad` of
   * every leaf Value — overwriting, as if zeroed first (no accumulation across calls, unlike
   * `Value.backward`). Non-leaf Values are not touched; see `writeBack`.
   */
  backward(): void {
    const t = this.t;
    const g = this.grads;
    backwardInterpreted(t, this.values, g, anomaly.enabled);
    const leaves = t.leaves;
    const leafIndex = t.leafIndex;
    for (let j = 0; j < leaves.length; j++) leaves[j].grad = g[leafIndex[j]];
  }

  /**
   * Position of `v` in `nodes` (and in `values`/`grads`), or -1 if it is not part of this graph (with
   * `keepNodes: false`, only leaves are found).
   */
  indexOf(v: Value): number {
    // fast path: right after tracing, a node's traversal mark still holds markBase + index (see trace.ts);
    // a later traversal may have changed it, so the answer is checked before it is trusted
    const guess = v._mark - this.t.markBase;
    const nodes = this.t.nodes;
    if (guess >= 0 && guess < this.size && nodes[guess] === v) return guess;
    if (!this.index) {
      this.index = new Map();
      for (let i = 0; i < this.size; i++) {
        const node = nodes[i];
        if (node) this.index.set(node, i);
      }
    }
    return this.index.get(v) ?? -1;
  }

  /**
   * Copies the replayed numbers into the Value objects, for drawing the graph (`toDot`) or inspecting it:
   * `.data` of every non-leaf node and `.grad` of every node. Leaf `.data` is never written: the leaves'
   * numbers are yours (an optimizer may already have updated them).
   */
  writeBack(): void {
    const nodes = this.allNodes("writeBack()");
    const { values, grads } = this;
    const op = this.t.op;
    for (let i = 0; i < this.size; i++) {
      const node = nodes[i];
      if (op[i] !== 0) node.data = values[i];
      node.grad = grads[i];
    }
  }

  /** The nodes, or a clear error for a graph compiled with `keepNodes: false`. */
  private allNodes(what: string): readonly Value[] {
    if (!this.keepsNodes) {
      throw new TypeError(
        `CompiledGraph.${what}: this graph was compiled with { keepNodes: false }, so only its leaves are kept; compile with keepNodes: true to inspect its nodes`,
      );
    }
    return this.t.nodes as Value[];
  }

  private badLeaf(j: number, d: unknown): never {
    const leaf = this.t.leaves[j];
    const name = leaf.label ? `leaf "${leaf.label}"` : `unlabeled leaf #${j} (node ${this.t.leafIndex[j]})`;
    throw new TypeError(
      `CompiledGraph.forward(): ${name} has .data = ${describeArg(d)}; a leaf's .data must be a number`,
    );
  }
}

/**
 * Traces the graph under `root` once into typed arrays, for fast replays:
 *
 * ```ts
 * const { loss } = buildMoonsDemoLoss(model, xs, ys); // build the graph once, as usual
 * const g = compile(loss);
 * for (let step = 0; step < 100; step++) {
 *   g.forward();   // re-reads every leaf's .data (parameters and inputs), returns the loss
 *   g.backward();  // writes .grad of every leaf
 *   for (const p of model.parameters()) p.data -= 0.1 * p.grad;
 * }
 * ```
 *
 * **The structure is frozen at trace time.** Only numbers change between replays: the leaves' `.data`.
 * Code that branched on `.data` while building the graph (`x.data > 0 ? x.mul(2) : x.neg()`) keeps the
 * branch it took then. Ops are not branches: `relu`, `tanh` etc. are recomputed exactly on every replay.
 * The results are bit-for-bit those of the object engine (same expressions, same order).
 *
 * @param root the output Value (e.g. the loss)
 * @param options `keepNodes` (default true): false keeps only the leaves' Values (see `CompileOptions`)
 * @throws TypeError if `root` is not a Value
 */
export function compile(root: Value, options: CompileOptions = {}): CompiledGraph {
  if (!(root instanceof Value)) {
    throw new TypeError(`compile(root): root must be a Value, got ${describeArg(root)}`);
  }
  checkOptions("compile(root, options)", options, optionKeys<CompileOptions>({ keepNodes: true }));
  const keep = options.keepNodes ?? true;
  if (typeof keep !== "boolean") {
    throw new TypeError(`compile(root, options): keepNodes must be true or false, got ${describeArg(keep)}`);
  }
  return new CompiledGraph(trace(root), keep);
}
