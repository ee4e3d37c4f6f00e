import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AnomalyError,
  CompiledGraph,
  compile,
  defineOp,
  detectAnomaly,
  topoOrder,
  Value,
} from "../../packages/micrograd-ts/src/index.js";
import { buildExpression, close, reference } from "../helpers/reference.js";

/** Object-engine results for a graph: root value and every node's grad after a fresh backward. */
function objectResults(root: Value): { value: number; grads: Map<Value, number> } {
  const nodes = topoOrder(root);
  for (const v of nodes) v.grad = 0;
  root.backward();
  return { value: root.data, grads: new Map(nodes.map((v) => [v, v.grad])) };
}

/** Every node's compiled grad vs the object engine's, exactly (Object.is: NaN = NaN, 0 != -0). */
function expectSameGrads(g: CompiledGraph, grads: Map<Value, number>): void {
  const bad: string[] = [];
  for (const [v, grad] of grads) {
    const got = g.grads[g.indexOf(v)];
    if (!Object.is(got, grad)) bad.push(`${v.label || v.op}: ${got} != ${grad}`);
  }
  expect(bad).toEqual([]);
}

describe("compile: agreement with the object engine on the PyTorch reference expressions", () => {
  it("has the reference cases", () => {
    expect(reference.expressions.length).toBeGreaterThan(300);
  });
  for (const e of reference.expressions) {
    it(e.name, () => {
      const { nodes, out } = buildExpression(e);
      const obj = objectResults(out);
      const g = compile(out);
      expect(g.size).toBe(obj.grads.size);
      expect(g.forward()).toBe(obj.value);
      g.backward();
      expectSameGrads(g, obj.grads);
      // leaf .grad written by backward, and still right against PyTorch
      for (const [name, want] of Object.entries(e.grads)) {
        const leaf = nodes.get(name) as Value;
        expect(leaf.grad).toBe(obj.grads.get(leaf) ?? 0); // an input the output does not use keeps 0
        expect(close(leaf.grad, want)).toBe(true);
      }
      expect(close(g.values[g.size - 1], e.value)).toBe(true);
    });
  }
});

// ---- random graphs ----

type Step = { op: number; a: number; b: number; k: number };
const UNARY = [
  "neg",
  "exp",
  "log",
  "tanh",
  "relu",
  "sigmoid",
  "abs",
  "sqrt",
  "sin",
  "cos",
  "detach",
] as const;
const BINARY = ["add", "sub", "mul", "div", "powv"] as const;
// + the n-ary ops over a few earlier nodes (sum, dot with and without a start, max, min, select with an
// index leaf), pow(k), add(constant), mul(constant) (k = 0 makes gradients of exactly 0, which the
// compiled backward skips) and a neuron's next term last + a * b (the compiled path's fused runs)
const NARY = ["sum", "dot", "dotb", "max", "min", "select"] as const;
const NOPS = UNARY.length + BINARY.length + NARY.length + 4;

/** Builds a random program over `xs` (leaves); each step may reuse any earlier node (sharing). */
function buildRandom(xs: Value[], steps: Step[]): Value {
  const nodes: Value[] = [...xs];
  for (const s of steps) {
    const a = nodes[s.a % nodes.length];
    const b = nodes[s.b % nodes.length];
    let v: Value;
    if (s.op < UNARY.length) v = a[UNARY[s.op] as (typeof UNARY)[number]]();
    else if (s.op < UNARY.length + BINARY.length) {
      const name = BINARY[s.op - UNARY.length] as (typeof BINARY)[number];
      v = name === "powv" ? a.pow(b) : a[name](b);
    } else if (s.op < UNARY.length + BINARY.length + NARY.length) {
      // 1 to 4 earlier nodes from a, stepping by b (repeats allowed: gradients accumulate)
      const n = 1 + (s.b % 4);
      const list = Array.from({ length: n }, (_, j) => nodes[(s.a + j * (1 + s.b)) % nodes.length]);
      const other = Array.from({ length: n }, (_, j) => nodes[(s.b + j * 7) % nodes.length]);
      const name = NARY[s.op - UNARY.length - BINARY.length];
      if (name === "sum") v = Value.sum(list);
      else if (name === "dot") v = Value.dot(list, other);
      else if (name === "dotb") v = Value.dot(list, other, b);
      else if (name === "max") v = Value.max(list);
      else if (name === "min") v = Value.min(list);
      else v = Value.select(list, new Value(s.a % n, "index"));
    } else if (s.op === NOPS - 4) v = a.pow(s.k);
    else if (s.op === NOPS - 3)
      v = a.add(s.k); // a constant leaf
    else if (s.op === NOPS - 2) v = a.mul(s.k);
    else v = nodes[nodes.length - 1].add(a.mul(b));
    nodes.push(v);
  }
  // sum a few late nodes so that the root reaches several paths
  let root = nodes[nodes.length - 1];
  for (let i = Math.max(0, nodes.length - 3); i < nodes.length - 1; i++) root = root.add(nodes[i]);
  return root;
}

const stepArb = fc.record({
  op: fc.integer({ min: 0, max: NOPS - 1 }),
  a: fc.nat(1000),
  b: fc.nat(1000),
  k: fc.constantFrom(-1, 0.5, 2, 3, -2.5, 0),
});
// mostly small numbers, sometimes exactly 0 or ±Infinity (0 * Infinity = NaN must not be skipped)
const valueArb = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
);

describe("compile: random graphs (fast-check)", () => {
  it("forward and every gradient equal the object engine's, bit for bit, also after changing leaves", () => {
    fc.assert(
      fc.property(
        fc.array(valueArb, { minLength: 1, maxLength: 5 }),
        fc.array(valueArb, { minLength: 5, maxLength: 5 }),
        fc.array(stepArb, { minLength: 1, maxLength: 60 }),
        (x0, x1, steps) => {
          const xs = x0.map((x, i) => new Value(x, `x${i}`));
          const root = buildRandom(xs, steps);
          const obj = objectResults(root);
          const g = compile(root);
          expect(g.forward()).toBe(obj.value);
          g.backward();
          expectSameGrads(g, obj.grads);

          // replay with new leaf values = a fresh object graph built at those values
          xs.forEach((x, i) => {
            x.data = x1[i];
          });
          const fresh = xs.map((x, i) => new Value(x1[i], x.label));
          const root2 = buildRandom(fresh, steps);
          const obj2 = objectResults(root2);
          expect(g.forward()).toBe(obj2.value);
          g.backward();
          const nodes2 = topoOrder(root2);
          expect(nodes2.length).toBe(g.size);
          nodes2.forEach((v, i) => {
            expect(g.values[i]).toBe(v.data);
            expect(g.grads[i]).toBe(obj2.grads.get(v));
          });
          xs.forEach((x, i) => {
            expect(x.grad).toBe(fresh[i].grad);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("compile: replay", () => {
  it("readLeaves and forwardRange: replays one part of a graph from the numbers in values", () => {
    // two independent parts, traced one after the other: p = a * b, then q = exp(c) + a
    const a = new Value(2, "a");
    const b = new Value(3, "b");
    const c = new Value(0.5, "c");
    const p = a.mul(b);
    const q = c.exp().add(a);
    const g = compile(Value.sum([p, q]));
    g.forward();
    const pEnd = g.indexOf(p) + 1;
    const qEnd = g.indexOf(q) + 1;
    expect(g.values[g.indexOf(q)]).toBe(Math.exp(0.5) + 2);
    a.data = 5;
    c.data = 1;
    g.forwardRange(0, pEnd); // no leaf read: a is still 2 in values
    expect(g.values[g.indexOf(p)]).toBe(6);
    g.values[g.indexOf(b)] = 7; // an input written into the graph directly
    g.forwardRange(0, pEnd);
    expect(g.values[g.indexOf(p)]).toBe(14);
    expect(g.values[g.indexOf(q)]).toBe(Math.exp(0.5) + 2); // the other part untouched
    g.readLeaves(); // a = 5, b = 3, c = 1
    g.forwardRange(pEnd, qEnd);
    expect(g.values[g.indexOf(q)]).toBe(Math.exp(1) + 5);
    expect(g.values[g.indexOf(p)]).toBe(14);
    expect(g.values[g.size - 1]).toBe(6 + Math.exp(0.5) + 2); // the root was not replayed
    expect(g.forward()).toBe(15 + Math.exp(1) + 5);
    expect(() => g.forwardRange(2, 1)).toThrow(
      `CompiledGraph.forwardRange(from, to): need integers 0 <= from <= to <= ${g.size} (the graph's size), got from = number 2, to = number 1`,
    );
    expect(() => g.forwardRange(0, g.size + 1)).toThrow(/0 <= from <= to/);
    expect(() => g.forwardRange(0.5, 2)).toThrow(/0 <= from <= to/);
    a.data = Number.NaN;
    (c as { data: unknown }).data = "x";
    expect(() => g.readLeaves()).toThrow(/leaf "c" has .data = /);
  });

  it("forwardRange ending inside a fused (multiply, add) run computes exactly the nodes asked for", () => {
    const w = [new Value(1, "w0"), new Value(2, "w1"), new Value(3, "w2")];
    const x = [new Value(4, "x0"), new Value(5, "x1"), new Value(6, "x2")];
    const b = new Value(0.5, "b");
    // b + w0*x0 + w1*x1 + w2*x2 as a chain of add/mul nodes, traced after its leaves: side by side, one
    // fused run (mul, add, mul, add, mul, add)
    const adds: Value[] = [];
    w.reduce((acc, wi, i) => {
      adds.push(acc.add(wi.mul(x[i])));
      return adds[i];
    }, b);
    const g = compile(Value.sum([Value.sum([...w, ...x, b]), adds[2]]));
    expect(g.indexOf(adds[2]) - g.indexOf(adds[0])).toBe(4); // the run is contiguous
    g.forward();
    w[0].data = 10;
    w[1].data = 20;
    g.readLeaves();
    g.forwardRange(0, g.indexOf(adds[0]) + 1);
    expect(g.values[g.indexOf(adds[0])]).toBe(0.5 + 10 * 4);
    expect(g.values[g.indexOf(adds[1])]).toBe(0.5 + 1 * 4 + 2 * 5); // past the range: not recomputed
    g.forwardRange(0, g.size);
    expect(g.values[g.indexOf(adds[2])]).toBe(0.5 + 10 * 4 + 20 * 5 + 3 * 6);
  });

  it("re-reads parameters and inputs on every forward (a tiny neuron trained both ways)", () => {
    const make = () => {
      const w = [new Value(0.3, "w0"), new Value(-0.7, "w1")];
      const b = new Value(0.1, "b");
      const x = [new Value(0, "x0"), new Value(0, "x1")];
      const out = b.add(w[0]?.mul(x[0]) as Value).add(w[1]?.mul(x[1]) as Value);
      const loss = out.tanh().sub(new Value(0, "y")).pow(2);
      return { params: [...w, b], x, loss };
    };
    const batch = [
      [1, 2, 1],
      [-1, 0.5, -1],
      [0.25, -3, 1],
    ];
    const compiled = make();
    const g = compile(compiled.loss);
    const y = g.leaves.find((l) => l.label === "y") as Value;
    const reference = make();
    for (let step = 0; step < 12; step++) {
      const [x0, x1, t] = batch[step % batch.length];
      // compiled: assign inputs, replay
      compiled.x[0].data = x0 as number;
      compiled.x[1].data = x1 as number;
      y.data = t as number;
      const l1 = g.forward();
      g.backward();
      // object engine: rebuild with the same numbers
      const xs = [new Value(x0 as number), new Value(x1 as number)];
      const [w0, w1, b] = reference.params as [Value, Value, Value];
      const loss = b
        .add(w0.mul(xs[0]))
        .add(w1.mul(xs[1]))
        .tanh()
        .sub(new Value(t as number))
        .pow(2);
      for (const p of reference.params) p.grad = 0;
      loss.backward();
      expect(l1).toBe(loss.data);
      compiled.params.forEach((p, i) => {
        expect(p.grad).toBe(reference.params[i].grad);
      });
      for (const ps of [compiled.params, reference.params]) for (const p of ps) p.data -= 0.1 * p.grad;
    }
  });

  it("backward overwrites leaf grads (calling it twice does not double them)", () => {
    const a = new Value(2, "a");
    const f = a.mul(a).add(a);
    const g = compile(f);
    a.grad = 100;
    g.forward();
    g.backward();
    expect(a.grad).toBe(5);
    g.backward();
    expect(a.grad).toBe(5);
  });

  it("backward before any forward uses the traced values", () => {
    const a = new Value(1.5, "a");
    const b = new Value(-2, "b");
    const f = a.mul(b).exp().add(b.tanh());
    const obj = objectResults(f);
    const g = compile(f);
    g.backward();
    expectSameGrads(g, obj.grads);
  });
});

describe("compile: sharing", () => {
  it("shared subexpressions and leaves reached by several paths", () => {
    const a = new Value(0.8, "a");
    const b = new Value(-1.3, "b");
    const ab = a.mul(b); // used three times
    const sq = a.mul(a); // same parent twice
    const f = ab.add(ab.tanh()).mul(ab.sigmoid()).add(sq).sub(a.div(b)).add(b.pow(3)).add(ab.relu().neg());
    const obj = objectResults(f);
    const g = compile(f);
    expect(g.forward()).toBe(obj.value);
    g.backward();
    expectSameGrads(g, obj.grads);
    expect(a.grad).toBe(obj.grads.get(a));
    expect(b.grad).toBe(obj.grads.get(b));
    // each node appears once
    expect(new Set(g.nodes).size).toBe(g.size);
  });

  it("does not disturb the object engine: backward on the same graph after compile still agrees", () => {
    const a = new Value(0.5, "a");
    const shared = a.exp();
    const f = shared.mul(shared).add(shared.log());
    const before = objectResults(f);
    const g = compile(f);
    const again = objectResults(f);
    expect([...again.grads.values()]).toEqual([...before.grads.values()]);
    expect(topoOrder(f)).toEqual(g.nodes);
    // a second compile of a subgraph and of the whole graph
    const sub = compile(shared);
    expect(sub.size).toBe(2);
    expect(compile(f).nodes).toEqual(g.nodes);
  });

  it("a product added to itself (m + m: a fused run whose add reads its own product) replays right", () => {
    const x = new Value(3, "x");
    const y = new Value(-2, "y");
    const m = x.mul(y);
    const f = m.add(m).add(x.mul(m)); // the second pair continues the run: (m + m) + x * m
    const g = compile(f);
    for (const [xv, yv] of [
      [3, -2],
      [0.5, 4],
      [-1.25, 0],
    ] as const) {
      x.data = xv;
      y.data = yv;
      const want = new Value(xv).mul(new Value(yv));
      expect(g.forward()).toBe(want.add(want).add(new Value(xv).mul(want)).data);
      g.backward();
      const xo = new Value(xv);
      const yo = new Value(yv);
      const mo = xo.mul(yo);
      mo.add(mo).add(xo.mul(mo)).backward();
      expect([x.grad, y.grad]).toEqual([xo.grad, yo.grad]);
    }
  });

  it("traces that share nodes and traversals in between do not confuse each other's node numbers", () => {
    const x = new Value(1.5, "x");
    const y = new Value(-0.5, "y");
    const inner = x.mul(y).add(x); // traced first, then again as part of outer
    const outer = inner.tanh().mul(y).add(inner.exp());
    const gInner = compile(inner);
    outer.backward(); // an object-engine traversal in between
    const gOuter = compile(outer);
    const gInner2 = compile(inner);
    const order = topoOrder(outer);
    expect(gOuter.nodes).toEqual(order);
    order.forEach((v, i) => {
      expect(gOuter.indexOf(v)).toBe(i);
    });
    for (const g of [gInner, gInner2]) {
      expect(g.nodes).toEqual(topoOrder(inner));
      g.nodes.forEach((v, i) => {
        expect(g.indexOf(v)).toBe(i);
      });
      expect(g.indexOf(outer)).toBe(-1);
      expect(g.forward()).toBe(inner.data);
    }
    expect(gOuter.forward()).toBe(outer.data);
  });
});

describe("compile: custom ops", () => {
  const softplus = defineOp({
    name: "softplus",
    arity: 1,
    forward: (x) => Math.log1p(Math.exp(x)),
    derivatives: ([x]) => [1 / (1 + Math.exp(-(x as number)))],
  });
  // smooth max of two inputs: log(e^a + e^b)
  const logaddexp = defineOp({
    name: "logaddexp",
    arity: 2,
    forward: (a, b) => Math.log(Math.exp(a) + Math.exp(b)),
    derivatives: ([a, b], out) => [Math.exp((a as number) - out), Math.exp((b as number) - out)],
  });

  it("calls forwardNumbers / derivatives and agrees with the object engine", () => {
    const x = new Value(0.3, "x");
    const y = new Value(-1.1, "y");
    const build = (p: Value, q: Value) =>
      logaddexp(softplus(p.mul(q)), p)
        .mul(softplus(q))
        .add(logaddexp(q, q));
    const f = build(x, y);
    const obj = objectResults(f);
    const g = compile(f);
    expect(g.forward()).toBe(obj.value);
    g.backward();
    expectSameGrads(g, obj.grads);
    // replay at new values
    x.data = -0.4;
    y.data = 2.5;
    const x2 = new Value(-0.4);
    const y2 = new Value(2.5);
    const f2 = build(x2, y2);
    const obj2 = objectResults(f2);
    expect(g.forward()).toBe(obj2.value);
    g.backward();
    expect(x.grad).toBe(x2.grad);
    expect(y.grad).toBe(y2.grad);
  });
});

describe("compile: anomaly mode and non-finite values", () => {
  /** The AnomalyError the object engine throws for `build()` in anomaly mode. */
  function objectAnomaly(build: () => Value, phase: "forward" | "backward"): AnomalyError {
    try {
      detectAnomaly(() => {
        const f = build();
        if (phase === "backward") f.backward();
      });
    } catch (e) {
      return e as AnomalyError;
    }
    throw new Error("the object engine did not throw");
  }

  it("forward: names the node like the object engine", () => {
    const x = new Value(5, "x");
    const y = new Value(3, "y");
    const f = x.sub(y).log().mul(y); // log(-1) = NaN once x < y
    const g = compile(f);
    expect(detectAnomaly(() => g.forward())).toBe(f.data);
    x.data = 1;
    const want = objectAnomaly(() => new Value(1, "x").sub(new Value(3, "y")).log().mul(y), "forward");
    let got: unknown;
    try {
      detectAnomaly(() => g.forward());
    } catch (e) {
      got = e;
    }
    expect(got).toBeInstanceOf(AnomalyError);
    expect((got as AnomalyError).message).toBe(want.message);
    expect((got as AnomalyError).phase).toBe("forward");
    expect((got as AnomalyError).op).toBe("log");
    expect((got as AnomalyError).message).toContain("log");
  });

  it("backward: names the node like the object engine", () => {
    const build = (x0: number) => {
      const x = new Value(x0, "x");
      return x.pow(0.5).mul(new Value(2, "two")); // d/dx x^0.5 = Infinity at 0
    };
    const f = build(0);
    const g = compile(f);
    g.forward();
    const want = objectAnomaly(() => build(0), "backward");
    expect(want.phase).toBe("backward");
    let got: unknown;
    try {
      detectAnomaly(() => g.backward());
    } catch (e) {
      got = e;
    }
    expect(got).toBeInstanceOf(AnomalyError);
    expect((got as AnomalyError).message).toBe(want.message);
    expect((got as AnomalyError).node).toBe(f.prev[0]);
  });

  it("without anomaly mode non-finite values follow IEEE, like the object engine", () => {
    const x = new Value(0, "x");
    const f = x.log().add(x.pow(0.5)).mul(x);
    const obj = objectResults(f);
    const g = compile(f);
    expect(g.forward()).toBe(obj.value); // -Infinity * 0 = NaN
    expect(Number.isNaN(g.values[g.size - 1])).toBe(true);
    g.backward();
    expectSameGrads(g, obj.grads);
  });
});

describe("compile: bad input", () => {
  it("compile() of something that is not a Value is a TypeError", () => {
    for (const bad of [3, "a", null, undefined, {}, [new Value(1)]]) {
      expect(() => compile(bad as unknown as Value)).toThrow(TypeError);
    }
    expect(() => compile(3 as unknown as Value)).toThrow(/root must be a Value, got number 3/);
  });

  it("a leaf whose .data is not a number: forward throws naming the leaf", () => {
    const w = new Value(1, "weight");
    const f = w.mul(2).add(1);
    const g = compile(f);
    (w as unknown as { data: unknown }).data = "abc";
    expect(() => g.forward()).toThrow(TypeError);
    expect(() => g.forward()).toThrow(/leaf "weight" has \.data = string "abc"/);
    w.data = 4;
    expect(g.forward()).toBe(9);
    const k = g.leaves.find((l) => l.label === "") as Value; // the constant 2
    (k as unknown as { data: unknown }).data = undefined;
    expect(() => g.forward()).toThrow(/unlabeled leaf #\d+ \(node \d+\) has \.data = undefined/);
  });
});

describe("compile: access for visualisation", () => {
  it("values, grads, nodes, indexOf and writeBack", () => {
    const a = new Value(3, "a");
    const b = new Value(-2, "b");
    const c = a.mul(b);
    c.label = "c";
    const f = c.add(a).tanh();
    const g = compile(f);
    expect(g).toBeInstanceOf(CompiledGraph);
    expect(g.root).toBe(f);
    expect(g.nodes[g.size - 1]).toBe(f);
    expect(g.indexOf(new Value(1))).toBe(-1);
    a.data = 0.5;
    g.forward();
    g.backward();
    const ic = g.indexOf(c);
    expect(g.values[ic]).toBe(-1);
    expect(c.data).toBe(-6); // not written until writeBack
    a.data = 0.25; // e.g. an optimizer step after backward
    g.writeBack();
    expect(c.data).toBe(-1);
    expect(c.grad).toBe(g.grads[ic]);
    expect(f.data).toBe(Math.tanh(-0.5));
    expect(a.data).toBe(0.25); // leaf data is never overwritten
    expect(g.leaves).toEqual([a, b]);
  });

  it("a graph that is a single leaf", () => {
    const x = new Value(3, "x");
    const g = compile(x);
    expect(g.size).toBe(1);
    x.data = 4;
    expect(g.forward()).toBe(4);
    g.backward();
    expect(x.grad).toBe(1);
  });

  it("a long chain (200,000 nodes) compiles and replays without recursion", () => {
    const x = new Value(1, "x");
    let v = x;
    for (let i = 0; i < 200_000; i++) v = v.mul(0.99999).add(1e-6);
    const g = compile(v);
    const obj = objectResults(v);
    expect(g.forward()).toBe(obj.value);
    g.backward();
    expect(x.grad).toBe(obj.grads.get(x));
  });
});
