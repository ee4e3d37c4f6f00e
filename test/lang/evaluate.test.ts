import { describe, expect, it } from "vitest";
import { defineOp, evaluateProgram, MAX_NESTING, ParseError, parseProgram, Value } from "../../src/index.js";
import { thrown } from "../helpers/parse-error.js";

// micrograd's README example with `+=` written out (numbers from the micrograd README / issue 3).
const README_PROGRAM = `a = -4
b = 2
c = a + b
d = a * b + b**3
c = c + c + 1
c = c + 1 + c + (-a)
d = d + d * 2 + relu(b + a)
d = d + 3 * d + relu(b - a)
e = c - d
f = e**2
g = f / 2.0
g = g + 10.0 / f`;

const LECTURE_L = "a = 2; b = -3; c = 10; e = a*b; d = e + c; f = -2; L = d * f";

describe("evaluateProgram", () => {
  it("runs micrograd's README example: g = 24.7041, dg/da = 138.8338, dg/db = 645.5773", () => {
    const { output, values, inputs } = evaluateProgram(README_PROGRAM);
    output.backward();
    expect(output.data).toBeCloseTo(24.7041, 4);
    expect(values.get("a")?.grad).toBeCloseTo(138.8338, 4);
    expect(values.get("b")?.grad).toBeCloseTo(645.5773, 4);
    expect(inputs.map((v) => v.label)).toEqual(["a", "b"]);
    expect(output.label).toBe("g");
  });

  it("runs the lecture's L program (L = -8; dL/da = 6, dL/db = -4, dL/dc = -2, dL/df = 4)", () => {
    const { output, values } = evaluateProgram(LECTURE_L);
    output.backward();
    expect(output.data).toBe(-8);
    const grads = Object.fromEntries([...values].map(([k, v]) => [k, v.grad]));
    expect(grads).toEqual({ a: 6, b: -4, c: -2, e: -2, d: -2, f: 4, L: 1 });
    expect(values.get("e")?.op).toBe("*");
    expect(values.get("e")?.prev).toEqual([values.get("a"), values.get("b")]);
  });

  it("accepts newlines and ; alike, blank lines and comments, and newlines inside parentheses", () => {
    const a = evaluateProgram("a = 2; b = 3\n\n# comment\nc = (a +\n b) * 2 # trailing\n;");
    expect(a.output.data).toBe(10);
    expect(a.output.label).toBe("c");
  });

  it("labels assigned nodes; the output is the last statement, even when it is not assigned", () => {
    const { output, values } = evaluateProgram("x = 3; y = x * x; y + 1");
    expect(output.data).toBe(10);
    expect(output.label).toBe("");
    expect(values.get("y")?.label).toBe("y");
  });

  it("keeps the first label when a name is an alias (d = a)", () => {
    const { values } = evaluateProgram("a = 2; d = a; d * 3");
    expect(values.get("d")).toBe(values.get("a"));
    expect(values.get("d")?.label).toBe("a");
  });

  it("makes a new node on reassignment (c = c + 1), labelled again", () => {
    const { values, output } = evaluateProgram("c = 1; c = c + 1; c = c * 5");
    expect(output.data).toBe(10);
    expect(values.get("c")).toBe(output);
    expect(output.prev[0]?.label).toBe("c");
    expect(output.prev[0]?.op).toBe("+");
  });

  it("follows Python's precedence: ** right-assoc and tighter than unary minus", () => {
    const value = (s: string) => evaluateProgram(s).output.data;
    expect(value("-2**2")).toBe(-4);
    expect(value("(-2)**2")).toBe(4);
    expect(value("2**3**2")).toBe(512);
    expect(value("2**-1")).toBe(0.5);
    expect(value("1 - 2 - 3")).toBe(-4);
    expect(value("8 / 4 / 2")).toBe(1);
    expect(value("2 + 3 * 4")).toBe(14);
    expect(value("--3")).toBe(3);
    expect(value("-3 * -2")).toBe(6);
    expect(value("1e-3 * 1000")).toBe(1);
    expect(value(".5 + 0.25")).toBe(0.75);
  });

  it("uses pow(number) for a constant exponent and pow(Value) otherwise", () => {
    expect(evaluateProgram("x = 3; x ** 2").output.op).toBe("**2");
    expect(evaluateProgram("x = 3; x ** -1").output.op).toBe("**-1");
    expect(evaluateProgram("x = 3; x ** (0.5)").output.op).toBe("**0.5");
    const e = evaluateProgram("x = 3; y = 2; x ** y");
    expect(e.output.op).toBe("**");
    e.output.backward();
    expect(e.values.get("x")?.grad).toBeCloseTo(6, 12);
    expect(e.values.get("y")?.grad).toBeCloseTo(9 * Math.log(3), 12);
  });

  it("maps - and / to the single engine ops and unary minus to neg", () => {
    expect(evaluateProgram("a = 1; b = 2; a - b").output.op).toBe("-");
    expect(evaluateProgram("a = 1; b = 2; a / b").output.op).toBe("/");
    expect(evaluateProgram("a = 1; -a").output.op).toBe("neg");
    expect(evaluateProgram("a = 1; 10 / a").output.op).toBe("/");
  });

  it("calls exp log tanh relu sigmoid", () => {
    const x = 0.7;
    const v = (f: string) => evaluateProgram(`x = ${x}; ${f}(x)`).output;
    expect(v("exp").data).toBe(Math.exp(x));
    expect(v("log").data).toBe(Math.log(x));
    expect(v("tanh").data).toBe(Math.tanh(x));
    expect(v("relu").op).toBe("ReLU");
    expect(v("sigmoid").data).toBeCloseTo(1 / (1 + Math.exp(-x)), 15);
  });

  it("treats b = -3 as an input leaf, and counts only names assigned a number as inputs", () => {
    const { inputs } = evaluateProgram("a = 2; b = -3; k = a * 2; b");
    expect(inputs.map((v) => [v.label, v.data, v.op])).toEqual([
      ["a", 2, ""],
      ["b", -3, ""],
    ]);
  });

  it("options.inputs replaces inputs by name (numbers or Values)", () => {
    expect(evaluateProgram("a = 2; b = 3; a * b", { inputs: { a: 5 } }).output.data).toBe(15);
    const leaf = new Value(4);
    const e = evaluateProgram("a = 2; b = 3; a * b", { inputs: { b: leaf } });
    expect(e.inputs[1]).toBe(leaf);
    expect(leaf.label).toBe("b");
    e.output.backward();
    expect(leaf.grad).toBe(2);
    expect(() => evaluateProgram("a = 2; a", { inputs: { z: 1 } })).toThrow(
      /options.inputs has 'z', but the program's inputs .* are: a/,
    );
  });

  it("options.functions adds custom ops from defineOp", () => {
    const softplus = defineOp({
      name: "softplus_lang_test",
      arity: 1,
      forward: (x) => Math.log1p(Math.exp(x)),
      derivatives: ([x]) => [1 / (1 + Math.exp(-(x as number)))],
    });
    const { output, values } = evaluateProgram("x = 0.5; y = softplus_lang_test(x)", {
      functions: [softplus],
    });
    expect(output.data).toBeCloseTo(Math.log1p(Math.exp(0.5)), 15);
    output.backward();
    expect(values.get("x")?.grad).toBeCloseTo(1 / (1 + Math.exp(-0.5)), 15);
    const viaRecord = evaluateProgram("x = 0.5; sp(x)", { functions: { sp: softplus } });
    expect(viaRecord.output.op).toBe("softplus_lang_test");
    const e = thrown(() => evaluateProgram("x = 1; sp(x, x)", { functions: { sp: softplus } }));
    expect(e.message).toBe("1:8: sp() takes 1 argument, got 2");
    expect(() => evaluateProgram("1", { functions: { tanh: softplus } })).toThrow(/taken by a built-in/);
  });
});

describe("errors from evaluation", () => {
  it("unknown names say where and list the names defined so far", () => {
    const e = thrown(() => evaluateProgram("a = 2; b = 3\nc = a * x"));
    expect(e.message).toBe("2:9: unknown name 'x'; defined so far: a, b");
    expect([e.line, e.column, e.offset]).toEqual([2, 9, 21]);
    expect(thrown(() => evaluateProgram("y + 1")).message).toMatch(/^1:1: unknown name 'y': assign it first/);
    expect(thrown(() => evaluateProgram("a = 1; a + tanh")).message).toMatch(
      /unknown name 'tanh': 'tanh' is a function, call it like tanh\(x\)/,
    );
  });

  it("unknown functions list the allowed ones", () => {
    const e = thrown(() => evaluateProgram("a = 2; b = sin(a)"));
    expect(e.message).toBe("1:12: unknown function 'sin'; allowed: exp, log, tanh, relu, sigmoid");
    expect(e.format("a = 2; b = sin(a)")).toBe(
      "1:12: unknown function 'sin'; allowed: exp, log, tanh, relu, sigmoid\n  1 | a = 2; b = sin(a)\n    |            ^^^",
    );
  });

  it("wrong arity", () => {
    expect(thrown(() => evaluateProgram("a = 1; exp()")).message).toBe("1:8: exp() takes 1 argument, got 0");
  });

  it("rejects non-string sources and bad options with TypeErrors", () => {
    expect(() => evaluateProgram(42 as unknown as string)).toThrow(TypeError);
    expect(() => evaluateProgram("1", null as unknown as object)).toThrow(TypeError);
    expect(() => evaluateProgram("a = 1; a", { inputs: { a: "x" as unknown as number } })).toThrow(TypeError);
  });
});

describe("very long and very deep programs", () => {
  it("evaluates a 20,000-operator chain without overflowing the stack", () => {
    const src = `x = 1.0001; y = ${Array.from({ length: 20001 }, () => "x").join(" * ")}`;
    const { output, values } = evaluateProgram(src);
    output.backward();
    expect(output.data).toBeCloseTo(1.0001 ** 20001, 6);
    // d/dx x^n = n x^(n-1), worked out by hand
    expect(values.get("x")?.grad).toBeCloseTo(20001 * 1.0001 ** 20000, 4);
  });

  it("rejects nesting deeper than MAX_NESTING with a ParseError at the position", () => {
    const deep = `x = 2; y = ${"(".repeat(MAX_NESTING + 5)}x${")".repeat(MAX_NESTING + 5)}`;
    expect(() => evaluateProgram(deep)).toThrow(ParseError);
    expect(() => evaluateProgram(deep)).toThrow(/expression nested too deeply \(more than 500 levels/);
    const ok = `x = 2; y = ${"(".repeat(200)}x${")".repeat(200)}`;
    expect(evaluateProgram(ok).output.data).toBe(2);
    expect(() => parseProgram(`y = ${"-".repeat(MAX_NESTING + 1)}1`)).toThrow(/nested too deeply/);
  });
});
