/**
 * `micrograd gpt train` and `micrograd gpt sample`, run as processes from a private build: microgpt's
 * lines and samples (checked against microgpt.py's own output), the files, and every bad-input case.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import seed7 from "../fixtures/microgpt-seed7-steps30.json" with { type: "json" };
import { buildCli, expectBadInput, type Run, runCli, scratchDir } from "../helpers/cli.js";

let main = "";
const work = scratchDir("gpt");

beforeAll(() => {
  main = buildCli("cli-gpt-build");
}, 120_000);

function run(...args: string[]): Run {
  return runCli(main, work, args);
}

describe("micrograd gpt train", () => {
  let r: Run;
  const out = join(work, "seed7");
  beforeAll(() => {
    r = run("gpt", "train", "--steps", "30", "--seed", "7", "--out", out);
  }, 120_000);

  it("prints microgpt.py's header, step lines and samples (seed 7, 30 steps, as python3 printed them)", () => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines.slice(0, 3)).toEqual(seed7.header);
    const expectedSteps = seed7.losses.map(
      (l, i) => `step ${String(i + 1).padStart(4)} /   30 | loss ${l.toFixed(4)}`,
    );
    expect(lines.slice(3, 33)).toEqual(expectedSteps);
    expect(lines[33]).toBe("--- inference (new, hallucinated names) ---");
    expect(lines.slice(34, 54)).toEqual(
      seed7.samples.map((s, i) => `sample ${String(i + 1).padStart(2)}: ${s}`),
    );
    expect(r.stdout).not.toContain("\u001b["); // no escape codes when stdout is not a terminal
  });

  it("writes the model and the loss curve", () => {
    const model = JSON.parse(readFileSync(join(out, "microgpt-model.json"), "utf8"));
    expect(model.type).toBe("MicroGpt");
    expect(Object.keys(model.stateDict)[0]).toBe("wte");
    expect(readFileSync(join(out, "microgpt-loss.svg"), "utf8")).toMatch(/<svg[\s\S]*polyline/);
    expect([...readFileSync(join(out, "microgpt-loss.png")).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(r.stdout).toMatch(/wrote:\n {2}.*microgpt-model\.json/);
  });

  it("gpt sample prints documents from the saved model, the same for the same seed", () => {
    const a = run(
      "gpt",
      "sample",
      "--model",
      join(out, "microgpt-model.json"),
      "--count",
      "4",
      "--seed",
      "3",
    );
    expect(a.code, a.stderr).toBe(0);
    const lines = a.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    for (const [i, line] of lines.entries())
      expect(line).toMatch(new RegExp(`^sample {1,2}${i + 1}: [a-z]*$`));
    const b = run("gpt", "sample", "-m", join(out, "microgpt-model.json"), "--count", "4", "--seed", "3");
    expect(b.stdout).toBe(a.stdout);
  });

  it("trains on a text file, says once that long documents are cut, and samples its characters", () => {
    const data = join(work, "words.txt");
    writeFileSync(data, "abcabcabcabc\nba\r\n\ncab\n  acb  \n");
    const dir = join(work, "words");
    const t = run(
      "gpt",
      "train",
      "--data",
      data,
      "--steps",
      "4",
      "--block-size",
      "8",
      "--n-embd",
      "8",
      "--n-head",
      "2",
      "--out",
      dir,
    );
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/^num docs: 4\nvocab size: 4\nnum params: /);
    const notes = t.stderr.trimEnd().split("\n");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^micrograd: note: 1 document\(s\) have 8 or more characters/);
    for (const line of t.stdout.split("\n").filter((l) => l.startsWith("sample"))) {
      expect(line).toMatch(/^sample {1,2}\d+: [abc]*$/);
    }
    expect(existsSync(join(dir, "microgpt-model.json"))).toBe(true);
  });

  it("--help lists gpt, and gpt train --help shows every option's default", () => {
    expect(run("--help").stdout).toMatch(/^ {2}gpt /m);
    const h = run("gpt", "train", "--help");
    expect(h.code).toBe(0);
    const entries = h.stdout.split(/\n(?= {2}-)/).filter((e) => e.startsWith("  -"));
    expect(entries.length).toBeGreaterThan(10);
    for (const e of entries) {
      const flag = e.trim().split(/ {2,}/)[0].trim();
      if (["-h, --help", "--no-progress", "--data <file>"].includes(flag)) continue;
      expect(e.replace(/\s+/g, " "), flag).toMatch(/default: /);
    }
  });
});

describe("micrograd gpt: bad input, one line on stderr, exit code 2", () => {
  it("an empty data file", () => {
    const empty = join(work, "empty.txt");
    writeFileSync(empty, "\n  \n");
    expectBadInput(
      run("gpt", "train", "--data", empty, "--steps", "1", "--out", join(work, "x")),
      "--data",
      "no documents",
    );
  });
  it("a missing data file", () =>
    expectBadInput(
      run("gpt", "train", "--data", join(work, "nope.txt")),
      "--data",
      "nope.txt",
      "cannot read",
    ));
  it("--temperature 0", () =>
    expectBadInput(
      run("gpt", "sample", "--model", "m.json", "--temperature", "0"),
      "--temperature",
      "'0'",
      "> 0",
    ));
  it("--temperature -1 for train", () =>
    expectBadInput(run("gpt", "train", "--temperature", "-1"), "--temperature", "'-1'"));
  it("--n-embd not a multiple of --n-head", () =>
    expectBadInput(run("gpt", "train", "--n-embd", "10", "--n-head", "4"), "--n-embd 10", "--n-head 4"));
  it("--steps 0", () => expectBadInput(run("gpt", "train", "--steps", "0"), "--steps", "'0'"));
  it("gpt sample without --model", () => expectBadInput(run("gpt", "sample"), "--model"));
  it("a model file that is not JSON", () => {
    const f = join(work, "bad.json");
    writeFileSync(f, "{nope");
    expectBadInput(run("gpt", "sample", "--model", f), "--model", "bad.json", "not valid JSON");
  });
  it("a model file of the wrong shape", () => {
    const f = join(work, "seed7", "microgpt-model.json");
    const model = JSON.parse(readFileSync(f, "utf8"));
    model.stateDict.wpe.pop();
    const g = join(work, "short.json");
    writeFileSync(g, JSON.stringify(model));
    expectBadInput(
      run("gpt", "sample", "--model", g),
      "--model",
      "short.json",
      'stateDict["wpe"] must be 16 rows of 16',
    );
  });
  it("an MLP model file given to gpt sample", () => {
    const f = join(work, "mlp.json");
    writeFileSync(f, JSON.stringify({ type: "MLP", nin: 2, nouts: [1], parameters: [0, 0, 0] }));
    expectBadInput(run("gpt", "sample", "--model", f), "--model", 'type must be "MicroGpt"');
  });
  it("an unknown gpt sub-command", () =>
    expectBadInput(run("gpt", "fly"), "'fly'", "commands: train, sample (see micrograd gpt --help)"));
});
