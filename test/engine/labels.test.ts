/**
 * Labels as `toDot` draws them: any value as text, invisible characters visible, long ones shortened.
 */
import { describe, expect, it } from "vitest";
import { toDot, Value } from "../../packages/micrograd-ts/src/index.js";

describe("toDot's labels", () => {
  it("draws a label set to a number or anything else as its text (it threw 's.replace is not a function')", () => {
    const v = new Value(2);
    (v as unknown as { label: unknown }).label = 5;
    expect(toDot(v)).toContain('label="{ 5 | data 2.0000 | grad 0.0000 }"');
    (v as unknown as { label: unknown }).label = null;
    expect(toDot(v)).toContain('label="{ null | data');
  });

  it("shows invisible characters as <U+XXXX> and shortens labels over 40 characters, saying how long", () => {
    // (< and > are escaped for the record label; Graphviz draws a<U+0000>b)
    expect(toDot(new Value(1, "a\u0000b"))).toContain("{ a\\<U+0000\\>b |");
    const forty = "x".repeat(40);
    expect(toDot(new Value(1, forty))).toContain(`{ ${forty} |`);
    const long = `${"p".repeat(24)}${"-".repeat(100)}${"s".repeat(8)}`;
    expect(toDot(new Value(1, long))).toContain(`{ ${"p".repeat(24)}…(132 chars)…${"s".repeat(8)} |`);
    // characters, not UTF-16 units: an astral letter is one
    expect(toDot(new Value(1, "𝑥".repeat(40)))).toContain(`{ ${"𝑥".repeat(40)} |`);
  });
});
