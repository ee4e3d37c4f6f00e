// The lecture's notebook cells, pasted as they are (lecture-cells.ts), with the numbers the notebooks'
// draw_dot pictures show; and the one-line errors for the Python the language does not have.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  evaluateProgram,
  parseProgram,
  topoOrder,
  type Value,
} from "../../packages/micrograd-ts/src/index.js";
import { thrown } from "../helpers/parse-error.js";
import {
  A_PLUS_A_DRAWN,
  AB_DRAWN,
  CELL_A_PLUS_A,
  CELL_AB,
  CELL_L,
  CELL_L_DRAWN,
  CELL_NEURON,
  CELL_NEURON_BACKWARD,
  CELL_NEURON_EXP,
  DRAW_L,
  DRAW_O,
  NEURON_BACKWARD,
  NEURON_DRAWN,
  NEURON_EXP_DRAWN,
} from "./lecture-cells.js";

/** Python's "%.4f" (which keeps the sign of -0.0). */
const pyFixed = (x: number) => (Object.is(x, -0) ? "-0.0000" : x.toFixed(4));

/** Every node under the output as the lecture's draw_dot shows it: label -> [data, grad]. */
function drawn(output: Value): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = {};
  for (const v of topoOrder(output)) out[v.label] = [pyFixed(v.data), pyFixed(v.grad)];
  return out;
}

describe("the lecture's cells, pasted as they are", () => {
  it("L = (a*b + c) * f: labels and data, then backward and draw_dot give the picture's grads", () => {
    const before = evaluateProgram(CELL_L);
    expect(before.backward).toBeNull();
    expect(before.output.label).toBe("L");
    const data = Object.fromEntries(Object.entries(CELL_L_DRAWN).map(([k, [d]]) => [k, [d, "0.0000"]]));
    expect(drawn(before.output)).toEqual(data);
    expect(before.inputs.map((v) => v.label)).toEqual(["a", "b", "c", "f"]);

    const after = evaluateProgram(`${CELL_L}\nL.backward()\n${DRAW_L}`);
    expect(after.backward).toBe(after.output);
    expect(drawn(after.output)).toEqual(CELL_L_DRAWN);
  });

  it("the neuron (first half, cells 13, 15, 14): every label and grad of the picture", () => {
    const plain = evaluateProgram(CELL_NEURON);
    expect(plain.output.label).toBe("o"); // the last statement is `o.label = 'o'`: o
    expect(plain.output.data).toBeCloseTo(Math.SQRT1_2, 15); // tanh(atanh(1/√2)): the bias was chosen so
    const { output, values } = evaluateProgram(`${CELL_NEURON}\n${NEURON_BACKWARD}\n${DRAW_O}`);
    expect(drawn(output)).toEqual(NEURON_DRAWN);
    // the name and the label differ: x1w1 is drawn as 'x1*w1'
    expect(values.get("x1w1")?.label).toBe("x1*w1");
    // the lecture's 1 - o**2 = 0.4999999999999999
    expect(values.get("n")?.grad).toBeCloseTo(0.4999999999999999, 15);
  });

  it("the neuron with o.backward() in the cell (second half, cells 9 and 10)", () => {
    const ev = evaluateProgram(`${CELL_NEURON_BACKWARD}\n${DRAW_O}`);
    expect(drawn(ev.output)).toEqual(NEURON_DRAWN);
    expect(ev.inputs.map((v) => v.label)).toEqual(["x1", "x2", "w1", "w2", "b"]);
  });

  it("a + a (cell 31): a's grad is 2, both uses accumulate", () => {
    const ev = evaluateProgram(CELL_A_PLUS_A);
    expect(drawn(ev.output)).toEqual(A_PLUS_A_DRAWN);
  });

  it("(a*b)*(a+b) (cell 32): a.grad = -3, b.grad = -8", () => {
    const ev = evaluateProgram(CELL_AB);
    expect(drawn(ev.output)).toEqual(AB_DRAWN);
  });

  it("tanh broken up into exp (second half, cell 11): the labelled nodes and the same numbers", () => {
    const ev = evaluateProgram(CELL_NEURON_EXP);
    const ours = topoOrder(ev.output).map((v) => `${pyFixed(v.data)} ${pyFixed(v.grad)}`);
    // The lecture's Value builds e - 1 as e + (-1) and x / y as x * y**-1: two nodes of its picture, the
    // leaf -1 and y**-1, are ours as the constant 1 under `-` (grad -0.1464) and the `/` node itself.
    const theirs = NEURON_EXP_DRAWN.map(([, d, g]) => `${d} ${g}`);
    const lectureOnly = ["-1.0000 0.1464", "0.1464 4.8284"];
    const ourOnly = ["1.0000 -0.1464"];
    expect([...ours.filter((x) => !ourOnly.includes(x))].sort()).toEqual(
      theirs.filter((x) => !lectureOnly.includes(x)).sort(),
    );
    const labelled = drawn(ev.output);
    for (const [label, d, g] of NEURON_EXP_DRAWN) if (label !== "") expect(labelled[label]).toEqual([d, g]);
    expect(labelled.e).toEqual(["5.8284", "0.0429"]); // unlabelled in the lecture, named e here
  });

  it("micrograd's README example, with Value(-4.0) and g.backward() as written (24.7041, 138.8338, 645.5773)", () => {
    const { output, values } = evaluateProgram(`a = Value(-4.0)
b = Value(2.0)
c = a + b
d = a * b + b**3
c += c + 1
c += 1 + c + (-a)
d += d * 2 + (b + a).relu()
d += 3 * d + (b - a).relu()
e = c - d
f = e**2
g = f / 2.0
g += 10.0 / f
g.backward()`);
    expect(output.data.toFixed(4)).toBe("24.7041");
    expect(values.get("a")?.grad.toFixed(4)).toBe("138.8338");
    expect(values.get("b")?.grad.toFixed(4)).toBe("645.5773");
  });
});

describe("Value(…), labels, backward() and draw_dot()", () => {
  it("Value(x) is a leaf; assigned, an input named by its label (or the name); elsewhere a constant", () => {
    const ev = evaluateProgram("x = Value(2.0)\ny = Value(3.0, label='why')\nz = x * y + Value(1.0)");
    expect(ev.inputs.map((v) => [v.label, v.data])).toEqual([
      ["x", 2],
      ["why", 3],
    ]);
    expect(ev.output.data).toBe(7);
    expect(evaluateProgram("y = Value(3.0, label='why'); y * 2", { inputs: { why: 5 } }).output.data).toBe(
      10,
    );
    expect(() => evaluateProgram("y = Value(3.0, label='why'); y * 2", { inputs: { y: 5 } })).toThrow(
      "the program's inputs (names assigned a number) are: why",
    );
  });

  it("strings in ' or \", with Python's escapes", () => {
    const ev = evaluateProgram(`a = Value(1.0, label="it's")\nb = a * 2; b.label = 'say \\'hi\\'\\tx\\d'`);
    expect(ev.inputs[0]?.label).toBe("it's");
    expect(ev.output.label).toBe("say 'hi'\tx\\d");
    expect(parseProgram("e.label = ''").statements[0]).toMatchObject({
      type: "label",
      name: "e",
      value: { type: "string", value: "", start: 10, end: 12 },
    });
  });

  it("backward() runs where it is written; a second call accumulates into the leaves, as in the lecture", () => {
    const once = evaluateProgram("a = Value(3.0)\nb = a * a\nb.backward()");
    expect(once.values.get("a")?.grad).toBe(6);
    const twice = evaluateProgram("a = Value(3.0)\nb = a * a\nb.backward()\nb.backward()");
    expect(twice.values.get("a")?.grad).toBe(12);
    // nodes built after backward() have no grad yet
    const later = evaluateProgram("a = Value(3.0)\nb = a * a\nb.backward()\nc = b + 1");
    expect([later.output.grad, later.values.get("a")?.grad]).toEqual([0, 6]);
  });

  it("draw_dot(x) names the output even when statements follow", () => {
    const ev = evaluateProgram("a = 2\nb = a * 3\ndraw_dot(b)\nc = b + 1");
    expect(ev.output.label).toBe("b");
  });

  it("records every assignment with the node it bound", () => {
    const ev = evaluateProgram("a = 2\nd = a\ne = d * 3; e.label = 'E'");
    expect(ev.assignments.map((x) => [x.statement.name, x.value.label])).toEqual([
      ["a", "a"],
      ["d", "a"],
      ["e", "E"],
    ]);
  });

  it("says what is wrong with Value(), labels, backward() and draw_dot()", () => {
    const usage = "Value() takes a number and, if you like, a label, e.g. Value(2.0, label='a')";
    expect(thrown(() => evaluateProgram("a = Value()")).message).toBe(`1:5: ${usage}`);
    expect(thrown(() => evaluateProgram("a = 2; b = Value(a)")).message).toBe(
      `1:12: ${usage}; a computed value is a Value already: use it as it is`,
    );
    expect(thrown(() => evaluateProgram("a = Value(2.0, lable='a')")).message).toBe(
      `1:16: ${usage} (it has no argument 'lable=')`,
    );
    expect(thrown(() => evaluateProgram("a = Value(2.0, label=3)")).message).toBe(
      `1:16: ${usage} (the label is a string in quotes)`,
    );
    expect(thrown(() => parseProgram("a = Value(label='a', 2.0)")).message).toBe(
      "1:22: an argument without a name cannot follow a keyword argument (as in Python: Value(2.0, label='a'))",
    );
    expect(thrown(() => evaluateProgram("a = 'x'")).message).toBe(
      "1:5: a string is only a label here: Value(2.0, label='a') or e.label = 'e'",
    );
    expect(thrown(() => parseProgram("e.label = e")).message).toBe(
      "1:11: expected a label in quotes, e.g. e.label = 'e' but found name 'e'",
    );
    expect(thrown(() => evaluateProgram("e.label = 'e'")).message).toBe(
      "1:1: unknown name 'e': assign it first, e.g. `e = 2`",
    );
    expect(thrown(() => parseProgram("a = 'x")).message).toBe(
      "1:5: unterminated string: close it with ' on the same line",
    );
    expect(thrown(() => parseProgram('a = """doc"""')).message).toBe(
      '1:5: triple-quoted strings are not part of the language: a label is one line, e.g. "a"',
    );
    expect(thrown(() => evaluateProgram("a = 2; a.backward(1)")).message).toBe(
      "1:10: .backward() takes no arguments, e.g. L.backward()",
    );
    expect(thrown(() => evaluateProgram("a = 2; draw_dot()")).message).toBe(
      "1:8: draw_dot() takes the value to draw, e.g. draw_dot(L)",
    );
    expect(thrown(() => evaluateProgram("a = 2; tanh(a, label='t')")).message).toBe(
      "1:16: tanh() takes no keyword argument 'label=' (call it like tanh(x))",
    );
  });
});

describe("the Python the language does not have: one line naming it and what to write instead", () => {
  const cases: [string, string][] = [
    [
      "for i in range(20):",
      "1:1: loops ('for') are not part of the language: write each step as its own statement",
    ],
    ["while x < 1:", "1:1: loops ('while') are not part of the language"],
    ["def lol():", "1:1: functions cannot be defined ('def'): write the expression out"],
    ["class Value:", "1:1: classes cannot be defined ('class')"],
    [
      "import math",
      "1:1: 'import' is not needed: Value, draw_dot and the functions (tanh, exp, …) are built in",
    ],
    ["from micrograd.engine import Value", "1:1: 'from … import' is not needed"],
    ["if x:", "1:1: conditions ('if') are not part of the language"],
    ["f = lambda x: x", "1:5: functions cannot be defined ('lambda')"],
    [
      "x = 2; t = (math.exp(2*x) - 1)",
      "1:13: math.exp is not available: the functions are built in, write exp(x) or x.exp()",
    ],
    ["x = 2; y = math.pi * x", "1:12: math.pi is not available: write 3.141592653589793"],
    [
      "w = random.uniform(-1,1)",
      "1:5: random.uniform is not available: random numbers are not part of the language",
    ],
    ["xs = [2.0, 3.0]", "1:6: unexpected character '[' (lists are not part of the language"],
    ["x = 2; print(x)", "1:8: unknown function 'print' (the graph and the table show every value"],
    ["a = 2; a.data += 0.001", "1:10: '.data' cannot be set: assign the name a new number instead"],
    ["o = 2; o.grad = 1.0", "1:10: '.grad' cannot be set: grads are computed by L.backward()"],
    ["o = 2; o._backward()", "1:10: unknown method '_backward' (one node's step of backward"],
    ["x = True", "1:5: 'True' is not a value of the language: write a number, e.g. 1.0"],
    ["with x:", "1:1: 'with' is Python that the language does not have"],
  ];
  for (const [source, start] of cases) {
    it(source, () => {
      const message = thrown(() => evaluateProgram(source)).message;
      expect(message.startsWith(start), message).toBe(true);
      expect(message).not.toContain("\n");
    });
  }
});

describe("the lecture's syntax on arbitrary text", () => {
  it("never throws anything but a one-line ParseError", () => {
    const units = [
      ..."ab2.()=;,\n #'\"\\*+".split(""),
      "Value(",
      "label=",
      ".label",
      " = ",
      "draw_dot(",
      ".backward()",
      ".tanh()",
      "for ",
      "math.",
      "'x1*w1'",
    ];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...units) }), (s) => {
        try {
          evaluateProgram(s);
        } catch (e) {
          expect((e as Error).name).toBe("ParseError");
          expect((e as Error).message).toMatch(/^\d+:\d+: [^\n]+$/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
