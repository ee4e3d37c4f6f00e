import { describe, expect, it } from "vitest";
import { chainRule } from "../../packages/micrograd-ts/src/engine/chain.js";
import { chainContributions, defineOp, Value } from "../../packages/micrograd-ts/src/index.js";

describe("chainRule: what one step adds into a parent's grad", () => {
  it("multiplies the local derivative by the node's grad", () => {
    expect(chainRule(3, -2, false)).toBe(-6);
    expect(chainRule(3, -2, true)).toBe(-6);
  });

  it("multiplies even a 0 local for ops that do not route (0 x Infinity is NaN, as in PyTorch)", () => {
    expect(chainRule(0, Number.POSITIVE_INFINITY, false)).toBeNaN();
  });

  it("sends nothing to a parent a routed op skips, whatever the grad", () => {
    expect(chainRule(0, Number.POSITIVE_INFINITY, true)).toBe(0);
    expect(chainRule(0, Number.NaN, true)).toBe(0);
  });
});

describe("chainContributions: the step the engine takes through one node", () => {
  it("is local x grad per parent (the lecture's L = d * f with d = 4, f = -2)", () => {
    const d = new Value(4, "d");
    const f = new Value(-2, "f");
    const L = d.mul(f);
    L.grad = 1;
    expect(chainContributions(L)).toEqual([-2, 4]);
    expect(chainContributions(d)).toEqual([]);
  });

  it("gives 0, not NaN, to the inputs max, relu and select route nothing to under an infinite grad", () => {
    const a = new Value(-1);
    const b = new Value(2);
    const m = Value.max([a, b]);
    m.grad = Number.POSITIVE_INFINITY;
    expect(chainContributions(m)).toEqual([0, Number.POSITIVE_INFINITY]);
    const r = a.relu();
    r.grad = Number.POSITIVE_INFINITY;
    expect(chainContributions(r)).toEqual([0]);
    const s = Value.select([a, b], 1);
    s.grad = Number.NEGATIVE_INFINITY;
    expect(chainContributions(s)).toEqual([0, 0, Number.NEGATIVE_INFINITY]);
  });

  it("multiplies for ops that do not route: mul by 0 under an infinite grad is NaN (PyTorch agrees)", () => {
    const p = new Value(0).mul(new Value(3));
    p.grad = Number.POSITIVE_INFINITY;
    expect(chainContributions(p)).toEqual([Number.POSITIVE_INFINITY, Number.NaN]);
  });

  it("uses a custom op's own derivatives", () => {
    const twice = defineOp({
      name: "chainTwice",
      arity: 1,
      forward: (x) => 2 * x,
      derivatives: () => [2],
    });
    const y = twice(new Value(5));
    y.grad = 3;
    expect(chainContributions(y)).toEqual([6]);
  });

  it("is what backward() adds: an infinite grad through relu leaves a dead input's grad at 0", () => {
    const x = new Value(-1);
    x.relu().sqrt().backward(); // d sqrt(0) = +Infinity, relu'(-1) = 0
    expect(x.grad).toBe(0);
  });
});
