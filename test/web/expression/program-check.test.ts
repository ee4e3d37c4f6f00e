import { describe, expect, it } from "vitest";
import {
  CHECK_FROM,
  MAX_EDITOR_LENGTH,
  MAX_PROGRAM_VALUES,
  ProgramTooBig,
  pasteRefusal,
} from "../../../web/src/expression/program-check.js";
import { evaluateNamed } from "../../../web/src/shared/program-graph.js";

describe("the guard against huge programs", () => {
  it("refuses a paste only when the program would pass the editor's limit, counting the replaced selection", () => {
    expect(pasteRefusal(0, 0, MAX_EDITOR_LENGTH)).toBeNull();
    expect(pasteRefusal(10, 10, MAX_EDITOR_LENGTH)).toBeNull(); // the selection is replaced
    expect(pasteRefusal(10, 9, MAX_EDITOR_LENGTH)).toBe(
      "Not pasted: the program would be 100,001 characters long, and the editor takes at most 100,000 (the page builds graphs of up to 10,000 values). The editor keeps the program it had.",
    );
  });

  it("says how many values a program too big to build has", () => {
    expect(new ProgramTooBig(599_999).message).toBe(
      "it builds a graph of 599,999 values, and the playground builds at most 10,000 (to keep the page responsive). Make it smaller.",
    );
  });

  it("a program short enough to skip the check cannot build more than the limit", () => {
    // one value per character at most: the densest programs are chains of one-character operands
    for (const source of [
      `y=${"1+".repeat((CHECK_FROM - 3) / 2)}1`,
      `x=1\ny=${"-".repeat(400)}x`,
      `x=1;y=${"x*".repeat((CHECK_FROM - 8) / 2)}x`,
    ]) {
      expect(source.length).toBeLessThanOrEqual(CHECK_FROM);
      expect(evaluateNamed(source).topo.length).toBeLessThanOrEqual(MAX_PROGRAM_VALUES);
    }
  });
});
