// The expression view's messages (issue 21): unknown names list only the program's names, NaN and
// Infinity typed as literals get what the language has, a NaN in the graph is traced to where it first
// appeared, and a mistake in a 20,000-character line is shown with the part around the caret only.
import { describe, expect, it } from "vitest";
import { FORMAT_WINDOW } from "../../../packages/micrograd-ts/src/lang/errors.js";
import { evaluateNamed, firstNaN } from "../../../web/src/shared/program-graph.js";
import { thrown } from "../../helpers/parse-error.js";

describe("unknown names in the playground", () => {
  it("lists only the names the program defined (no internal names)", () => {
    expect(thrown(() => evaluateNamed("a = 2\nb = a * q")).message).toBe(
      "2:9: unknown name 'q'; defined so far: a",
    );
    expect(thrown(() => evaluateNamed("x = 1\ny = x * 2\nz = x * q")).message).toBe(
      "3:9: unknown name 'q'; defined so far: x, y",
    );
  });

  it("NaN and Infinity typed as literals: what the language has instead (0/0, 1/0 or a number)", () => {
    expect(thrown(() => evaluateNamed("a = NaN")).message).toBe(
      "1:5: unknown name 'NaN': the language has no NaN literal: write 0/0 (or a number)",
    );
    expect(thrown(() => evaluateNamed("a = 2; b = a * Infinity")).message).toBe(
      "1:16: unknown name 'Infinity': the language has no Infinity literal: write 1/0 (-1/0 for -Infinity), or a number",
    );
    expect(thrown(() => evaluateNamed("a = -inf")).message).toMatch(/^1:6: unknown name 'inf': .*write 1\/0/);
    expect(thrown(() => evaluateNamed("a = float('nan')")).message).toMatch(
      /^1:5: unknown function 'float' \(numbers are floats already: .*0\/0 for NaN/,
    );
  });
});

describe("firstNaN: where a NaN first appears", () => {
  it("names the first value computed as NaN, with its line and inputs", () => {
    const pg = evaluateNamed("a = 0\nb = 2\nc = a / a\nd = c * b + 1");
    expect(firstNaN(pg)).toBe("NaN first appears in c = a / a (line 3), with a = 0 and a = 0");
  });

  it("an unnamed value is named by its expression and the line of the statement that uses it", () => {
    const pg = evaluateNamed("a = -1\nb = 3\ny = b * log(a) + 1");
    expect(firstNaN(pg)).toBe("NaN first appears in log(a) (line 3), with a = -1");
  });

  it("a NaN grad: where backward first made one", () => {
    const pg = evaluateNamed("x = 0\ns = sqrt(x)\ny = s * 0");
    expect(firstNaN(pg)).toBeUndefined();
    pg.evaluation.output.backward();
    expect(firstNaN(pg)).toMatch(
      /^the grad of x \(line 1\) is NaN: backward first made a NaN there, from s = sqrt\(x\) \(line 2\)/,
    );
  });

  it("nothing to say for a graph without NaN", () => {
    expect(firstNaN(evaluateNamed("a = 1/0; b = a * 2"))).toBeUndefined();
  });
});

describe("ParseError.format on a very long line", () => {
  it("shows the part around the caret, marked with … where it is cut", () => {
    const line = `y = ${"a + ".repeat(2500)}$ + ${"a + ".repeat(2500)}1`;
    expect(line.length).toBeGreaterThan(16_000);
    const at = line.indexOf("$");
    const e = thrown(() => evaluateNamed(`a = 2\n${line}`));
    const [message, shown, caret] = e.format(`a = 2\n${line}`).split("\n");
    expect(message).toMatch(/^2:\d+: unexpected character '\$'/);
    expect(shown).toBe(`  2 | …${line.slice(at - FORMAT_WINDOW, at + FORMAT_WINDOW)}…`);
    // the caret is under the '$'
    expect(caret?.indexOf("^")).toBe(shown?.indexOf("$"));
    expect(caret?.endsWith(" ^")).toBe(true);
    expect(shown?.length).toBeLessThan(2 * FORMAT_WINDOW + 10);
  });

  it("keeps a short line whole, and cuts only the side that is long", () => {
    expect(thrown(() => evaluateNamed("L = (a*b")).format("L = (a*b")).toBe(
      "1:9: expected ')'\n  1 | L = (a*b\n    |         ^",
    );
    const source = `$ = ${"1 + ".repeat(100)}1`;
    const [, shown, caret] = thrown(() => evaluateNamed(source))
      .format(source)
      .split("\n");
    expect(shown).toBe(`  1 | ${source.slice(0, FORMAT_WINDOW)}…`);
    expect(caret).toBe("    | ^");
  });
});
