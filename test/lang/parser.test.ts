import { describe, expect, it } from "vitest";
import { type Expr, parseProgram } from "../../packages/micrograd-ts/src/index.js";
import { tokenize } from "../../packages/micrograd-ts/src/lang/tokenizer.js";
import { thrown } from "../helpers/parse-error.js";

/** Fully parenthesised form of an expression tree, to check precedence and associativity. */
function show(e: Expr): string {
  switch (e.type) {
    case "number":
      return String(e.value);
    case "string":
      return JSON.stringify(e.value);
    case "name":
      return e.name;
    case "neg":
      return `(-${show(e.operand)})`;
    case "binary":
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "call":
      return `${e.callee}(${e.args.map(show).join(", ")})`;
    case "method":
      return `${show(e.receiver)}.${e.method}(${e.args.map(show).join(", ")})`;
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

  it("reads compound assignments as one '=' token and '.' before a name as a method call", () => {
    const t = tokenize("c += 1; c -= 2; c *= x; c /= y; c **= 2; x.relu(); 1.5.exp()");
    expect(t.filter((x) => x.kind === "=").map((x) => `${x.text}@${x.offset}`)).toEqual([
      "+=@2",
      "-=@10",
      "*=@18",
      "/=@26",
      "**=@34",
    ]);
    expect(t.filter((x) => x.kind === ".").map((x) => x.offset)).toEqual([42, 54]);
    // `**` followed by a space and `=` stays a power: the compound is written without spaces, as in Python
    expect(tokenize("a ** =").map((x) => x.text)).toEqual(["a", "**", "=", ""]);
    // a '.' before a digit still starts a number, and `2.e5` is still a number with an exponent
    expect(tokenize("x.5").map((x) => x.kind)).toEqual(["name", "number", "eof"]);
    expect(tokenize("2.e5")[0]?.value).toBe(200000);
  });

  it("asks for parentheses around a number a method is called on", () => {
    expect(thrown(() => tokenize("2.relu()")).message).toBe(
      "1:1: malformed number '2.relu': to call a method on a number, put it in parentheses, e.g. (2).relu()",
    );
    expect(thrown(() => tokenize("y = 10.exp()")).message).toMatch(
      /^1:5: malformed number '10.exp': .* \(10\)\.exp\(\)/,
    );
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

  it("parses method calls tighter than ** and unary minus, chained left to right", () => {
    expect(parseExpr("x.relu()")).toBe("x.relu()");
    expect(parseExpr("(a*b).tanh()")).toBe("(a * b).tanh()");
    expect(parseExpr("x.exp().log()")).toBe("x.exp().log()");
    expect(parseExpr("-x.relu()")).toBe("(-x.relu())");
    expect(parseExpr("x.relu()**2")).toBe("(x.relu() ** 2)");
    expect(parseExpr("2**x.exp()")).toBe("(2 ** x.exp())");
    expect(parseExpr("a + b.pow(2) * c")).toBe("(a + (b.pow(2) * c))");
    expect(parseExpr("tanh(x).exp()")).toBe("tanh(x).exp()");
    expect(parseExpr("x . relu ( )")).toBe("x.relu()");
    expect(parseExpr("(2).exp()")).toBe("2.exp()");
    expect(parseExpr("1.5.exp()")).toBe("1.5.exp()");
    const e = parseProgram("y = (a*b).tanh()").statements[0]?.value;
    expect(e?.type === "method" && [e.nameStart, e.nameEnd, e.end]).toEqual([10, 14, 16]);
  });

  it("parses compound assignments: the operator, its offset, and the expression on the right", () => {
    const p = parseProgram("c = 1\nc += c + 1\nc **= 2");
    expect(p.statements.map((s) => s.type === "assign" && [s.name, s.op, s.opOffset])).toEqual([
      ["c", "=", 2],
      ["c", "+=", 8],
      ["c", "**=", 19],
    ]);
    expect(show(p.statements[1]?.value as Expr)).toBe("(c + 1)");
  });

  it("reports bad method calls and compound assignments clearly", () => {
    expect(thrown(() => parseProgram("c = 1; c += ")).message).toBe(
      "1:13: expected an expression (a number, a name, a call or '(')",
    );
    expect(thrown(() => parseProgram("c += ; d")).message).toBe(
      "1:6: expected an expression (a number, a name, a call or '(') but found ';'",
    );
    expect(thrown(() => parseProgram("2 += a")).message).toBe(
      "1:3: unexpected '+=': only a name can be assigned to, e.g. `c += 2`",
    );
    expect(thrown(() => parseProgram("x.relu() *= 2")).message).toMatch(
      /^1:10: unexpected '\*=': only a name/,
    );
    expect(thrown(() => parseProgram("a = b += 1")).message).toMatch(/^1:7: unexpected '\+=': only a name/);
    expect(thrown(() => parseProgram("x.")).message).toBe(
      "1:3: expected a method name after '.', e.g. x.relu()",
    );
    expect(thrown(() => parseProgram("x.(1)")).message).toBe(
      "1:3: expected a method name after '.', e.g. x.relu() but found '('",
    );
    const data = thrown(() => parseProgram("x = 1; x.data"));
    expect(data.message).toBe(
      "1:10: '.data' cannot be read: the graph and the table show every node's data and grad",
    );
    expect(thrown(() => parseProgram("x = 1; x.foo")).message).toBe(
      "1:10: '.foo' needs parentheses: methods are called like x.relu() (the language has no attributes)",
    );
    expect(data.length).toBe(4);
    expect(thrown(() => parseProgram("x.relu(1")).message).toBe("1:9: expected ')'");
    expect(thrown(() => parseProgram(".relu()")).message).toBe(
      "1:1: expected an expression (a number, a name, a call or '(') but found '.'",
    );
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
    const { lineColumn } = await import("../../packages/micrograd-ts/src/lang/errors.js");
    expect(lineColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn("ab\ncd", 2)).toEqual({ line: 1, column: 3 });
    expect(lineColumn("ab\ncd", 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn("ab\ncd", 99)).toEqual({ line: 2, column: 3 });
  });
});
