import { describe, expect, it } from "vitest";
import { nodesToDot, toDot, Value } from "../../packages/micrograd-ts/src/index.js";

describe("toDot", () => {
  const build = () => {
    const a = new Value(2, "a");
    const b = new Value(-3, "b");
    const e = a.mul(b);
    e.label = "e";
    const L = e.add(new Value(10, "c"));
    L.label = "L";
    L.backward();
    return L;
  };

  it("draws one record per Value and an op node in front of every computed Value", () => {
    const dot = toDot(build());
    expect(dot.startsWith("digraph G {")).toBe(true);
    expect(dot).toContain("rankdir=LR;");
    const records = dot.split("\n").filter((l) => l.includes("shape=record"));
    expect(records).toHaveLength(5); // a, b, e, c, L
    expect(dot).toContain('label="{ a | data 2.0000 | grad -3.0000 }"');
    expect(dot).toContain('label="{ b | data -3.0000 | grad 2.0000 }"');
    expect(dot).toContain('label="{ L | data 4.0000 | grad 1.0000 }"');
    const opNodes = dot.split("\n").filter((l) => /_op \[label=/.test(l));
    expect(opNodes.map((l) => l.match(/label="(.*)"/)?.[1]).sort()).toEqual(["*", "+"]);
    // parent -> op -> value edges: e is made by "*" from a and b
    const eId = dot.match(/(n\d+) \[label="\{ e \|/)?.[1];
    const aId = dot.match(/(n\d+) \[label="\{ a \|/)?.[1];
    expect(dot).toContain(`${eId}_op -> ${eId};`);
    expect(dot).toContain(`${aId} -> ${eId}_op;`);
  });

  it("supports TB and escapes record characters in labels", () => {
    const x = new Value(1, 'x{1}|<y>"');
    const dot = toDot(x.tanh(), { rankdir: "TB" });
    expect(dot).toContain("rankdir=TB;");
    expect(dot).toContain('x\\{1\\}\\|\\<y\\>\\"');
  });

  it("rejects bad arguments clearly", () => {
    // @ts-expect-error runtime check
    expect(() => toDot(3)).toThrow(/toDot\(root\): root must be a Value, got number 3/);
    // @ts-expect-error runtime check
    expect(() => toDot(new Value(1), { rankdir: "XY" })).toThrow(/rankdir must be "LR" or "TB"/);
  });

  it("nodesToDot draws plain-data nodes and a stub for parents left out", () => {
    const dot = nodesToDot([
      { id: 3, label: "x", op: "", data: 1, grad: 0.5, prev: [] },
      { id: 7, label: "y", op: "*", data: 2, grad: 1, prev: [3, 5, 6] },
    ]);
    expect(dot).toContain('n3 [label="{ x | data 1.0000 | grad 0.5000 }", shape=record];');
    expect(dot).toContain("n3 -> n7_op;");
    expect(dot).toContain('n7_more [label="… 2 more"');
    expect(dot).toContain("n7_more -> n7_op");
  });
});
