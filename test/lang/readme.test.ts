// The expression-language sample of README.md's CLI section, run as written; the expected numbers come
// from micrograd's README (24.7041, 138.8338, 645.5773).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("README expression-language sample", () => {
  it("prints what its comments say", async () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const section = /<!-- section:cli -->([\s\S]*?)<!-- \/section:cli -->/.exec(readme)?.[1] ?? "";
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code).toBeDefined();
    const dir = join(root, "test-results", "readme-lang");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "sample.ts");
    writeFileSync(file, (code as string).replace(/from "micrograd-ts"/, 'from "../../src/index.js"'));
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    });
    await import(/* @vite-ignore */ `${file}?t=${Date.now()}`);
    expect(lines).toEqual([
      "24.7041 138.8338 645.5773",
      '["a","b"]',
      "1:9: expected ')'\n  1 | L = (a*b\n    |         ^",
    ]);
  });
});
