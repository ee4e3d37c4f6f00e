import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localRules } from "../../packages/micrograd-ts/src/engine/local.js";
import {
  AnomalyError,
  compile,
  detectAnomaly,
  gradcheck,
  localGradients,
  logSoftmax,
  MLP,
  softmax,
  toDot,
  topoOrder,
  Value,
} from "../../packages/micrograd-ts/src/index.js";
import { OP_LIST, opByKey } from "../../packages/micrograd-ts/src/internals.js";

const vals = (xs: number[]) => xs.map((x, i) => new Value(x, `x${i}`));

describe("the ops table", () => {
  it("defines every built-in op once, with a name, an arity, a forward, local derivatives and a rule", () => {
    const keys = OP_LIST.map((d) => d.key);
    for (const k of ["add", "sub", "mul", "div", "neg", "pow", "exp", "log", "tanh", "relu", "sigmoid"]) {
      expect(keys).toContain(k);
    }
    for (const k of ["abs", "sqrt", "sin", "cos", "detach", "sum", "dot", "max", "min", "select"]) {
      expect(keys).toContain(k);
    }
    expect(new Set(OP_LIST.map((d) => d.code)).size).toBe(OP_LIST.length);
    for (const d of OP_LIST) {
      expect(typeof d.forward).toBe("function");
      expect(typeof d.grads).toBe("function");
      expect(d.rule(0, 2)).toMatch(/d|gradient/);
    }
    expect(opByKey("mul")?.rule(0, 0)).toBe("d(a*b)/da = b");
    expect(opByKey("nosuch")).toBeUndefined();
  });

  it("localGradients and localRules read a node's step of the chain rule from the table", () => {
    const a = new Value(3, "a");
    const b = new Value(-2, "b");
    expect(localGradients(a.mul(b))).toEqual([-2, 3]);
    expect(localRules(a.mul(b))).toEqual(["d(a*b)/da = b", "d(a*b)/db = a"]);
    expect(localGradients(a.pow(2))).toEqual([6]);
    expect(localRules(a.pow(2))).toEqual(["d(a**2)/da = 2·a**1"]);
    expect(localGradients(Value.dot([a], [b], 1))).toEqual([1, -2, 3]);
    expect(localGradients(a)).toEqual([]);
  });
});

describe("new unary ops: forward, gradient, gradcheck", () => {
  const cases: [string, (v: Value) => Value, (x: number) => number, (x: number) => number][] = [
    ["abs", (v) => v.abs(), Math.abs, (x) => Math.sign(x)],
    ["sqrt", (v) => v.sqrt(), Math.sqrt, (x) => 0.5 / Math.sqrt(x)],
    ["sin", (v) => v.sin(), Math.sin, Math.cos],
    ["cos", (v) => v.cos(), Math.cos, (x) => -Math.sin(x)],
  ];
  for (const [name, f, fwd, d] of cases) {
    it(`${name}: value, gradient and a finite-difference check`, () => {
      for (const x of [0.3, 1.7, 2.9]) {
        const a = new Value(x);
        const y = f(a);
        expect(y.op).toBe(name);
        expect(y.data).toBe(fwd(x));
        y.backward();
        expect(a.grad).toBeCloseTo(d(x), 14);
        expect(gradcheck((v) => f(v as Value), [x]).ok).toBe(true);
      }
    });
  }

  it("abs'(0) = 0 and sqrt'(0) = +Infinity, as in PyTorch", () => {
    const a = new Value(0);
    a.abs().backward();
    expect(a.grad).toBe(0);
    const b = new Value(0);
    b.sqrt().backward();
    expect(b.grad).toBe(Number.POSITIVE_INFINITY);
  });

  it("detach: the same data, no gradient flows back (torch's .detach())", () => {
    const a = new Value(2.5, "a");
    const d = a.detach();
    expect(d.data).toBe(2.5);
    expect(d.op).toBe("detach");
    const y = d.mul(a); // only the second factor carries a gradient
    y.backward();
    expect(a.grad).toBe(2.5);
  });
});

describe("pow at zero follows PyTorch", () => {
  it("Value(0).pow(0) has gradient 0 (was NaN)", () => {
    const a = new Value(0);
    const y = a.pow(0);
    expect(y.data).toBe(1);
    y.backward();
    expect(a.grad).toBe(0);
  });
  it("Value(0).pow(Value(2)) gives the exponent gradient 0 (was NaN); 0 ** 0.5 keeps d/dbase = Infinity", () => {
    const a = new Value(0);
    const e = new Value(2);
    a.pow(e).backward();
    expect(e.grad).toBe(0);
    expect(a.grad).toBe(0);
    const b = new Value(0);
    b.pow(0.5).backward();
    expect(b.grad).toBe(Number.POSITIVE_INFINITY);
    const c = new Value(0);
    const h = new Value(0.5);
    c.pow(h).backward();
    expect(c.grad).toBe(Number.POSITIVE_INFINITY);
    expect(h.grad).toBe(0);
  });
});

describe("n-ary ops: ONE node each with n parents", () => {
  it("Value.sum adds left to right from 0, as Python's sum, with gradient 1 to each input (accumulating)", () => {
    const xs = vals([0.1, 0.2, 0.3]);
    const s = Value.sum([...xs, xs[0], 4]);
    expect(s.op).toBe("sum");
    expect(s.prev.length).toBe(5);
    expect(s.data).toBe(0 + 0.1 + 0.2 + 0.3 + 0.1 + 4);
    s.backward();
    expect(xs.map((x) => x.grad)).toEqual([2, 1, 1]);
    expect(Value.sum([]).data).toBe(0);
  });

  it("Value.dot is bit for bit the add/mul chain it replaces, forward and backward (fast-check)", () => {
    const num = fc.double({ min: -5, max: 5, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(num, num), { minLength: 1, maxLength: 12 }), num, (pairs, b0) => {
        const chain = () => {
          const w = vals(pairs.map((p) => p[0]));
          const x = vals(pairs.map((p) => p[1]));
          const b = new Value(b0);
          return { w, x, b };
        };
        const c = chain();
        let act = c.b;
        c.w.forEach((w, i) => {
          act = act.add(w.mul(c.x[i]));
        });
        const d = chain();
        const dot = Value.dot(d.w, d.x, d.b);
        expect(dot.data).toBe(act.data);
        expect(dot.prev.length).toBe(2 * pairs.length + 1);
        act.tanh().backward();
        dot.tanh().backward();
        expect(d.w.map((v) => v.grad)).toEqual(c.w.map((v) => v.grad));
        expect(d.x.map((v) => v.grad)).toEqual(c.x.map((v) => v.grad));
        expect(d.b.grad).toBe(c.b.grad);
        // without a start: Python's sum(w * x for …), 0 + w0*x0 + …
        const py = pairs.reduce((s, [w, x]) => s + w * x, 0);
        expect(
          Value.dot(
            pairs.map((p) => p[0]),
            pairs.map((p) => p[1]),
          ).data,
        ).toBe(py);
      }),
      { numRuns: 200 },
    );
  });

  it("Value.dot rejects lists of different lengths and bad elements, saying where", () => {
    expect(() => Value.dot([1, 2], [1])).toThrow(/ws and xs must have the same length, got 2 and 1/);
    expect(() => Value.dot([1, "2" as unknown as number], [1, 2])).toThrow(
      /ws\[1\] must be a Value or a number/,
    );
    expect(() => Value.dot("ab" as unknown as number[], [1])).toThrow(/ws must be an array/);
  });

  it("Value.max and Value.min send the gradient to the first extreme input (as torch.max(x, dim=0))", () => {
    const xs = vals([1, 5, -2, 5]);
    const m = Value.max(xs);
    expect(m.data).toBe(5);
    m.backward();
    expect(xs.map((x) => x.grad)).toEqual([0, 1, 0, 0]);
    const ys = vals([3, -2, 7, -2]);
    const n = Value.min(ys);
    expect(n.data).toBe(-2);
    n.backward();
    expect(ys.map((y) => y.grad)).toEqual([0, 1, 0, 0]);
    expect(() => Value.max([])).toThrow(/xs must not be empty/);
  });

  it("Value.select: xs[index], gradient to that element only; a bad index is a clear error", () => {
    const xs = vals([10, 20, 30]);
    const i = new Value(2, "i");
    const s = Value.select(xs, i);
    expect(s.data).toBe(30);
    s.mul(3).backward();
    expect(xs.map((x) => x.grad)).toEqual([0, 0, 3]);
    expect(i.grad).toBe(0);
    expect(() => Value.select(xs, 3)).toThrow(
      /index must be an integer from 0 to 2 \(xs has 3 values\), got 3/,
    );
    expect(() => Value.select(xs, 0.5)).toThrow(RangeError);
  });

  it("a compiled graph re-reads the select index on every forward: one graph for any token ids", () => {
    const table = vals([0.5, -1, 2, 4]);
    const ids = [new Value(0, "t0"), new Value(0, "t1")];
    const loss = Value.select(table, ids[0]).mul(Value.select(table, ids[1])).tanh();
    const g = compile(loss);
    for (const [a, b] of [
      [1, 2],
      [3, 3],
      [0, 2],
    ] as const) {
      ids[0].data = a;
      ids[1].data = b;
      const fresh = vals(table.map((t) => t.data));
      const want = Value.select(fresh, a).mul(Value.select(fresh, b)).tanh();
      want.backward();
      expect(g.forward()).toBe(want.data);
      g.backward();
      expect(table.map((t) => t.grad)).toEqual(fresh.map((t) => t.grad));
    }
    ids[0].data = 7;
    expect(() => g.forward()).toThrow(/index must be an integer from 0 to 3 \(xs has 4 values\), got 7/);
  });

  it("toDot draws an n-ary op as one op node with n incoming edges", () => {
    const xs = vals([1, 2, 3]);
    const dot = toDot(Value.sum(xs));
    const opNodes = dot.match(/n\d+_op \[label="sum"\]/g) ?? [];
    expect(opNodes.length).toBe(1);
    expect((dot.match(/-> n3_op;/g) ?? []).length).toBe(3);
  });

  it("anomaly mode names an n-ary op and its inputs", () => {
    const xs = vals([Number.POSITIVE_INFINITY, 1]);
    expect(() => detectAnomaly(() => Value.sum([xs[0], Number.NEGATIVE_INFINITY]))).toThrow(AnomalyError);
    expect(() => detectAnomaly(() => Value.dot(xs, [0, 1]))).toThrow(
      /op "dot" produced NaN .* inputs: "x0" = Infinity/,
    );
  });

  it("gradcheck passes through sum, dot, max, min and select", () => {
    const f = (a: Value, b: Value, c: Value) =>
      Value.dot([a, b], [c, Value.max([a, b, c])], Value.sum([a, b.mul(c)]))
        .add(Value.min([a, c]).mul(b))
        .add(Value.select([a, b, c], 1).sin());
    const r = gradcheck((...xs) => f(xs[0], xs[1], xs[2]), [0.3, -1.2, 0.8]);
    expect(r.ok).toBe(true);
  });
});

describe("softmax and logSoftmax: numerically stable", () => {
  it("logSoftmax([-900, 900])[0] is -1800 with gradients [1, -1]", () => {
    const xs = vals([-900, 900]);
    const y = logSoftmax(xs)[0];
    expect(y.data).toBe(-1800);
    y.backward();
    expect(xs.map((x) => x.grad)).toEqual([1, -1]);
  });
  it("softmax of huge logits is finite and sums to 1; its gradients pass gradcheck", () => {
    const p = softmax([1000, 1001, 999]).map((v) => v.data);
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    const r = gradcheck(
      (a, b, c) => softmax([a as Value, b as Value, c as Value])[1].log(),
      [0.2, -0.7, 1.1],
    );
    expect(r.ok).toBe(true);
    expect(() => softmax([])).toThrow(/logits must be a non-empty array/);
  });
});

describe("fused MLP: each neuron one Value.dot node", () => {
  it("gives the same loss, gradients and training bit for bit as the lecture's scalar graph, with ~half the nodes", () => {
    const plain = new MLP(3, [8, 8, 2], { seed: 7 });
    const fused = new MLP(3, [8, 8, 2], { seed: 7, fused: true });
    expect(fused.parameters().map((p) => p.data)).toEqual(plain.parameters().map((p) => p.data));
    const xs = [
      [0.5, -1, 2],
      [1.5, 0.25, -0.75],
      [-2, 1, 0],
    ];
    for (let step = 0; step < 5; step++) {
      const losses = [plain, fused].map((m) => {
        const outs = xs.map((x) => m.forward(x));
        const loss = Value.sum(outs.map((o) => o[0].sub(1).pow(2).add(o[1].relu())));
        for (const p of m.parameters()) p.grad = 0;
        loss.backward();
        return loss;
      });
      const [lp, lf] = losses as [Value, Value];
      expect(lf.data).toBe(lp.data);
      expect(fused.parameters().map((p) => p.grad)).toEqual(plain.parameters().map((p) => p.grad));
      if (step === 0) expect(topoOrder(lf).length).toBeLessThan(topoOrder(lp).length * 0.6);
      for (const m of [plain, fused]) for (const p of m.parameters()) p.data -= 0.05 * p.grad;
    }
  });

  it("forward(x, { fused }) overrides the model's choice per call: one dot node per neuron, or the chain", () => {
    const m = new MLP(2, [3, 1], { seed: 2 });
    const x = [0.5, -1.5];
    const chain = m.forward(x)[0];
    const dot = m.forward(x, { fused: true })[0];
    expect(dot.data).toBe(chain.data);
    // one input leaf per input (shared), then per neuron its 3 parameters, a dot node and a relu (3 hidden)
    // and, linear, the output's 4 parameters and its dot node
    expect(topoOrder(dot).length).toBe(2 + 3 * (3 + 2) + (4 + 1));
    expect(dot.op).toBe("dot");
    expect(chain.op).toBe("+");
    const f = new MLP(2, [3, 1], { seed: 2, fused: true });
    expect(f.forward(x)[0].op).toBe("dot");
    expect(f.forward(x, { fused: false })[0].op).toBe("+");
    expect(f.layers[0].forward(x, { fused: false })[0].op).toBe("ReLU");
    expect(f.layers[0].neurons[0].forward(x, { fused: false }).prev[0].op).toBe("+");
  });

  it("Layer and MLP go through their children's public forward and parameters()", () => {
    const m = new MLP(2, [3, 1], { seed: 1 });
    const layer = m.layers[1] as (typeof m.layers)[number];
    const neuron = layer.neurons[0] as (typeof layer.neurons)[number];
    neuron.forward = () => new Value(42);
    expect(m.forward([1, 2])[0].data).toBe(42);
    layer.parameters = () => [];
    expect(m.parameters().length).toBe(9);
  });

  it("a bad input element is named in the neuron's terms", () => {
    const m = new MLP(2, [3, 1], { seed: 1 });
    const n = m.layers[0]?.neurons[0];
    expect(() => n?.forward([1, "x" as unknown as number])).toThrow(
      /Neuron.forward\(x\): x\[1\] must be a Value or a number, got string "x"/,
    );
    const f = new MLP(2, [3, 1], { seed: 1, fused: true });
    expect(() => f.layers[0]?.neurons[0]?.forward([null as unknown as number, 1])).toThrow(
      /Neuron.forward\(x\): x\[0\] must be a Value or a number, got null/,
    );
  });

  it("compiles to the same numbers as its object graph", () => {
    const m = new MLP(2, [4, 1], { seed: 3, fused: true, activation: "tanh" });
    const x = [new Value(0.3), new Value(-0.4)];
    const out = m.forward(x)[0];
    const g = compile(out);
    out.backward();
    const grads = m.parameters().map((p) => p.grad);
    expect(g.forward()).toBe(out.data);
    g.backward();
    expect(m.parameters().map((p) => p.grad)).toEqual(grads);
  });
});
