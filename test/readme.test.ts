// The root README: its first snippet runs as written and prints the lecture's numbers (L = -8; the grads
// of a, b, c, f are 6, -4, -2, 4, worked out by hand in the lecture), and the root page stays short.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readmeCode, runSnippet } from "./helpers/readme-snippet.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the root README", () => {
  it("runs the lecture's L = (a*b + c) * f as written", async () => {
    const logged = await runSnippet(readmeCode("intro"), "readme-intro");
    expect(logged).toEqual([[-8, 6, -4, -2, 4]]);
  });

  it("is a newcomer's page: at most about 300 lines", () => {
    const lines = readFileSync(new URL("../README.md", import.meta.url), "utf8").split("\n").length;
    expect(lines).toBeLessThanOrEqual(320);
  });
});
