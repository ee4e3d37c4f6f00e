/**
 * Every PyTorch reference expression, written as a program of the expression language, must give
 * PyTorch's value and gradients: this checks the parser and evaluator end to end against the fixture.
 */
import { describe, expect, it } from "vitest";
import { evaluateProgram } from "../../packages/micrograd-ts/src/index.js";
import { close, type RefExpression, reference } from "../helpers/reference.js";

const num = (x: number): string => (Object.is(x, -0) ? "-0" : String(x));

/** The reference program as source text; constants are written inline, in parentheses. */
function toSource(e: RefExpression): string {
  const consts = new Map<string, number>();
  const lines = e.inputs.map(([name, x]) => `${name} = ${num(x)}`);
  const ref = (n: string | number | undefined): string => {
    const c = consts.get(String(n));
    return c === undefined ? String(n) : `(${num(c)})`;
  };
  const infix: Record<string, string> = { add: "+", sub: "-", mul: "*", div: "/" };
  for (const [out, op, a, b] of e.program) {
    if (op === "const") {
      consts.set(out, a as number);
      continue;
    }
    let rhs: string;
    if (op in infix) rhs = `${ref(a)} ${infix[op]} ${ref(b)}`;
    else if (op === "neg") rhs = `-${ref(a)}`;
    else if (op === "pow") rhs = `${ref(a)} ** ${num(b as number)}`;
    else rhs = `${op}(${ref(a)})`;
    lines.push(`${out} = ${rhs}`);
  }
  lines.push(e.output);
  return lines.join("\n");
}

describe("the expression language against the PyTorch reference", () => {
  for (const e of reference.expressions) {
    it(e.name, () => {
      const { output, values, inputs } = evaluateProgram(toSource(e));
      output.backward();
      const bad: string[] = [];
      if (!close(output.data, e.value)) bad.push(`value ${output.data} != ${e.value}`);
      const labels = inputs.map((v) => v.label);
      for (const [name] of e.inputs) expect(labels).toContain(name);
      for (const [name, g] of Object.entries({ ...e.grads, ...e.node_grads })) {
        const got = values.get(name)?.grad as number;
        if (!close(got, g)) bad.push(`grad ${name}: ${got} != ${g}`);
      }
      expect(bad).toEqual([]);
    });
  }
});
