/**
 * Graph traversal: the topological order `backward()` walks, and the traversal marks that let a
 * traversal visit each node once without a Set (each traversal takes fresh marks above all earlier ones).
 */
import type { Value } from "./value.js";

let visitEpoch = 0;

/**
 * Every value `root` depends on (itself included), parents before children: a topological order.
 * Iterative depth-first search with the same visiting order as micrograd's recursive `build_topo`:
 * a node is "entered" when first on top of the stack (its unvisited parents go on top of it) and
 * "finished" (appended) when it is on top again, after all its parents.
 */
export function topoOrder(root: Value): Value[] {
  visitEpoch += 2;
  const entered = visitEpoch;
  const finished = visitEpoch + 1;
  const order: Value[] = [];
  const stack: Value[] = [root];
  while (stack.length > 0) {
    const v = stack[stack.length - 1];
    if (v._mark === finished) {
      stack.pop();
    } else if (v._mark === entered) {
      stack.pop();
      v._mark = finished;
      order.push(v);
    } else {
      v._mark = entered;
      pushParents(stack, v, entered);
    }
  }
  return order;
}

/**
 * Pushes the parents of `v` not yet visited in the traversal whose marks start at `entered`, last parent
 * first, so that the first parent is visited first (micrograd's order). @internal
 */
export function pushParents(stack: Value[], v: Value, entered: number): void {
  const args = v._args;
  if (args) {
    for (let i = args.length - 1; i >= 0; i--) pushUnvisited(stack, args[i], entered);
  } else {
    if (v._b) pushUnvisited(stack, v._b, entered);
    if (v._a) pushUnvisited(stack, v._a, entered);
  }
}

function pushUnvisited(stack: Value[], v: Value, entered: number): void {
  if (v._mark < entered) stack.push(v);
}

/**
 * For traversals outside this file that number nodes through their marks (the compiled path's trace):
 * returns a mark above every mark in use. The traversal may use this mark and any above it; it must then
 * call `reserveMarks` with the highest mark it wrote, so later traversals start above them. (Marks keep
 * growing; past 2^30 or so V8 stores them as doubles instead of small integers: a little slower, still
 * right.)
 * @internal
 */
export function freshMark(): number {
  visitEpoch += 2;
  return visitEpoch;
}

/** Marks up to `highest` are in use (see `freshMark`). @internal */
export function reserveMarks(highest: number): void {
  if (highest > visitEpoch) visitEpoch = highest;
}
