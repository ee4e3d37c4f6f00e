/**
 * Issue 22's expression-language cases: a byte-order mark, invisible characters in messages, and names
 * in any script, as Python identifiers.
 */
import { describe, expect, it } from "vitest";
import {
  defineOp,
  evaluateProgram,
  ParseError,
  showInvisible,
} from "../../packages/micrograd-ts/src/index.js";
import { tokenize } from "../../packages/micrograd-ts/src/lang/index.js";

function parseError(source: string): ParseError {
  try {
    evaluateProgram(source);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`no ParseError for ${JSON.stringify(source)}`);
}

describe("a byte-order mark", () => {
  it("at the start is skipped, as Python skips it in a UTF-8 file", () => {
    const r = evaluateProgram("\ufeffa = 2; b = a * 3");
    expect(r.output.data).toBe(6);
    expect([...r.values.keys()]).toEqual(["a", "b"]);
  });

  it("anywhere else is an unexpected character shown as <U+FEFF>", () => {
    const e = parseError("a = 2;\ufeff b = a");
    expect(e.message).toMatch(/^1:7: unexpected character <U\+FEFF>;/);
  });
});

describe("invisible characters in messages", () => {
  it("NUL and other controls are shown as <U+XXXX>, in the message and in the quoted line", () => {
    const e = parseError("a = 2\u0000 + 1");
    expect(e.message).toMatch(/^1:6: unexpected character <U\+0000>;/);
    expect(e.message).not.toContain("\u0000");
    const shown = e.format("a = 2\u0000 + 1").split("\n");
    expect(shown[1]).toBe("  1 | a = 2<U+0000> + 1");
    expect(shown[2]).toBe(`    |      ${"^".repeat("<U+0000>".length)}`);
    expect(parseError("x = 1\u001b[31m").message).toContain("<U+001B>");
  });

  it("showInvisible leaves printable text and tabs alone", () => {
    expect(showInvisible("a\tb c→δ")).toBe("a\tb c→δ");
    expect(showInvisible("\u0000\u007f\u200b\u00a0\u2028")).toBe("<U+0000><U+007F><U+200B><U+00A0><U+2028>");
  });

  it("a visible non-ASCII symbol is quoted with its code point", () => {
    expect(parseError("a = 1 → 2").message).toMatch(/unexpected character '→' \(U\+2192\)/);
  });
});

describe("names in any script, as Python identifiers", () => {
  it("accepts α, 损失, combining marks and letters outside the BMP; the name labels its node", () => {
    const r = evaluateProgram("α = 2; 损失 = α * 3; e\u0301 = 损失 + 1; 𝑥 = e\u0301 * 2");
    expect(r.output.data).toBe(14);
    expect([...r.values.keys()]).toEqual(["α", "损失", "e\u0301", "𝑥"]);
    expect(r.values.get("α")?.label).toBe("α");
    expect(tokenize("a_1 = 2").map((t) => t.kind)).toEqual(["name", "=", "number", "eof"]);
  });

  it("still refuses what Python refuses: a digit first, symbols", () => {
    expect(parseError("x = 2α").message).toMatch(/malformed number '2α': a name cannot start with a digit/);
    expect(parseError("€ = 1").message).toMatch(/unexpected character '€' \(U\+20AC\)/);
  });

  it("custom functions may have such names too", () => {
    const double = defineOp({
      name: "δ",
      arity: 1,
      forward: (x: number) => 2 * x,
      derivatives: () => [2],
    });
    expect(evaluateProgram("y = δ(3)", { functions: [double] }).output.data).toBe(6);
  });
});
