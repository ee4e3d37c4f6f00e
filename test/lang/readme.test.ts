// The expression-language sample of README.md's CLI section, run as written; the expected numbers come
// from micrograd's README (24.7041, 138.8338, 645.5773).
import { afterEach, describe, expect, it, vi } from "vitest";
import { readmeCode, runSnippet } from "../helpers/readme-snippet.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("README expression-language sample", () => {
  it("prints what its comments say", async () => {
    const logged = await runSnippet(readmeCode("cli"), "readme-lang");
    const lines = logged.map((args) =>
      args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "),
    );
    expect(lines).toEqual([
      "24.7041 138.8338 645.5773",
      '["a","b"]',
      "1:9: expected ')'\n  1 | L = (a*b\n    |         ^",
    ]);
  });
});
