import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkOutputFolder,
  cleanUpAfterInterrupt,
  ensureDir,
  FileError,
  type FileEvent,
  fileJournal,
  OutputSet,
  onFileEvent,
  readError,
  readInput,
  sameFile,
  writeOutput,
} from "../../packages/micrograd-cli/src/cli/files.js";
import { scratchDir } from "../helpers/cli.js";

const dir = scratchDir("files");

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

describe("sameFile", () => {
  it("sees through symlinks (of the file or a folder) and hard links", () => {
    const d = mkdtempSync(join(dir, "same-"));
    writeFileSync(join(d, "in.txt"), "x");
    symlinkSync("in.txt", join(d, "link"));
    linkSync(join(d, "in.txt"), join(d, "hard"));
    symlinkSync(d, join(dir, `alias-${process.pid}`));
    expect(sameFile(join(d, "in.txt"), join(d, "link"))).toBe(true);
    expect(sameFile(join(d, "in.txt"), join(d, "hard"))).toBe(true);
    expect(sameFile(join(d, "in.txt"), join(dir, `alias-${process.pid}`, "in.txt"))).toBe(true);
    expect(sameFile(join(d, "in.txt"), join(d, ".", "in.txt"))).toBe(true);
    expect(sameFile(join(d, "in.txt"), join(d, "other.txt"))).toBe(false);
    // not there yet: compared by the resolved folder and the name
    expect(sameFile(join(d, "new.svg"), join(dir, `alias-${process.pid}`, "new.svg"))).toBe(true);
  });

  it("writeOutput refuses a symlink to an input and names the input", () => {
    const d = mkdtempSync(join(dir, "link-"));
    writeFileSync(join(d, "prog.txt"), "keep");
    symlinkSync("prog.txt", join(d, "out.svg"));
    expect(() =>
      writeOutput(join(d, "out.svg"), "oops", { never: [join(d, "prog.txt")], flag: "--out" }),
    ).toThrow(/refusing to overwrite an input file \(it is the same file as .*prog\.txt\)/);
    expect(readFileSync(join(d, "prog.txt"), "utf8")).toBe("keep");
  });
});

describe("writing through temporary names", () => {
  it("writeOutput leaves no temporary file and reports temp, then file", () => {
    const d = mkdtempSync(join(dir, "tmp-"));
    const events: FileEvent[] = [];
    onFileEvent((e) => events.push(e));
    writeOutput(join(d, "sub", "a.txt"), "A");
    expect(readdirSync(join(d, "sub"))).toEqual(["a.txt"]);
    const mine = events.filter((e) => e.path.startsWith(d));
    expect(mine.map((e) => e.kind)).toEqual(["dir", "temp", "file"]);
    expect(mine[2]?.temp).toBe(mine[1]?.path);
    expect(fileJournal().pendingTemps).toEqual([]);
  });

  it("OutputSet writes everything before renaming anything; discard deletes the temporary files", () => {
    const d = mkdtempSync(join(dir, "set-"));
    writeFileSync(join(d, "a.txt"), "old A");
    const set = new OutputSet();
    set.add(join(d, "a.txt"), "new A");
    set.add(join(d, "b.txt"), "new B");
    expect(readFileSync(join(d, "a.txt"), "utf8")).toBe("old A"); // nothing renamed yet
    expect(readdirSync(d).filter((f) => f.endsWith(".tmp"))).toHaveLength(2);
    expect(set.commit()).toEqual([join(d, "a.txt"), join(d, "b.txt")]);
    expect(readdirSync(d).sort()).toEqual(["a.txt", "b.txt"]);
    expect(readFileSync(join(d, "a.txt"), "utf8")).toBe("new A");
    const other = new OutputSet();
    other.add(join(d, "c.txt"), "C");
    other.discard();
    expect(readdirSync(d).sort()).toEqual(["a.txt", "b.txt"]);
  });

  it("a failed add discards what the set wrote so far", () => {
    const d = mkdtempSync(join(dir, "fail-"));
    writeFileSync(join(d, "file"), "x");
    const set = new OutputSet({ flag: "--out" });
    set.add(join(d, "ok.txt"), "ok");
    expect(() => set.add(join(d, "file", "no.txt"), "no")).toThrow(/^--out .*no\.txt: cannot write the file/);
    expect(readdirSync(d)).toEqual(["file"]);
  });

  it("cleanUpAfterInterrupt deletes temporary files and empty created folders, deepest first", () => {
    const d = mkdtempSync(join(dir, "clean-"));
    mkdirSync(join(d, "a", "b"), { recursive: true });
    mkdirSync(join(d, "kept"));
    writeFileSync(join(d, "kept", "done.txt"), "x");
    writeFileSync(join(d, "a", "b", ".x.tmp"), "half");
    cleanUpAfterInterrupt([join(d, "a", "b", ".x.tmp")], [join(d, "a"), join(d, "a", "b"), join(d, "kept")]);
    expect(readdirSync(d)).toEqual(["kept"]);
  });
});

describe("checkOutputFolder", () => {
  it("creates nothing that stays: the folder is made for the probe and removed again", () => {
    const out = join(dir, "probe", "deep");
    checkOutputFolder(out, ["a.json"]);
    expect(existsSync(join(dir, "probe"))).toBe(false);
  });

  it("names a folder that cannot be made or an output that is a folder", () => {
    writeFileSync(join(dir, "plain"), "x");
    expect(() => checkOutputFolder(join(dir, "plain", "sub"), [])).toThrow(/cannot create the output folder/);
    mkdirSync(join(dir, "has-dir", "m.json"), { recursive: true });
    expect(() => checkOutputFolder(join(dir, "has-dir"), ["m.json"])).toThrow(/m\.json is a folder/);
  });
});

describe("readInput", () => {
  it("reads a file and names it when it cannot", () => {
    writeFileSync(join(dir, "in.txt"), "hello");
    expect(readInput(join(dir, "in.txt"))).toBe("hello");
    expect(() => readInput(join(dir, "nope.txt"), "--file")).toThrow(
      /^--file .*nope\.txt: cannot read the file: no such file/,
    );
  });
});
