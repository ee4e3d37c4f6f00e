import { describe, expect, it } from "vitest";
import { buildExpression, close, reference } from "../helpers/reference.js";

describe("PyTorch reference expressions", () => {
  it("has the expected cases", () => {
    expect(reference.expressions.length).toBeGreaterThan(300);
  });
  for (const e of reference.expressions) {
    it(e.name, () => {
      const { nodes, out } = buildExpression(e);
      out.backward();
      const bad: string[] = [];
      if (!close(out.data, e.value)) bad.push(`value ${out.data} != ${e.value}`);
      for (const [name, g] of Object.entries(e.grads)) {
        const got = nodes.get(name)?.grad as number;
        if (!close(got, g)) bad.push(`grad ${name}: ${got} != ${g}`);
      }
      for (const [name, g] of Object.entries(e.node_grads)) {
        const got = nodes.get(name)?.grad as number;
        if (!close(got, g)) bad.push(`node grad ${name}: ${got} != ${g}`);
      }
      expect(bad).toEqual([]);
    });
  }
});
