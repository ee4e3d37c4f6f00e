import { describe, expect, it } from "vitest";
import {
  AnomalyError,
  checkOp,
  defineOp,
  detectAnomaly,
  getCustomOp,
  gradcheck,
  toDot,
  Value,
} from "../../packages/micrograd-ts/src/index.js";

const softplus = defineOp({
  name: "softplus",
  arity: 1,
  forward: (x) => Math.log1p(Math.exp(x)),
  derivatives: ([x]) => [1 / (1 + Math.exp(-(x as number)))],
});

// a two-input op: hypot(a, b) = sqrt(a^2 + b^2)
const hypot = defineOp({
  name: "hypot",
  arity: 2,
  forward: (a, b) => Math.hypot(a, b),
  derivatives: ([a, b], out) => [(a as number) / out, (b as number) / out],
});

describe("defineOp: a custom op behaves like a built-in", () => {
  it("forward value, op name, parents", () => {
    const x = new Value(0.7, "x");
    const y = softplus(x);
    expect(y.data).toBeCloseTo(Math.log(1 + Math.exp(0.7)), 15);
    expect(y.op).toBe("softplus");
    expect(y.prev).toEqual([x]);
    expect(getCustomOp("softplus")).toBe(softplus);
    expect(softplus.name).toBe("softplus");
  });

  it("agrees with the same function composed from built-in ops", () => {
    for (const x0 of [-3, -0.5, 0, 1.2, 4]) {
      const a = new Value(x0);
      const y1 = softplus(a).mul(a); // x is used twice: accumulation through the custom op
      y1.backward();
      const b = new Value(x0);
      const y2 = b.exp().add(1).log().mul(b);
      y2.backward();
      expect(y1.data).toBeCloseTo(y2.data, 12);
      expect(a.grad).toBeCloseTo(b.grad, 12);
    }
    const p = new Value(3);
    const q = new Value(-4);
    const h = hypot(p, q);
    h.backward();
    const p2 = new Value(3);
    const q2 = new Value(-4);
    p2.pow(2).add(q2.pow(2)).pow(0.5).backward();
    expect(h.data).toBe(5);
    expect(p.grad).toBeCloseTo(p2.grad, 14);
    expect(q.grad).toBeCloseTo(q2.grad, 14);
  });

  it("passes gradcheck, draws its name in toDot, accepts numbers", () => {
    expect(gradcheck((a, b) => hypot(softplus(a as Value), b as Value), [0.3, -1.1]).ok).toBe(true);
    const y = hypot(new Value(1, "u"), 2);
    y.backward();
    expect(toDot(y)).toMatch(/_op \[label="hypot"\]/);
  });

  it("anomaly mode names the custom op", () => {
    const bad = defineOp({
      name: "recip0",
      arity: 1,
      forward: (x) => 1 / x,
      derivatives: ([x]) => [-1 / ((x as number) * (x as number))],
    });
    expect(() => detectAnomaly(() => bad(new Value(0, "z")))).toThrow(AnomalyError);
    expect(() => detectAnomaly(() => bad(new Value(0, "z")))).toThrow(/op "recip0" produced Infinity/);
  });

  it("checkOp verifies derivatives and names the wrong input", () => {
    expect(checkOp(softplus).ok).toBe(true);
    expect(
      checkOp(hypot, [
        [3, 4],
        [-1, 2],
      ]).ok,
    ).toBe(true);
    const wrong = defineOp({
      name: "wrongmul",
      arity: 2,
      forward: (a, b) => a * b,
      derivatives: ([a, b]) => [b as number, 2 * (a as number)], // second one is wrong
    });
    const r = checkOp(wrong, [[1.5, 2]]);
    expect(r.ok).toBe(false);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toMatch(/op "wrongmul": derivative of input 1 at \(1\.5, 2\): got 3, numeric 1\.5/);
  });
});

describe("defineOp validation", () => {
  const ok = { arity: 1, forward: (x: number) => x, derivatives: () => [1] };
  it("rejects bad definitions", () => {
    // @ts-expect-error runtime check
    expect(() => defineOp({ ...ok })).toThrow(/name must be a non-empty string, got undefined/);
    expect(() => defineOp({ ...ok, name: "tanh" })).toThrow(/collides with a built-in op/);
    expect(() => defineOp({ ...ok, name: "ReLU" })).toThrow(/collides with a built-in op/);
    expect(() => defineOp({ ...ok, name: "softplus" })).toThrow(/already defined/);
    expect(() => defineOp({ ...ok, name: "z0", arity: 0 })).toThrow(RangeError);
    expect(() => defineOp({ ...ok, name: "z1", arity: 1.5 })).toThrow(
      /arity must be an integer >= 1, got number 1.5/,
    );
    // @ts-expect-error runtime check
    expect(() => defineOp({ ...ok, name: "z2", forward: 3 })).toThrow(
      /forward must be a function, got number 3/,
    );
    // @ts-expect-error runtime check
    expect(() => defineOp({ ...ok, name: "z3", derivatives: null })).toThrow(
      /derivatives must be a function/,
    );
  });

  it("rejects bad results at run time, naming the op", () => {
    const badCount = defineOp({ name: "bc", arity: 2, forward: (a, b) => a + b, derivatives: () => [1] });
    const badType = defineOp({
      name: "bt",
      arity: 1,
      forward: (a) => a,
      // @ts-expect-error runtime check
      derivatives: () => ["1"],
    });
    // @ts-expect-error runtime check
    const badForward = defineOp({ name: "bf", arity: 1, forward: () => "x", derivatives: () => [1] });
    expect(() => badCount(new Value(1), new Value(2)).backward()).toThrow(
      /custom op "bc": derivatives must return an array of 2 number\(s\), got an array of length 1/,
    );
    expect(() => badType(new Value(1)).backward()).toThrow(/custom op "bt": derivative 0 must be a number/);
    expect(() => badForward(new Value(1))).toThrow(/custom op "bf": forward must return a number/);
    expect(() => softplus(new Value(1), new Value(2))).toThrow(/takes 1 argument\(s\), got 2/);
    // @ts-expect-error runtime check
    expect(() => softplus("x")).toThrow(/argument 0 must be a Value or a number/);
  });
});
