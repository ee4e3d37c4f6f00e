/**
 * Issue 22, each case as the real command in a real process: output folders that cannot be created, seed
 * 0, non-finite predictions, divergence advice naming the run's own flags, silently misread input, and two
 * runs writing one folder at once.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, expectBadInput, pngSize, type Run, runCli, scratchDir } from "../helpers/cli.js";

const work = scratchDir("hardening2");
let main = "";

beforeAll(() => {
  main = buildCli("cli-build-hardening2");
}, 120_000);

function run(...args: string[]): Run {
  return runCli(main, work, args);
}

describe("an --out that cannot be created", () => {
  it("fails at once with one line under /proc/self (Node's recursive mkdir loops there forever)", () => {
    const started = Date.now();
    const train = spawnSync(process.execPath, [main, "train", "--out", "/proc/self/x", "--steps", "1"], {
      cwd: work,
      encoding: "utf8",
      timeout: 60_000, // a hang is killed and fails below with a null code, never blocks the suite
    });
    expectBadInput(
      { code: train.status, stdout: train.stdout, stderr: train.stderr },
      "--out /proc/self/x: cannot create the output folder",
      "/proc/self does not allow new folders",
    );
    expectBadInput(
      run("graph", "a = 2", "--out", "/proc/self/x/a.svg"),
      "/proc/self does not allow new folders",
    );
    expectBadInput(run("demo", "--out", "/proc/self/x/y"), "/proc/self does not allow new folders");
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});

describe("--seed 0, as the help allows (an integer >= 0)", () => {
  it("trains, and is the documented state of the library's Rng, not seed 1", () => {
    const a = run("train", "--seed", "0", "--steps", "2", "--out", "seed0", "--no-progress");
    expect(a.code, a.stderr).toBe(0);
    const b = run("train", "--seed", "1", "--steps", "2", "--out", "seed1", "--no-progress");
    expect(b.code, b.stderr).toBe(0);
    const model = (dir: string) => readFileSync(join(work, dir, "train-moons-model.json"), "utf8");
    expect(model("seed0")).not.toBe(model("seed1"));
    for (const args of [
      ["demo", "--seed", "0", "--steps", "1", "--out", "demo0"],
      ["gpt", "train", "--seed", "0", "--steps", "2", "--count", "1", "--out", "gpt0", "--no-progress"],
    ]) {
      const r = run(...args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
    }
    const s = run(
      "gpt",
      "sample",
      "--model",
      join("gpt0", "microgpt-model.json"),
      "--seed",
      "0",
      "--count",
      "1",
    );
    expect(s.code, s.stderr).toBe(0);
  }, 120_000);
});

describe("predict", () => {
  // MLP(2, [2, 1]) by hand: both hidden neurons relu(x1 + x2), the output h1 - h2. At (1e308, 1e308) the
  // hidden layer overflows to Infinity and the output is Infinity - Infinity = NaN.
  const model = {
    type: "MLP",
    nin: 2,
    nouts: [2, 1],
    activation: "relu",
    outputActivation: "linear",
    parameters: [1, 1, 0, 1, 1, 0, 1, -1, 0],
    micrograd: { dataset: "moons", loss: "svm", nClasses: 2 },
  };

  it("refuses NaN or infinite outputs, naming the layer that overflowed and the input, never a class", () => {
    writeFileSync(join(work, "hand.json"), JSON.stringify(model));
    const ok = run("predict", "--model", "hand.json", "1", "0.5");
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe("outputs: 0\nclass: 0\n"); // relu(1.5) - relu(1.5)
    const r = run("predict", "--model", "hand.json", "1e308", "1e308");
    expectBadInput(
      r,
      "output 1 is NaN: the values of layer 1 of MLP(2, [2, 1]) overflowed",
      "the largest input is input 1, 1e+308",
    );
    expect(r.stdout).toBe("");
    expectBadInput(
      run("predict", "--model", "hand.json", "1e308", "1.5e308"),
      "the largest input is input 2, 1.5e+308",
    );
  });

  it("reads inputs as decimals only: 0x10 is not 16", () => {
    writeFileSync(join(work, "hand.json"), JSON.stringify(model));
    for (const bad of ["0x10", "0b1", "Infinity", "1e999"]) {
      expectBadInput(
        run("predict", "--model", "hand.json", bad, "1"),
        `input 1 '${bad}' is not a number (finite decimals only`,
      );
    }
    expect(run("predict", "--model", "hand.json", ".5", "-2e-1").code).toBe(0);
  });
});

describe("divergence advice names the flags of this run", () => {
  it("--l2 1e308 names --l2 first; --lr 1e308 names --lr only; gpt train --lr names --lr", () => {
    expectBadInput(
      run("train", "--l2", "1e308", "--steps", "3", "--out", "div", "--no-progress"),
      "training diverged at step 0",
      "lower --l2 (it is 1e+308",
    );
    const lr = run("train", "--lr", "1e308", "--steps", "3", "--out", "div", "--no-progress");
    expectBadInput(lr, "training diverged", "lower --lr (it is 1e+308");
    expect(lr.stderr).not.toContain("--l2");
    const gpt = run("gpt", "train", "--lr", "1e308", "--steps", "5", "--out", "div", "--no-progress");
    expectBadInput(gpt, "training diverged at step ", "has grad NaN", "lower --lr (it is 1e+308");
    expect(existsSync(join(work, "div", "microgpt-model.json"))).toBe(false);
  }, 120_000);
});

describe("input that used to be ignored or misread", () => {
  it("refuses --layers ' ', --n with the lecture's fixed dataset, and hexadecimal flag numbers", () => {
    expectBadInput(run("train", "--layers", " "), "' ' is blank", 'or "" for no hidden layer');
    expectBadInput(
      run("train", "--dataset", "lecture", "--n", "50"),
      "--n 50: the lecture dataset is the lecture's 4 fixed points",
    );
    expectBadInput(run("train", "--lr", "0x10"), "'0x10' is invalid");
    expectBadInput(run("train", "--l2", "0x10"), "'0x10' is invalid");
    // the empty string still means no hidden layer, and the lecture trains without --n
    const r = run(
      "train",
      "--dataset",
      "lecture",
      "--layers",
      "",
      "--steps",
      "2",
      "--out",
      "lecture",
      "--no-progress",
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("training MLP(3, [1])");
  });
});

describe("two runs writing one --out at once", () => {
  it("the second is refused with one line while the first runs; the lock goes with the first", async () => {
    const out = "shared";
    const first = spawn(
      process.execPath,
      [main, "train", "--steps", "100000", "--out", out, "--no-progress"],
      {
        cwd: work,
        env: { ...process.env, FORCE_COLOR: "0" },
      },
    );
    const ended = new Promise<number | null>((resolve) => first.on("close", (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      let text = "";
      first.stdout.on("data", (b: Buffer) => {
        text += b.toString();
        if (/^step 1 /m.test(text)) resolve();
      });
    });
    expect(existsSync(join(work, out, ".micrograd.lock"))).toBe(true);
    const second = run("train", "--steps", "1", "--out", out);
    expectBadInput(second, `--out ${out}: another micrograd run (process `, "is writing into this folder");
    first.kill("SIGINT");
    expect(await ended).toBe(130);
    expect(existsSync(join(work, out))).toBe(false); // the interrupted run's folder and lock are gone
  }, 120_000);

  it("takes over a lock left by a process that is no longer running, and removes it when done", () => {
    mkdirSync(join(work, "stale"));
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(join(work, "stale", ".micrograd.lock"), `${dead}\n`);
    const r = run("train", "--steps", "1", "--out", "stale", "--no-progress");
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(work, "stale"))).not.toContain(".micrograd.lock");
    // a live holder (this test process) is refused
    writeFileSync(join(work, "stale", ".micrograd.lock"), `${process.pid}\n`);
    expectBadInput(run("train", "--steps", "1", "--out", "stale"), `(process ${process.pid})`);
  });
});

describe("the expression language from the command line", () => {
  it("reads a file with a byte-order mark, shows NUL as <U+0000>, takes names in any script", () => {
    writeFileSync(join(work, "bom.txt"), "\ufeffa = 2\nb = a ** 3\n");
    const r = run("graph", "--file", "bom.txt", "--out", "bom.dot");
    expect(r.code, r.stderr).toBe(0);
    expectBadInput(
      run("graph", "a = 2\u0001 + 1", "--out", "nul.dot"),
      "1:6: unexpected character <U+0001>",
      "a = 2▸<U+0001> + 1",
    );
    const u = run("graph", "α = 2; 损失 = α * 3", "--out", "unicode.dot");
    expect(u.code, u.stderr).toBe(0);
    expect(readFileSync(join(work, "unicode.dot"), "utf8")).toContain("{ 损失 | data 6.0000");
  });
});

describe("pictures that would be unreadable", () => {
  it("a 100,000-character name is drawn shortened, with its length", () => {
    const name = "a".repeat(100_000);
    writeFileSync(join(work, "long.txt"), `${name} = 2\nb = ${name} * 3\n`);
    const dot = run("graph", "--file", "long.txt", "--out", "-");
    expect(dot.code, dot.stderr).toBe(0);
    expect(dot.stdout).toContain(`{ ${"a".repeat(24)}…(100000 chars)…${"a".repeat(8)} | data 2.0000`);
    const png = run("graph", "--file", "long.txt", "--out", "long.png");
    expect(png.code, png.stderr).toBe(0);
    expect(pngSize(join(work, "long.png")).width).toBeLessThan(3000); // it was 8,000 x 1 px
  });

  it("a PNG whose text would be scaled below 8 px is refused, with SVG and --summary as advice", () => {
    const program = `x = 1\n${"x = x * 1.01\n".repeat(100)}`;
    writeFileSync(join(work, "chain.txt"), program);
    expectBadInput(
      run("graph", "--file", "chain.txt", "--out", "chain.png"),
      "graph: a PNG of this graph (201 values) would be 8,000 x ",
      "too small to read",
      "write an SVG instead (--out chain.svg",
      "--summary",
    );
    expect(existsSync(join(work, "chain.png"))).toBe(false);
    expect(run("graph", "--file", "chain.txt", "--out", "chain.svg").code).toBe(0);
    expect(run("graph", "--file", "chain.txt", "--out", "chain-summary.png", "--summary", "20").code).toBe(0);
  });

  it("--layout-timeout is at most an hour (1e308 overflowed Node's timer and was reported as a timeout)", () => {
    const r = run("graph", "a = 1", "--out", "t.svg", "--layout-timeout", "1e308");
    expectBadInput(r, "'1e308' is invalid. expected a number > 0 and at most 3600");
    expect(r.stderr).not.toContain("TimeoutOverflowWarning");
    expect(run("graph", "a = 1", "--out", "t.svg", "--layout-timeout", "3600").code).toBe(0);
  });
});
