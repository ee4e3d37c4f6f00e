import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nodesToDot, toDot, Value } from "../../packages/micrograd-ts/src/index.js";
import {
  FAST_LAYOUT_ABOVE,
  snapshotGraph,
  withLayoutLimits,
} from "../../packages/micrograd-ts/src/limits/index.js";
import { arbGraph, build } from "../web/shared/random-graph.js";

describe("snapshotGraph", () => {
  it("draws a whole graph exactly like the engine's toDot", () => {
    fc.assert(
      fc.property(arbGraph, ([leaves, ops]) => {
        const vs = build(leaves, ops);
        const root = vs[vs.length - 1];
        root.backward();
        expect(nodesToDot(snapshotGraph(root).nodes)).toBe(toDot(root));
        expect(nodesToDot(snapshotGraph(root).nodes, { rankdir: "TB", digits: 2 })).toBe(
          toDot(root, { rankdir: "TB", digits: 2 }),
        );
      }),
      { numRuns: 100 },
    );
  });

  it("keeps the values nearest the root when capped, and says how many parents it left out", () => {
    // a chain x -> *2 -> *2 -> ... (each mul also has a constant leaf 2)
    let v = new Value(1, "x");
    for (let i = 0; i < 50; i++) v = v.mul(2);
    v.label = "out";
    const snap = snapshotGraph(v, 5);
    expect(snap.total).toBe(101);
    expect(snap.nodes).toHaveLength(5);
    expect(snap.nodes[snap.nodes.length - 1]?.label).toBe("out");
    expect(snap.root).toBe(100);
    // kept: out, its two parents, and the two parents of the previous product (whose parents are cut)
    expect(snap.nodes.map((n) => n.id)).toEqual([96, 97, 98, 99, 100]);
    const dot = nodesToDot(snap.nodes);
    expect(dot).toContain('n96_more [label="… 2 more"');
    expect(dot).not.toContain("n100_more");
    expect(dot.match(/shape=record/g)).toHaveLength(5);
  });

  it("is plain data (can be posted from a worker)", () => {
    const a = new Value(2, "a");
    const snap = snapshotGraph(a.mul(a).tanh());
    expect(structuredClone(snap)).toEqual(snap);
  });

  it("rejects bad arguments", () => {
    expect(() => snapshotGraph({} as Value)).toThrow(TypeError);
    expect(() => snapshotGraph(new Value(1), 0)).toThrow(RangeError);
    expect(() => snapshotGraph(new Value(1), 2.5)).toThrow(RangeError);
  });

  it("turns Graphviz's costly searches down only for big graphs", () => {
    const dot = toDot(new Value(1, "a").mul(2));
    expect(withLayoutLimits(dot, FAST_LAYOUT_ABOVE)).toBe(dot);
    const fast = withLayoutLimits(dot, FAST_LAYOUT_ABOVE + 1);
    expect(fast.split("\n")[1]).toBe(
      "  graph [mclimit=0, nslimit=0, nslimit1=0, searchsize=1, remincross=false, splines=line];",
    );
    expect(fast.replace(/^ {2}graph \[.*\n/m, "")).toBe(dot);
  });
});
