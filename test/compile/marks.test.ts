import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.js";
import { reserveMarks, topoOrder } from "../../src/engine/topo.js";
import { Value } from "../../src/engine/value.js";

// A file of its own: once marks are beyond small integers, V8 keeps them as doubles in every Value of
// this test process.
describe("traversal marks", () => {
  it("tracing, indexOf and backward stay right once marks outgrow small integers (after very many traces)", () => {
    reserveMarks(2 ** 40);
    const x = new Value(0.75, "x");
    const y = new Value(-2, "y");
    const m = x.mul(y);
    const f = m.add(x).tanh().mul(m).add(y.relu());
    const g = compile(f);
    const order = topoOrder(f);
    expect(g.nodes).toEqual(order);
    order.forEach((v, i) => {
      expect(g.indexOf(v)).toBe(i);
    });
    expect(g.forward()).toBe(f.data);
    g.backward();
    const grads = [x.grad, y.grad];
    x.grad = 0;
    y.grad = 0;
    f.backward();
    expect([x.grad, y.grad]).toEqual(grads);
    expect(compile(f).nodes).toEqual(order);
  });
});
