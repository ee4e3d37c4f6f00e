import { describe, expect, it } from "vitest";
import { type Expr, parseProgram, tokenize } from "../../src/index.js";
import { thrown } from "../helpers/parse-error.js";

/** Fully parenthesised form of an expression tree, to check precedence and associativity. */
function show(e: Expr): string {
  switch (e.type) {
    case "number":
      return String(e.value);
    case "name":
      return e.name;
    case "neg":
      return `(-${show(e.operand)})`;
    case "binary":
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "call":
      return `${e.callee}(${e.args.map(show).join(", ")})`;
  }
}

const parseExpr = (s: string): string => {
  const statements = parseProgram(s).statements;
  return show((statements[statements.length - 1] as { value: Expr }).value);
};

describe("tokenize", () => {
  it("splits numbers, names, operators, parentheses and separators with their offsets", () => {
    const t = tokenize("a1 = 2.5e-1 ** -x;\ntanh(b)");
    expect(t.map((x) => `${x.kind}:${x.text}@${x.offset}`)).toEqual([
      "name:a1@0",
      "=:=@3",
      "number:2.5e-1@5",
      "op:**@12",
      "op:-@15",
      "name:x@16",
      "sep:;@17",
      "sep:\n@18",
      "name:tanh@19",
      "(:(@23",
      "name:b@24",
      "):)@25",
      "eof:@26",
    ]);
    expect(t[2]?.value).toBe(0.25);
  });

  it("drops comments and newlines inside parentheses", () => {
    expect(tokenize("(a #c\n+ b)\n").map((x) => x.kind)).toEqual([
      "(",
      "name",
      "op",
      "name",
      ")",
      "sep",
      "eof",
    ]);
  });

  it("rejects characters the language does not have, with a hint for ^", () => {
    expect(thrown(() => tokenize("a ^ 2")).message).toMatch(
      /^1:3: unexpected character '\^' \(use \*\* for powers\)/,
    );
    expect(thrown(() => tokenize("x = 1\ny = $")).message).toMatch(/^2:5: unexpected character '\$'/);
  });

  it("rejects malformed numbers", () => {
    expect(thrown(() => tokenize("1e+")).message).toBe(
      "1:2: malformed number '1e+': expected digits after the exponent",
    );
    expect(thrown(() => tokenize("2x")).message).toBe(
      "1:1: malformed number '2x': a name cannot start with a digit",
    );
    expect(thrown(() => tokenize("1e999")).message).toMatch(/^1:1: number '1e999' is too large/);
  });
});

describe("parseProgram", () => {
  it("parses the lecture's program into assignments", () => {
    const p = parseProgram("a = 2; b = -3; c = 10; f = -2; L = (a*b + c) * f");
    expect(p.statements.map((s) => (s.type === "assign" ? s.name : "expr"))).toEqual([
      "a",
      "b",
      "c",
      "f",
      "L",
    ]);
    expect(show(p.statements[4]?.value as Expr)).toBe("(((a * b) + c) * f)");
  });

  it("has Python's precedence and associativity", () => {
    expect(parseExpr("-2**2")).toBe("(-(2 ** 2))");
    expect(parseExpr("2**3**2")).toBe("(2 ** (3 ** 2))");
    expect(parseExpr("2**-x")).toBe("(2 ** (-x))");
    expect(parseExpr("a - b - c")).toBe("((a - b) - c)");
    expect(parseExpr("a / b * c")).toBe("((a / b) * c)");
    expect(parseExpr("a + b * c ** 2")).toBe("(a + (b * (c ** 2)))");
    expect(parseExpr("-a * b")).toBe("((-a) * b)");
    expect(parseExpr("tanh(a + b) * 2")).toBe("(tanh((a + b)) * 2)");
    expect(parseExpr("f(a, b)")).toBe("f(a, b)");
  });

  it("records source positions on nodes", () => {
    const p = parseProgram("x = 1\nyy = tanh(x)");
    const s = p.statements[1];
    expect(s?.type === "assign" && [s.start, s.end, s.value.start, s.value.end]).toEqual([6, 18, 11, 18]);
  });

  it("reports `1:9: expected ')'` with a caret", () => {
    const source = "L = (a*b";
    const e = thrown(() => parseProgram(source));
    expect(e.message).toBe("1:9: expected ')'");
    expect([e.line, e.column, e.offset]).toEqual([1, 9, 8]);
    expect(e.format(source)).toBe("1:9: expected ')'\n  1 | L = (a*b\n    |         ^");
  });

  it("names what it found instead", () => {
    expect(thrown(() => parseProgram("tanh(a b)")).message).toBe("1:8: expected ')' but found name 'b'");
    expect(thrown(() => parseProgram("a = ")).message).toBe(
      "1:5: expected an expression (a number, a name, a call or '(')",
    );
    expect(thrown(() => parseProgram("a = 2 *; b")).message).toBe(
      "1:8: expected an expression (a number, a name, a call or '(') but found ';'",
    );
    expect(thrown(() => parseProgram("a = 1 2")).message).toBe(
      "1:7: expected an operator, ';' or a new line but found number '2'",
    );
    expect(thrown(() => parseProgram("a = 1)")).message).toBe(
      "1:6: unexpected ')': there is no '(' to close",
    );
    expect(thrown(() => parseProgram("2 = a")).message).toMatch(
      /^1:3: unexpected '=': only a name can be assigned/,
    );
    expect(thrown(() => parseProgram("a = +1")).message).toMatch(/^1:5: unexpected '\+': unary plus/);
    expect(thrown(() => parseProgram("\n \n# nothing")).message).toMatch(/empty program/);
  });

  it("points at the right line and column on later lines, and format keeps tabs", () => {
    const source = "a = 1\n\tb = (a +\n\t\t* 2)";
    const e = thrown(() => parseProgram(source));
    expect([e.line, e.column]).toEqual([3, 3]);
    expect(e.format(source).split("\n").slice(1)).toEqual(["  3 | \t\t* 2)", "    | \t\t^"]);
  });

  it("rejects a non-string source with a TypeError", () => {
    expect(() => parseProgram(undefined as unknown as string)).toThrow(TypeError);
  });
});

describe("lineColumn", () => {
  it("counts lines and columns from 1", async () => {
    const { lineColumn } = await import("../../src/index.js");
    expect(lineColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn("ab\ncd", 2)).toEqual({ line: 1, column: 3 });
    expect(lineColumn("ab\ncd", 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn("ab\ncd", 99)).toEqual({ line: 2, column: 3 });
  });
});
