import { describe, expect, it } from "vitest";
import { Value } from "../../packages/micrograd-ts/src/index.js";

describe("Value basics", () => {
  it("stores data, label and an empty op for leaves", () => {
    const a = new Value(2, "a");
    expect(a.data).toBe(2);
    expect(a.grad).toBe(0);
    expect(a.label).toBe("a");
    expect(a.op).toBe("");
    expect(a.prev).toEqual([]);
    expect(a.toString()).toBe("Value(data=2, grad=0, label=a)");
  });

  it("records parents in argument order and micrograd's op names", () => {
    const a = new Value(2, "a");
    const b = new Value(-3, "b");
    const cases: [Value, string, Value[]][] = [
      [a.add(b), "+", [a, b]],
      [a.sub(b), "-", [a, b]],
      [a.mul(b), "*", [a, b]],
      [b.mul(a), "*", [b, a]],
      [a.div(b), "/", [a, b]],
      [a.neg(), "neg", [a]],
      [a.pow(3), "**3", [a]],
      [a.pow(b), "**", [a, b]],
      [a.exp(), "exp", [a]],
      [a.log(), "log", [a]],
      [a.tanh(), "tanh", [a]],
      [a.relu(), "ReLU", [a]],
      [a.sigmoid(), "sigmoid", [a]],
    ];
    for (const [v, op, parents] of cases) {
      expect(v.op).toBe(op);
      expect(v.prev).toEqual(parents);
      expect(v.prev[0]).toBe(parents[0]);
    }
    // micrograd's alias
    expect(a.add(b)._prev.length).toBe(2);
  });

  it("wraps plain numbers into leaf Values", () => {
    const a = new Value(2);
    const c = a.mul(3);
    expect(c.data).toBe(6);
    const [, k] = c.prev;
    expect(k).toBeInstanceOf(Value);
    expect(k?.data).toBe(3);
    expect(k?.op).toBe("");
  });

  it("computes forward values of every op", () => {
    const x = new Value(0.5);
    expect(x.add(2).data).toBe(2.5);
    expect(x.sub(2).data).toBe(-1.5);
    expect(x.mul(4).data).toBe(2);
    expect(x.div(4).data).toBe(0.125);
    expect(x.neg().data).toBe(-0.5);
    expect(x.pow(2).data).toBe(0.25);
    expect(x.pow(new Value(3)).data).toBe(0.125);
    expect(x.exp().data).toBeCloseTo(Math.E ** 0.5, 15);
    expect(x.log().data).toBeCloseTo(-Math.LN2, 15);
    expect(x.tanh().data).toBeCloseTo((Math.E - 1) / (Math.E + 1), 15);
    expect(new Value(-1).relu().data).toBe(0);
    expect(x.relu().data).toBe(0.5);
    expect(new Value(0).sigmoid().data).toBe(0.5);
  });
});

describe("backward", () => {
  it("the lecture's L = (a*b + c) * f", () => {
    const a = new Value(2, "a");
    const b = new Value(-3, "b");
    const c = new Value(10, "c");
    const f = new Value(-2, "f");
    const e = a.mul(b);
    const d = e.add(c);
    const L = d.mul(f);
    L.backward();
    expect(L.data).toBe(-8);
    // worked out by hand in the lecture
    expect(f.grad).toBe(4);
    expect(d.grad).toBe(-2);
    expect(c.grad).toBe(-2);
    expect(e.grad).toBe(-2);
    expect(a.grad).toBe(6);
    expect(b.grad).toBe(-4);
  });

  it("accumulates when a node is used twice (b = a + a)", () => {
    const a = new Value(3, "a");
    const b = a.add(a);
    b.backward();
    expect(a.grad).toBe(2);
    const x = new Value(-2);
    const y = new Value(3);
    const d = x.mul(y);
    const e = x.add(y);
    const f = d.mul(e);
    f.backward();
    // f = xy(x+y): df/dx = 2xy + y^2 = -12 + 9, df/dy = x^2 + 2xy = 4 - 12
    expect(x.grad).toBe(-3);
    expect(y.grad).toBe(-8);
  });

  it("_backward node by node, as the lecture does before backward(): a leaf's does nothing", () => {
    // the lecture's neuron up to n = x1*w1 + b, by hand: dn/dx1 = w1 = -3, dn/dw1 = x1 = 2, dn/db = 1
    const x1 = new Value(2, "x1");
    const w1 = new Value(-3, "w1");
    const b = new Value(6.5, "b");
    const x1w1 = x1.mul(w1);
    const n = x1w1.add(b);
    n.grad = 1;
    n._backward();
    x1w1._backward();
    b._backward();
    x1._backward();
    expect([x1.grad, w1.grad, b.grad, x1w1.grad]).toEqual([-3, 2, 1, 1]);
  });

  it("calling backward twice doubles leaf gradients (PyTorch semantics)", () => {
    const x = new Value(1.5);
    const y = x.mul(2).tanh().mul(3);
    y.backward();
    const once = x.grad;
    y.backward();
    expect(x.grad).toBeCloseTo(2 * once, 14);
    // intermediate nodes hold this pass's gradient, not a stale sum
    expect(y.grad).toBe(1);
  });

  it("zeroGrad clears every node of the graph", () => {
    const x = new Value(1.5);
    const h = x.mul(2);
    const y = h.tanh();
    y.backward();
    expect(x.grad).not.toBe(0);
    y.zeroGrad();
    expect([x.grad, h.grad, y.grad]).toEqual([0, 0, 0]);
    y.backward();
    expect(x.grad).toBeCloseTo(2 * (1 - Math.tanh(3) ** 2), 14);
  });

  it("relu'(0) is 0 like PyTorch", () => {
    const x = new Value(0);
    x.relu().backward();
    expect(x.grad).toBe(0);
  });

  it("follows IEEE for non-finite values: log(0) = -Infinity", () => {
    const x = new Value(0);
    const y = x.log();
    expect(y.data).toBe(-Infinity);
    y.backward();
    expect(x.grad).toBe(Infinity);
  });

  it("handles a chain of 1,000,000 nodes without overflowing the stack", () => {
    const x = new Value(1, "x");
    let y = x;
    for (let i = 0; i < 1_000_000; i++) y = y.mul(1);
    y.backward();
    expect(x.grad).toBe(1);
  });
});

describe("bad input", () => {
  it("new Value with a non-number throws a TypeError naming the argument", () => {
    // @ts-expect-error testing a runtime check
    expect(() => new Value("3")).toThrow(/new Value\(data\): data must be a number, got string "3"/);
    // @ts-expect-error testing a runtime check
    expect(() => new Value(undefined)).toThrow(TypeError);
    // @ts-expect-error testing a runtime check
    expect(() => new Value(undefined)).toThrow(/data must be a number, got undefined/);
    // @ts-expect-error testing a runtime check
    expect(() => new Value(1, 5)).toThrow(/label must be a string/);
  });

  it("ops with a bad other/exponent throw a TypeError naming the method", () => {
    const a = new Value(1);
    // @ts-expect-error testing a runtime check
    expect(() => a.add("2")).toThrow(
      /Value\.add\(other\): other must be a Value or a number, got string "2"/,
    );
    // @ts-expect-error testing a runtime check
    expect(() => a.mul(null)).toThrow(TypeError);
    // @ts-expect-error testing a runtime check
    expect(() => a.pow("2")).toThrow(/Value\.pow\(exponent\): exponent must be a number or a Value/);
    // @ts-expect-error testing a runtime check
    expect(() => a.pow({})).toThrow(TypeError);
  });
});

describe("Value in Node's console", () => {
  it("console.log(value) prints micrograd's repr, not the graph behind it", async () => {
    const { inspect } = await import("node:util");
    const a = new Value(2, "a");
    const y = a.mul(3).tanh();
    expect(inspect(y)).toBe(`Value(data=${y.data}, grad=0)`);
    expect(inspect([a])).toBe("[ Value(data=2, grad=0, label=a) ]");
  });
});
