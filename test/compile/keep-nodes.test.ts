import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { AnomalyError, compile, detectAnomaly, Value } from "../../packages/micrograd-ts/src/index.js";

function graph() {
  const w = [new Value(0.5, "w0"), new Value(-1.5, "w1")];
  const x = [new Value(2, "x0"), new Value(3, "x1")];
  const idx = new Value(1, "idx");
  const out = Value.dot(w, x, new Value(0.1, "b")).tanh().mul(Value.select(x, idx)).log();
  return { w, x, idx, out };
}

describe("compile(root, { keepNodes: false })", () => {
  it("replays exactly like a graph that keeps its nodes", () => {
    const a = graph();
    const b = graph();
    const kept = compile(a.out);
    const lean = compile(b.out, { keepNodes: false });
    expect(lean.keepsNodes).toBe(false);
    expect(lean.size).toBe(kept.size);
    for (const [w0, i] of [
      [0.7, 0],
      [-0.2, 1],
    ] as const) {
      for (const g of [a, b]) {
        g.w[0].data = w0;
        g.idx.data = i;
      }
      expect(lean.forward()).toBe(kept.forward());
      kept.backward();
      lean.backward();
      expect(b.w.map((w) => w.grad)).toEqual(a.w.map((w) => w.grad));
      expect(b.x.map((x) => x.grad)).toEqual(a.x.map((x) => x.grad));
    }
    expect(lean.indexOf(b.w[0])).toBe(kept.indexOf(a.w[0]));
    expect(lean.indexOf(b.out)).toBe(-1);
  });

  it("says clearly what it no longer has", () => {
    const lean = compile(graph().out, { keepNodes: false });
    expect(() => lean.nodes).toThrow(/compiled with \{ keepNodes: false \}/);
    expect(() => lean.root).toThrow(/CompiledGraph.root/);
    expect(() => lean.writeBack()).toThrow(/CompiledGraph.writeBack\(\)/);
    expect(() => compile(graph().out, { keepNodes: "no" as unknown as boolean })).toThrow(
      /keepNodes must be true or false, got string "no"/,
    );
  });

  it("still reports anomalies, naming nodes by index", () => {
    const g = graph();
    const lean = compile(g.out, { keepNodes: false });
    g.x[1].data = -3; // log of a negative number
    expect(() => detectAnomaly(() => lean.forward())).toThrow(AnomalyError);
    expect(() => detectAnomaly(() => lean.forward())).toThrow(
      /op "log" produced NaN at node "#10"; inputs: "#9" = -2.99/,
    );
  });

  it("lets the computed nodes' Values be garbage-collected", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    let out: Value | null = graph().out;
    const ref = new WeakRef(out);
    const lean = compile(out, { keepNodes: false });
    out = null;
    await new Promise((r) => setTimeout(r, 0));
    gc();
    expect(ref.deref()).toBeUndefined();
    expect(lean.forward()).toBeTypeOf("number");
    // and a graph that keeps its nodes keeps them alive
    let kept: Value | null = graph().out;
    const keptRef = new WeakRef(kept);
    const g = compile(kept);
    kept = null;
    await new Promise((r) => setTimeout(r, 0));
    gc();
    expect(keptRef.deref()).toBe(g.root);
  });
});
