/**
 * The second PyTorch reference set (ops-gradients.json: abs sqrt sin cos detach, pow at zero, powv, sum,
 * max, min, dot, softmax, log-softmax, cross-entropy), every case written as a program of the expression
 * language: the functions, methods and n-ary calls must give PyTorch's value and input gradients.
 * dot, softmax and cross-entropy have no function of their own; they are written out as a learner
 * would, with sum, max and detach (the stable form, the max subtracted and detached).
 */
import { describe, expect, it } from "vitest";
import { evaluateProgram } from "../../src/index.js";
import { type OpsCase, opsReference } from "../helpers/ops-reference.js";
import { close } from "../helpers/reference.js";

const num = (x: number): string => (Object.is(x, -0) ? "-0" : String(x));
const infix: Record<string, string> = { add: "+", sub: "-", mul: "*", div: "/" };

/** The case as source text: constants inline in parentheses, one statement per instruction. */
function toSource(c: OpsCase): string {
  const consts = new Map<string, number>();
  const lines = c.inputs.map(([name, x]) => `${name} = ${num(x)}`);
  const ref = (n: unknown): string => {
    const k = consts.get(String(n));
    return k === undefined ? String(n) : `(${num(k)})`;
  };
  const list = (ns: unknown): string[] => (ns as string[]).map(ref);
  const products = (ws: unknown, xs: unknown): string[] => {
    const x = list(xs);
    return list(ws).map((w, i) => `${w}*${x[i]}`);
  };
  /** The shifted exps of a stable softmax; adds the detached max `_m_out` as a statement. */
  const stable = (out: string, ns: unknown): { m: string; exps: string } => {
    const m = `_m_${out}`;
    lines.push(`${m} = max(${list(ns).join(", ")}).detach()`);
    return {
      m,
      exps: `sum(${list(ns)
        .map((x) => `(${x} - ${m}).exp()`)
        .join(", ")})`,
    };
  };
  for (const [out, op, a, b, s] of c.program) {
    let rhs: string;
    if (op === "const") {
      consts.set(out, a as number);
      continue;
    }
    if (op in infix) rhs = `${ref(a)} ${infix[op]} ${ref(b)}`;
    else if (op === "pow") rhs = `${ref(a)} ** ${num(b as number)}`;
    else if (op === "powv") rhs = `${ref(a)}.pow(${ref(b)})`;
    else if (op === "sum" || op === "max" || op === "min") rhs = `${op}(${list(a).join(", ")})`;
    else if (op === "dot") rhs = `sum(${products(a, b).join(", ")})`;
    else if (op === "dotb") rhs = [ref(s), ...products(a, b)].join(" + ");
    else if (op === "softmax") {
      const { m, exps } = stable(out, a);
      rhs = `(${list(a)[b as number]} - ${m}).exp() / ${exps}`;
    } else if (op === "logsoftmax" || op === "ce") {
      const { m, exps } = stable(out, a);
      const logp = `(${list(a)[b as number]} - ${m}) - ${exps}.log()`;
      rhs = op === "ce" ? `-(${logp})` : logp;
    } else {
      // a unary op: alternate the two spellings, tanh(x) and x.tanh()
      rhs = out.length % 2 === 0 ? `${op}(${ref(a)})` : `${ref(a)}.${op}()`;
    }
    lines.push(`${out} = ${rhs}`);
  }
  lines.push(c.output);
  return lines.join("\n");
}

describe("the expression language against the second PyTorch reference (ops-gradients.json)", () => {
  it("covers every op of the set", () => {
    const ops = new Set(opsReference.expressions.flatMap((c) => c.program.map((i) => i[1])));
    expect(ops.size).toBe(26);
  });
  for (const c of opsReference.expressions) {
    it(c.name, () => {
      const { output, inputs } = evaluateProgram(toSource(c));
      output.backward();
      const bad: string[] = [];
      if (!close(output.data, c.value)) bad.push(`value ${output.data} != ${c.value}`);
      const leaves = new Map(inputs.map((v) => [v.label, v]));
      for (const [name, g] of Object.entries(c.grads)) {
        const got = leaves.get(name)?.grad as number;
        if (!close(got, g)) bad.push(`grad ${name}: ${got} != ${g}`);
      }
      expect(bad).toEqual([]);
    });
  }
});
