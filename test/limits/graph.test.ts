import { describe, expect, it } from "vitest";
import { evaluateProgram, MLP, Rng } from "../../packages/micrograd-ts/src/index.js";
import { layoutCost, snapshotGraph } from "../../packages/micrograd-ts/src/limits/index.js";

describe("layoutCost", () => {
  it("counts the columns a long edge skips: a + a + … + a (n terms) routes (n - 2)(n - 1) points", () => {
    for (const n of [2, 3, 10, 300]) {
      const { output } = evaluateProgram(`a = 2; s = ${Array(n).fill("a").join(" + ")}`);
      expect(layoutCost(snapshotGraph(output).nodes)).toEqual({ values: n, routing: (n - 2) * (n - 1) });
    }
  });

  it("an MLP's graph routes few points for its size", () => {
    const o = new MLP(2, [16, 16, 1], { rng: new Rng(1) }).forward([0.5, -1])[0];
    const c = layoutCost(snapshotGraph(o as never).nodes);
    expect(c.values).toBe(979);
    expect(c.routing).toBeLessThan(10 * c.values);
  });

  it("treats parents left out of a snapshot as column 0", () => {
    const { output } = evaluateProgram(`x = 1; y = x * 2; y = y * 2; y = y * 2; y = y * 2`);
    const part = snapshotGraph(output, 3);
    expect(part.nodes).toHaveLength(3);
    expect(layoutCost(part.nodes).values).toBe(3);
  });
});
