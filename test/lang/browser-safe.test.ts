import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const dir = new URL("../../packages/micrograd-ts/src/lang/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

describe("src/lang is browser-safe and never evaluates code", () => {
  it("has source files", () => {
    expect(files.length).toBeGreaterThan(3);
  });
  for (const f of files) {
    it(f, () => {
      const text = readFileSync(new URL(f, dir), "utf8");
      expect(text).not.toMatch(/\beval\s*\(|new Function|\bFunction\s*\(/);
      expect(text).not.toMatch(/from\s+"node:|\bprocess\.|\bBuffer\b|require\(/);
      expect(text).not.toMatch(/from\s+"\.\.\/(node|cli)\//);
    });
  }
});
