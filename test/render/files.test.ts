import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ensureDir,
  FileError,
  readError,
  writeOutput,
} from "../../packages/micrograd-cli/src/render/files.js";

const dir = mkdtempSync(join(tmpdir(), "micrograd-files-"));

describe("writeOutput / ensureDir", () => {
  it("creates missing folders and writes the file", () => {
    const p = join(dir, "a", "b", "c.txt");
    expect(writeOutput(p, "hello")).toBe(p);
    expect(readFileSync(p, "utf8")).toBe("hello");
  });

  it("names the path and the reason when a folder cannot be made", () => {
    const file = join(dir, "plain-file");
    writeFileSync(file, "x");
    expect(() => ensureDir(join(file, "sub"), "--out")).toThrow(FileError);
    expect(() => ensureDir(join(file, "sub"), "--out")).toThrow(
      new RegExp(`^--out ${file}/sub: cannot create the output folder: `),
    );
    expect(() => writeOutput(join(file, "x.svg"), "x", { flag: "--out" })).toThrow(
      new RegExp(`^--out ${file}/x.svg: cannot write the file: `),
    );
  });

  it("never overwrites an input file", () => {
    const input = join(dir, "input.txt");
    writeFileSync(input, "keep me");
    expect(() => writeOutput(input, "oops", { never: [input] })).toThrow(
      /refusing to overwrite an input file/,
    );
    expect(readFileSync(input, "utf8")).toBe("keep me");
  });

  it("readError explains a missing file", () => {
    let err: unknown;
    try {
      readFileSync(join(dir, "missing.json"));
    } catch (e) {
      err = e;
    }
    expect(readError("missing.json", err, "--model").message).toBe(
      "--model missing.json: cannot read the file: no such file or folder",
    );
  });
});
