/**
 * Backward, one node at a time: the playground's **Step** button. `BackwardStepper` walks the graph
 * exactly like `Value.backward()` — non-leaf grads set to 0, the root's grad += 1, then every computed
 * node in reverse topological order runs the engine's own `_backward()` — and, before each node runs,
 * records the chain-rule step for each of its parents: local derivative x upstream grad = contribution,
 * and the parent's grad before and after adding it. Pure (no DOM), so it is unit-tested in Node.
 */
import { chainContributions, localGradients, localRules, topoOrder, Value } from "micrograd-ts";

/** One parent's share of a chain-rule step. */
export interface Contribution {
  /** The parent Value receiving the gradient. */
  parent: Value;
  /** Its position in the node's argument list (0 = first operand). */
  argIndex: number;
  /** Its index in the topological order (graph node id `n<index>` in `toDot`). */
  parentIndex: number;
  /** The local derivative d node / d parent, as a formula in the node's operands (e.g. "b", "1 - out²"). */
  rule: string;
  /** The local derivative's value. */
  local: number;
  /** The node's grad (d root / d node), flowing down from above. */
  upstream: number;
  /**
   * local x upstream: what this step adds into the parent's grad (0 where a routed op such as relu sends
   * the parent nothing, even when upstream is infinite; the engine's `chainRule`).
   */
  contribution: number;
  /** The parent's grad before this addition. */
  gradBefore: number;
  /** The parent's grad after this addition. */
  gradAfter: number;
}

/** What one call of `next()` did. */
export interface StepRecord {
  /** "seed": the root's grad += 1 (d root / d root = 1); "node": the chain rule through one computed node. */
  kind: "seed" | "node";
  /** The node whose gradient was just set ("seed") or propagated to its parents ("node"). */
  node: Value;
  /** The node's index in the topological order (graph node id `n<index>` in `toDot`). */
  index: number;
  /** The node's op ("" for a leaf). */
  op: string;
  /** One entry per argument of the node's op (empty for the seed step). */
  contributions: Contribution[];
  /** 1-based number of this step; `total` is how many steps the whole pass takes. */
  step: number;
  total: number;
}

/**
 * Local derivatives of a node with respect to each of its arguments, with the rule behind each — both
 * read from the engine's op table (`localGradients`, `localRules`), e.g. "d(a*b)/da = b". The stepper
 * shows them and then lets the engine apply its own chain rule.
 */
export function localDerivatives(v: Value): { rule: string; local: number }[] {
  if (!(v instanceof Value)) throw new TypeError("localDerivatives(v): v must be a Value");
  const locals = localGradients(v);
  const rules = localRules(v);
  return locals.map((local, i) => ({ rule: rules[i] ?? "", local }));
}

/** A name that can stand in a formula without parentheses: an identifier (any script) or a plain number. */
const SIMPLE = /^([\p{XID_Start}_]\p{XID_Continue}*|\d+(\.\d+)?)$/u;

/** `name`, in parentheses unless it is an identifier or a plain number (so `b·a^2` stays unambiguous). */
export function operand(name: string): string {
  return SIMPLE.test(name) ? name : `(${name})`;
}

/** The placeholder each operand has in the table's rules, by op: a and b; x0, x1, …; dot's s, w0, x0, … */
function placeholders(op: string, n: number, dotStart: boolean): string[] {
  if (op === "sum" || op === "max" || op === "min") return Array.from({ length: n }, (_, i) => `x${i}`);
  if (op === "dot") {
    const start = dotStart ? 1 : 0;
    return Array.from({ length: n }, (_, i) =>
      i < start ? "s" : `${(i - start) % 2 === 0 ? "w" : "x"}${(i - start) >> 1}`,
    );
  }
  return ["a", "b"].slice(0, n);
}

/**
 * A rule of the op table written in the program's own names: each operand's placeholder (a, b; x0, x1,
 * …; dot's s, w0, x0, …) becomes the operand's name, in one pass (so a program's own `a` or `b` is never
 * replaced twice), and "d(…)/da" is written "∂(…)/∂a". E.g. "d(a**3)/da = 3·a**2" for `b**3` reads
 * "∂(b**3)/∂b = 3·b**2"; names that are expressions get parentheses.
 * @param rule the table's rule, e.g. "d(a*b)/da = b"
 * @param op the node's op name (`value.op`)
 * @param operands the names shown for the node's operands, in argument order
 */
export function namedRule(rule: string, op: string, operands: readonly string[]): string {
  const holders = placeholders(op, operands.length, op === "dot" && operands.length % 2 === 1);
  const names = new Map(holders.map((h, i) => [h, operand(operands[i])]));
  const sub = (text: string) => text.replace(/\b(a|b|s|[xw]\d+)\b/g, (m) => names.get(m) ?? m);
  const m = /^d(.+)\/d(\w+) = (.*)$/.exec(rule);
  return m ? `∂${sub(m[1])}/∂${sub(m[2])} = ${sub(m[3])}` : sub(rule);
}

/**
 * Steps through `root.backward()` one node at a time. The first `next()` is the seed (non-leaf grads set
 * to 0, root.grad += 1); each later one runs one computed node's `_backward()`, in reverse topological
 * order. Leaves accumulate across passes, as with `backward()`.
 */
export class BackwardStepper {
  /** The value backward starts from. */
  readonly root: Value;
  /** Every value under the root, parents before children (same order and ids as `toDot`). */
  readonly topo: readonly Value[];
  /** The computed (non-leaf) nodes in the order their `_backward()` runs. */
  private readonly order: number[];
  private readonly indexOf: Map<Value, number>;
  private position = -1; // -1: not started; 0: seeded; k: k nodes done

  /** @param root the output whose gradient flows back (its graph is not changed until `next()`) */
  constructor(root: Value) {
    if (!(root instanceof Value)) throw new TypeError("new BackwardStepper(root): root must be a Value");
    this.root = root;
    this.topo = topoOrder(root);
    this.indexOf = new Map(this.topo.map((v, i) => [v, i]));
    this.order = [];
    for (let i = this.topo.length - 1; i >= 0; i--) {
      if (this.topo[i].op !== "") this.order.push(i);
    }
  }

  /** Steps in a full pass: the seed plus one per computed node. */
  get total(): number {
    return this.order.length + 1;
  }

  /** Steps taken so far (0 before the first `next()`). */
  get taken(): number {
    return this.position + 1;
  }

  /** True when every step of the pass has run. */
  get done(): boolean {
    return this.position >= this.order.length;
  }

  /** The node the next step will propagate from (null when done), e.g. to preview it. */
  peek(): Value | null {
    if (this.position < 0) return this.root;
    const i = this.order[this.position];
    return i === undefined ? null : this.topo[i];
  }

  /** Runs one step and describes it; null when the pass is complete. */
  next(): StepRecord | null {
    if (this.done) return null;
    if (this.position < 0) {
      for (const v of this.topo) if (v.op !== "") v.grad = 0;
      this.root.grad += 1;
      this.position = 0;
      return {
        kind: "seed",
        node: this.root,
        index: this.topo.length - 1,
        op: this.root.op,
        contributions: [],
        step: 1,
        total: this.total,
      };
    }
    const index = this.order[this.position];
    const v = this.topo[index];
    const parents = v.prev;
    const locals = localDerivatives(v);
    const upstream = v.grad;
    const adds = chainContributions(v);
    const running = new Map<Value, number>();
    const contributions: Contribution[] = parents.map((parent, argIndex) => {
      const { rule, local } = locals[argIndex] as { rule: string; local: number };
      const gradBefore = running.get(parent) ?? parent.grad;
      const contribution = adds[argIndex];
      const gradAfter = gradBefore + contribution;
      running.set(parent, gradAfter);
      return {
        parent,
        argIndex,
        parentIndex: this.indexOf.get(parent) as number,
        rule,
        local,
        upstream,
        contribution,
        gradBefore,
        gradAfter,
      };
    });
    v._backward(); // the engine's own chain rule does the actual update
    this.position++;
    return {
      kind: "node",
      node: v,
      index,
      op: v.op,
      contributions,
      step: this.position + 1,
      total: this.total,
    };
  }

  /** Runs the remaining steps; returns how many ran. */
  finish(): number {
    let n = 0;
    while (this.next()) n++;
    return n;
  }
}
