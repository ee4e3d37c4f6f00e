import { describe, expect, it } from "vitest";
import { compile } from "../../src/index.js";
import { buildOpsCase, opsReference } from "../helpers/ops-reference.js";
import { close } from "../helpers/reference.js";

describe("the second set of ops against PyTorch's semantics (ops-gradients.json)", () => {
  it("has the 439 cases, named edge cases first", () => {
    expect(opsReference.format).toBe("micrograd-ops-reference/1");
    expect(opsReference.expressions.length).toBe(439);
    expect(opsReference.expressions[0]?.name).toBe("pow-zero-base-k0");
  });
  for (const c of opsReference.expressions) {
    it(`${c.name}: value and input gradients at 1e-9 relative, object engine and compiled`, () => {
      const { inputs, out } = buildOpsCase(c);
      expect(close(out.data, c.value), `value ${out.data} vs ${c.value}`).toBe(true);
      out.backward();
      const objectGrads = new Map([...inputs].map(([name, leaf]) => [name, leaf.grad]));
      for (const [name, want] of Object.entries(c.grads)) {
        const got = objectGrads.get(name) as number;
        expect(close(got, want), `d${c.output}/d${name}: ${got} vs ${want}`).toBe(true);
      }
      // the compiled path: bit for bit the object engine's
      const g = compile(out);
      expect(Object.is(g.forward(), out.data)).toBe(true);
      g.backward();
      for (const [name, leaf] of inputs) expect(leaf.grad, name).toBe(objectGrads.get(name));
    });
  }
});
