import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The GPT library runs unchanged in a browser (the playground trains it in a Web Worker): no Node imports.
const src = new URL("../../src/", import.meta.url);
const files = [
  ...readdirSync(new URL("gpt/", src)).map((f) => `gpt/${f}`),
  "data/pyrandom.ts",
  "data/names.ts",
  "data/shuffle.ts",
  "util/parse-json.ts",
];

describe("src/gpt, PyRandom and the names are browser-safe", () => {
  for (const f of files) {
    it(f, () => {
      const text = readFileSync(new URL(f, src), "utf8");
      expect(text).not.toMatch(/from\s+"node:|\bprocess\.|\bBuffer\b|require\(/);
      expect(text).not.toMatch(/from\s+"\.\.\/(node|cli)\//);
    });
  }
});
