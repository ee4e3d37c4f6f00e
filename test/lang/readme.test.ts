// The expression-language sample of the library guide's language section, run as written; the expected numbers come
// from micrograd's README (24.7041, 138.8338, 645.5773).
import { afterEach, describe, expect, it, vi } from "vitest";
import { docSection } from "../helpers/docs.js";
import { readmeCode, runSnippet } from "../helpers/readme-snippet.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("README expression-language sample", () => {
  it("prints what its comments say", async () => {
    const logged = await runSnippet(readmeCode("lang"), "readme-lang");
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

describe("README's language section", () => {
  it("lists every function and method a program can call, and the compound assignments", async () => {
    const { BUILTIN_FUNCTIONS, BUILTIN_METHODS } = await import("../../packages/micrograd-ts/src/index.js");
    const section = docSection("lang").text;
    const listed = /Functions \(`BUILTIN_FUNCTIONS`\): `([^`]*)`/.exec(section)?.[1]?.split(" ") ?? [];
    for (const f of BUILTIN_FUNCTIONS) {
      if (["max", "min", "sum"].includes(f)) expect(section).toContain(`\`${f}(a, b, …)\``);
      else expect(listed, f).toContain(f);
    }
    // the unary ops are methods as well ("every unary op with no argument"); the binary ones are named
    for (const m of BUILTIN_METHODS) if (!listed.includes(m)) expect(section, m).toContain(`.${m}`);
    for (const op of ["`c += x`", "`-=`", "`*=`", "`/=`", "`**=`"]) expect(section).toContain(op);
  });
});
