// The expression-language sample of README.md's CLI section, run as written; the expected numbers come
// from micrograd's README (24.7041, 138.8338, 645.5773).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readmeCode, runSnippet } from "../helpers/readme-snippet.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

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

describe("README's language section", () => {
  it("lists every function and method a program can call, and the compound assignments", async () => {
    const { BUILTIN_FUNCTIONS, BUILTIN_METHODS } = await import("../../src/index.js");
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const start = readme.indexOf("### The expression language");
    const section = readme.slice(start, readme.indexOf("<!-- /section:cli -->", start));
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
