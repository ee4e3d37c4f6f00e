import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defineOp, Value } from "../../../packages/micrograd-ts/src/index.js";
import { BackwardStepper, localDerivatives, namedRule, operand } from "../../../web/src/shared/stepper.js";
import { arbGraph, build } from "./random-graph.js";

/** The lecture's first example: L = (a*b + c) * f with a=2, b=-3, c=10, f=-2. */
function lecture() {
  const a = new Value(2, "a");
  const b = new Value(-3, "b");
  const c = new Value(10, "c");
  const f = new Value(-2, "f");
  const e = a.mul(b);
  e.label = "e";
  const d = e.add(c);
  d.label = "d";
  const L = d.mul(f);
  L.label = "L";
  return { a, b, c, f, e, d, L };
}

describe("BackwardStepper", () => {
  it("ends with the lecture's gradients (worked out by hand in the lecture)", () => {
    const g = lecture();
    const s = new BackwardStepper(g.L);
    expect(s.total).toBe(4); // seed + three computed nodes
    s.finish();
    expect(s.done).toBe(true);
    expect([g.L.grad, g.d.grad, g.f.grad, g.e.grad, g.c.grad, g.a.grad, g.b.grad]).toEqual([
      1, -2, 4, -2, -2, 6, -4,
    ]);
  });

  it("seeds first, then walks computed nodes from the root down, describing each chain-rule step", () => {
    const g = lecture();
    const s = new BackwardStepper(g.L);
    const seed = s.next();
    expect(seed?.kind).toBe("seed");
    expect(seed?.node).toBe(g.L);
    expect(g.L.grad).toBe(1);

    const first = s.next();
    expect(first?.node).toBe(g.L);
    expect(first?.op).toBe("*");
    // L = d * f: dL/dd = f = -2, dL/df = d = 4
    expect(first?.contributions.map((c) => [c.parent, c.rule, c.local, c.upstream, c.contribution])).toEqual([
      [g.d, "d(a*b)/da = b", -2, 1, -2],
      [g.f, "d(a*b)/db = a", 4, 1, 4],
    ]);
    expect(first?.contributions.map((c) => [c.gradBefore, c.gradAfter])).toEqual([
      [0, -2],
      [0, 4],
    ]);
    expect(g.d.grad).toBe(-2);
    expect(g.e.grad).toBe(0); // not reached yet

    const second = s.next();
    expect(second?.node).toBe(g.d);
    expect(second?.contributions.map((c) => c.contribution)).toEqual([-2, -2]);
    const third = s.next();
    expect(third?.node).toBe(g.e);
    // e = a * b with upstream -2: a gets b * -2 = 6, b gets a * -2 = -4
    expect(third?.contributions.map((c) => [c.local, c.contribution])).toEqual([
      [-3, 6],
      [2, -4],
    ]);
    expect(third?.step).toBe(4);
    expect(s.next()).toBeNull();
  });

  it("uses the graph ids of toDot: the node index is its position in topological order", () => {
    const g = lecture();
    const s = new BackwardStepper(g.L);
    s.next();
    const rec = s.next();
    expect(s.topo[rec?.index ?? -1]).toBe(g.L);
    for (const c of rec?.contributions ?? []) expect(s.topo[c.parentIndex]).toBe(c.parent);
  });

  it("shows why gradients accumulate: b = a + a gives a two contributions of 1", () => {
    const a = new Value(3, "a");
    const b = a.add(a);
    const s = new BackwardStepper(b);
    s.next();
    const rec = s.next();
    expect(rec?.contributions.map((c) => [c.parent, c.contribution, c.gradBefore, c.gradAfter])).toEqual([
      [a, 1, 0, 1],
      [a, 1, 1, 2],
    ]);
    expect(a.grad).toBe(2);
  });

  it("lets leaves accumulate across passes, like backward()", () => {
    const g = lecture();
    new BackwardStepper(g.L).finish();
    new BackwardStepper(g.L).finish();
    expect(g.a.grad).toBe(12);
    expect(g.d.grad).toBe(-2); // computed nodes get this pass's gradient
  });

  it("leaves the graph untouched until the first step", () => {
    const g = lecture();
    const s = new BackwardStepper(g.L);
    expect(g.L.grad).toBe(0);
    expect(s.peek()).toBe(g.L);
    expect(s.taken).toBe(0);
  });

  it("describes custom ops through their own derivatives", () => {
    const cube = defineOp({
      name: "stepperCube",
      arity: 1,
      forward: (x) => x * x * x,
      derivatives: ([x]) => [3 * (x as number) ** 2],
    });
    const x = new Value(2, "x");
    const y = cube(x);
    expect(localDerivatives(y)).toEqual([{ rule: "d stepperCube/dx0: the op's own derivative", local: 12 }]);
    new BackwardStepper(y).finish();
    expect(x.grad).toBe(12);
  });

  it("shows what the engine adds where a relu routes an infinite grad: 0 to a dead input, not NaN", () => {
    // y = relu(-1) = 0 and z = sqrt(y): dz/dy = 0.5 / sqrt(0) = +Infinity (as in PyTorch), so y.grad is
    // Infinity; relu'(-1) = 0 routes nothing to x (PyTorch: x.grad = 0), where 0 x Infinity would be NaN
    const x = new Value(-1, "x");
    const y = x.relu();
    const z = y.sqrt();
    const s = new BackwardStepper(z);
    s.next(); // seed
    s.next(); // sqrt
    expect(y.grad).toBe(Number.POSITIVE_INFINITY);
    const relu = s.next();
    expect(relu?.op).toBe("ReLU");
    const c = relu?.contributions[0];
    expect([c?.local, c?.upstream, c?.contribution, c?.gradAfter]).toEqual([
      0,
      Number.POSITIVE_INFINITY,
      0,
      0,
    ]);
    expect(x.grad).toBe(0);
  });

  it("rejects a root that is not a Value", () => {
    expect(() => new BackwardStepper(3 as unknown as Value)).toThrow(TypeError);
  });
});

describe("rules in the program's names", () => {
  it("reads the rules from the engine's op table", () => {
    const x = new Value(2, "x");
    expect(localDerivatives(x.pow(3))).toEqual([{ rule: "d(a**3)/da = 3·a**2", local: 12 }]);
    expect(localDerivatives(x.tanh()).map((d) => d.rule)).toEqual(["d(tanh a)/da = 1 - tanh(a)²"]);
  });

  it("puts the operands' names in place of a and b in one pass, and writes ∂", () => {
    // README step: b**3 with the user's b = 2 (the old panel said "3·a^2", where this a meant b)
    expect(namedRule("d(a**3)/da = 3·a**2", "**3", ["b"])).toBe("∂(b**3)/∂b = 3·b**2");
    expect(namedRule("d(a*b)/da = b", "*", ["d", "f"])).toBe("∂(d*f)/∂d = f");
    // a program's own a and b, swapped: still one pass
    expect(namedRule("d(a*b)/db = a", "*", ["b", "a"])).toBe("∂(b*a)/∂a = b");
    expect(namedRule("d(a/b)/db = -(a/b)/b", "/", ["10", "f"])).toBe("∂(10/f)/∂f = -(10/f)/f");
    expect(namedRule("d(tanh a)/da = 1 - tanh(a)²", "tanh", ["n"])).toBe("∂(tanh n)/∂n = 1 - tanh(n)²");
  });

  it("names the operands of n-ary ops (sum's x0, x1, …; dot's s, w0, x0, …)", () => {
    expect(namedRule("d(x0+x1+…)/dx1 = 1", "sum", ["p", "q", "r"])).toBe("∂(p+q+…)/∂q = 1");
    expect(namedRule("d(Σ wi·xi)/dw1 = x1", "dot", ["u", "v", "y", "z"])).toBe("∂(Σ wi·xi)/∂y = z");
    expect(namedRule("d(Σ wi·xi)/dx0 = w0", "dot", ["c", "u", "v"])).toBe("∂(Σ wi·xi)/∂v = u");
    expect(namedRule("no gradient flows through detach", "detach", ["a"])).toBe(
      "no gradient flows through detach",
    );
  });

  it("puts parentheses around names that are expressions", () => {
    expect(operand("x1w1")).toBe("x1w1");
    expect(operand("α")).toBe("α"); // names in any script, as the language's
    expect(operand("2.5")).toBe("2.5");
    expect(operand("b + a")).toBe("(b + a)");
    expect(operand("-4")).toBe("(-4)");
    expect(namedRule("d(relu a)/da = 1 if a > 0 else 0", "ReLU", ["b + a"])).toBe(
      "∂(relu (b + a))/∂(b + a) = 1 if (b + a) > 0 else 0",
    );
  });
});

// ---- property: stepping agrees with backward() on random graphs ----
describe("BackwardStepper on random graphs", () => {
  it("gives exactly the gradients of backward(), and each step's contributions add up", () => {
    fc.assert(
      fc.property(arbGraph, ([leaves, ops]) => {
        const viaBackward = build(leaves, ops);
        const viaSteps = build(leaves, ops);
        const rootA = viaBackward[viaBackward.length - 1];
        const rootB = viaSteps[viaSteps.length - 1];
        rootA.backward();
        const s = new BackwardStepper(rootB);
        let rec = s.next();
        while (rec) {
          for (const c of rec.contributions) {
            const last = rec.contributions.filter((d) => d.parent === c.parent).pop();
            // the same chain rule, added in the same order: exactly the engine's grad, NaN and ±∞ too
            if (last === c) expect(Object.is(c.parent.grad, c.gradAfter)).toBe(true);
          }
          rec = s.next();
        }
        viaBackward.forEach((v, i) => {
          expect(Object.is(viaSteps[i].grad, v.grad)).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });
});
