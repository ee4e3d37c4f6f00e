// The engine examples of README.md, line for line; expected numbers come from micrograd's README and the lecture.
import { describe, expect, it } from "vitest";
import { checkOp, defineOp, gradcheck, Value } from "../../packages/micrograd-ts/src/index.js";

describe("README engine examples", () => {
  it("the lecture's L and micrograd's README example", () => {
    const a = new Value(2.0, "a");
    const b = new Value(-3.0, "b");
    const c = new Value(10.0, "c");
    const f = new Value(-2.0, "f");
    const e = a.mul(b);
    const d = e.add(c);
    const L = d.mul(f);
    L.backward();
    expect([L.data, a.grad, b.grad]).toEqual([-8, 6, -4]);

    const x = new Value(-4.0);
    const y = new Value(2.0);
    let z = x.add(y);
    let q = x.mul(y).add(y.pow(3));
    z = z.add(z).add(1);
    z = z.add(new Value(1).add(z)).add(x.neg());
    q = q.add(q.mul(2).add(y.add(x).relu()));
    q = q.add(new Value(3).mul(q).add(y.sub(x).relu()));
    const w = z.sub(q);
    const g = w
      .pow(2)
      .div(2)
      .add(new Value(10).div(w.pow(2)));
    g.backward();
    expect([g.data.toFixed(4), x.grad.toFixed(4), y.grad.toFixed(4)]).toEqual([
      "24.7041",
      "138.8338",
      "645.5773",
    ]);
  });

  it("the gradcheck and custom-op examples", () => {
    expect(gradcheck((a, b) => (a as Value).mul(b as Value).tanh(), [0.5, -1.5]).ok).toBe(true);
    const softplus2 = defineOp({
      name: "readme-softplus",
      arity: 1,
      forward: (x) => Math.log1p(Math.exp(x)),
      derivatives: ([x]) => [1 / (1 + Math.exp(-(x as number)))],
    });
    const hypot2 = defineOp({
      name: "readme-hypot",
      arity: 2,
      forward: (a, b) => Math.hypot(a, b),
      derivatives: ([a, b], out) => [(a as number) / out, (b as number) / out],
    });
    const x = new Value(0.5, "x");
    const y = hypot2(softplus2(x), 2);
    y.backward();
    const s = Math.log1p(Math.exp(0.5));
    expect(x.grad).toBeCloseTo((s / Math.hypot(s, 2)) * (1 / (1 + Math.exp(-0.5))), 14);
    expect(checkOp(softplus2).ok).toBe(true);
    expect(
      checkOp(hypot2, [
        [3, 4],
        [-1, 2],
      ]).failures,
    ).toEqual([]);
    expect(gradcheck((a) => softplus2(a as Value), [0.3]).ok).toBe(true);
  });
});
