import { describe, expect, it } from "vitest";
import { ParseError, type Value } from "../../../packages/micrograd-ts/src/index.js";
import { PRESETS } from "../../../web/src/expression/presets.js";
import { evaluateNamed, expressionOf, MAX_EXPRESSION } from "../../../web/src/shared/program-graph.js";

const README = PRESETS.find((p) => p.id === "readme")?.source as string;

/** The names of the unnamed nodes of a graph (what the step panel shows for them). */
function unnamed(source: string): string[] {
  const pg = evaluateNamed(source);
  return pg.topo.filter((v) => v.label === "" && v.op !== "").map((v) => pg.name(v));
}

describe("evaluateNamed", () => {
  it("evaluates exactly the program's graph (README: g = 24.7041, dg/da = 138.8338, dg/db = 645.5773)", () => {
    const pg = evaluateNamed(README);
    const out = pg.evaluation.output;
    out.backward();
    expect(out.data.toFixed(4)).toBe("24.7041");
    const [a, b] = pg.inputs.map((i) => i.leaf) as [Value, Value];
    expect(a.grad.toFixed(4)).toBe("138.8338");
    expect(b.grad.toFixed(4)).toBe("645.5773");
    expect([...pg.evaluation.values.keys()]).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    expect(pg.topo[pg.topo.length - 1]).toBe(out);
    pg.topo.forEach((v, i) => {
      expect(pg.index.get(v)).toBe(i);
    });
  });

  it("names unnamed nodes by their expression in the program's names", () => {
    const names = unnamed(README);
    for (const e of ["10 / f", "b**3", "relu(b + a)", "relu(b - a)", "-a", "a * b", "c + c", "3 * d"]) {
      expect(names).toContain(e);
    }
    expect(names.some((n) => /#\d|value/.test(n))).toBe(false); // no "(value #30)" or "(* #21)"
  });

  it("knows the line of each assignment, so reused names can be told apart", () => {
    const pg = evaluateNamed(README);
    const cs = pg.topo.filter((v) => v.label === "c");
    expect(cs.map((v) => pg.lineOf(v)).sort()).toEqual([3, 5, 6]);
    expect(cs.every((v) => pg.reused(v))).toBe(true);
    const e = pg.topo.find((v) => v.label === "e") as Value;
    expect(pg.lineOf(e)).toBe(9);
    expect(pg.reused(e)).toBe(false);
  });

  it("lists only the inputs the output depends on, keyed by name (name#k when a name is reused)", () => {
    const once = evaluateNamed("a = 1\na = 2\ny = a * a");
    expect(once.inputs.map((i) => [i.key, i.line, i.leaf.data])).toEqual([["a", 2, 2]]);
    const twice = evaluateNamed("a = 1\nb = a * 3\na = 2\ny = a * b");
    expect(twice.inputs.map((i) => [i.key, i.name, i.line, i.leaf.data])).toEqual([
      ["a#1", "a", 1, 1],
      ["a#2", "a", 3, 2],
    ]);
  });

  it("handles compound assignments (a += 3 makes a new node named a) and n-ary functions", () => {
    const pg = evaluateNamed("a = 2\na += 3\ny = max(a * a, 1, a)");
    expect(pg.inputs.map((i) => [i.key, i.line])).toEqual([["a", 1]]);
    const as = pg.topo.filter((v) => v.label === "a");
    expect(as.map((v) => pg.lineOf(v)).sort()).toEqual([1, 2]);
    expect(pg.name(pg.evaluation.output)).toBe("y");
    expect(expressionOf(pg.evaluation.output, (v) => v.label || undefined)).toBe("max(a * a, 1, a)");
  });

  it("keeps an alias's first name (d = a names no new node)", () => {
    const pg = evaluateNamed("a = 2\nd = a\ny = d * 3");
    const a = pg.inputs[0]?.leaf as Value;
    expect(pg.name(a)).toBe("a");
    expect(pg.lineOf(a)).toBe(1);
    expect(pg.evaluation.values.get("d")).toBe(a);
  });

  it("reports syntax errors as ParseError, like evaluateProgram", () => {
    expect(() => evaluateNamed("a = 2\nL = (a * 3")).toThrow(ParseError);
  });
});

describe("expressionOf", () => {
  const named = (v: Value) => (v.label !== "" ? v.label : undefined);
  const outOf = (source: string) => evaluateNamed(source).evaluation.output;

  it("adds the parentheses precedence needs, and only those", () => {
    expect(expressionOf(outOf("x = 2; (x - (x + 1)) * x"), named)).toBe("(x - (x + 1)) * x");
    expect(expressionOf(outOf("x = 2; x - x * x"), named)).toBe("x - x * x");
    expect(expressionOf(outOf("x = 2; x / (x * x)"), named)).toBe("x / (x * x)");
    expect(expressionOf(outOf("x = 2; (x * x)**2"), named)).toBe("(x * x)**2");
    expect(expressionOf(outOf("x = 2; -(x + 1)"), named)).toBe("-(x + 1)");
    expect(expressionOf(outOf("x = 2; 2 ** x"), named)).toBe("2**x");
    expect(expressionOf(outOf("x = 2; tanh(x * 0.5) + exp(x)"), named)).toBe("tanh(x * 0.5) + exp(x)");
  });

  it("spells the node itself out even when it has a name, stopping at named parents", () => {
    expect(expressionOf(outOf("x = 2; y = x * 3; z = y + 1"), named)).toBe("y + 1");
  });

  it("cuts deep and long expressions", () => {
    const deep = expressionOf(outOf(`x = 1; ${"x + ".repeat(30)}x`), named);
    expect(deep.startsWith("… + x")).toBe(true); // nested more than 6 deep: elided
    const long = expressionOf(outOf(`x = 1; ${"tanh(".repeat(5)}x${")".repeat(5)}`), named);
    expect(long).toBe("tanh(tanh(tanh(tanh(tanh(x)))))");
    const wide = expressionOf(
      outOf("longname1 = 1; longname2 = 2; (longname1 * longname2) * (longname2 + longname1)"),
      named,
    );
    expect(wide.length).toBe(MAX_EXPRESSION);
    expect(wide.endsWith("…")).toBe(true);
  });
});

describe("the notebook preset", () => {
  it("is the lecture's neuron cell as written there, drawn with its labels (the same numbers as the neuron preset)", async () => {
    const { CELL_NEURON } = await import("../../lang/lecture-cells.js");
    const preset = PRESETS.find((p) => p.id === "neuron-notebook")?.source as string;
    expect(preset).toBe(`${CELL_NEURON}\ndraw_dot(o)\n`);
    const pg = evaluateNamed(preset);
    pg.evaluation.output.backward();
    const plain = evaluateNamed(PRESETS.find((p) => p.id === "neuron")?.source as string);
    plain.evaluation.output.backward();
    expect(pg.topo.map((v) => [v.data, v.grad])).toEqual(plain.topo.map((v) => [v.data, v.grad]));
    expect(pg.topo.map((v) => pg.name(v))).toContain("x1*w1 + x2*w2");
    expect(pg.inputs.map((i) => i.name)).toEqual(["x1", "x2", "w1", "w2", "b"]);
  });
});
