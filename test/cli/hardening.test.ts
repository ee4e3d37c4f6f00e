/**
 * Issue 12, each case as the real command in a real process: runs too big for memory are refused from an
 * estimate before anything is built, graphs too big to lay out are refused or summarised and layouts
 * are stopped after a time limit, files are never lost (inputs by real path, temporary names, checks
 * before training, Ctrl-C), the progress bar in a narrow terminal, and the one-line error nits. Limits are
 * made small with MICROGRAD_MEMORY_LIMIT and the command's options, so every case runs in seconds.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MLP } from "../../packages/micrograd-ts/src/index.js";
import {
  buildCli,
  expectBadInput,
  interruptCli,
  pngSize,
  type Run,
  runCli,
  scratchDir,
} from "../helpers/cli.js";

const work = scratchDir("hardening");
let main = "";

beforeAll(() => {
  main = buildCli("cli-build-hardening");
}, 120_000);

function run(...args: string[]): Run {
  return runCli(main, work, args);
}

function runWith(env: Record<string, string>, ...args: string[]): Run {
  return runCli(main, work, args, { env });
}

/** `a = 2; s = a + a + … + a` with n terms: n values, ~n² routing points for Graphviz. */
const sumProgram = (n: number) => `a = 2; s = ${Array(n).fill("a").join(" + ")}`;

/** Every file under `dir`, relative, sorted. */
function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe("a size estimate before anything big is built", () => {
  it("refuses a full batch too big for the limit, says what to do, and the advice works", () => {
    const r = runWith(
      { MICROGRAD_MEMORY_LIMIT: "40MB" },
      "train",
      "--n",
      "2000",
      "--steps",
      "1",
      "--out",
      "m1",
    );
    expectBadInput(
      r,
      "training MLP(2, [16, 16, 1]) (337 parameters) on 2,000 points (full batch, compiled engine) needs ~",
      "the limit is 40 MB",
      "or --engine object --batch-size ",
    );
    expect(r.stdout).toBe(""); // nothing built, nothing trained
    expect(existsSync(join(work, "m1"))).toBe(false);
    const n = Number(/use --n (\d+) or fewer/.exec(r.stderr)?.[1]);
    const bs = /--engine object --batch-size (\d+)/.exec(r.stderr)?.[1] as string;
    expect(n).toBeGreaterThan(10);
    expect(n).toBeLessThan(2000);
    // following either piece of advice runs
    const a = runWith(
      { MICROGRAD_MEMORY_LIMIT: "40MB" },
      "train",
      "--n",
      String(n),
      "--steps",
      "1",
      "--out",
      "m1",
    );
    expect(a.code, a.stderr).toBe(0);
    const b = runWith(
      { MICROGRAD_MEMORY_LIMIT: "40MB" },
      "train",
      "--n",
      "2000",
      "--steps",
      "2",
      "--engine",
      "object",
      "--batch-size",
      bs,
      "--out",
      "m1",
    );
    expect(b.code, b.stderr).toBe(0);
  });

  it("refuses --layers 100000,100000 at once (it used to run out of memory after 85 s)", () => {
    expectBadInput(
      run("train", "--layers", "100000,100000", "--steps", "1"),
      "MLP(2, [100000, 100000, 1]) (10,000,500,001 parameters)",
      "use smaller --layers",
    );
  });

  it("refuses --n 100000 at the default limit (it used to abort with V8's stack after ~20 s)", () => {
    expectBadInput(run("train", "--n", "100000", "--steps", "1"), "on 100,000 points", "the limit is ");
  });

  it("the object engine needs one batch at a time: the advice is a batch size", () => {
    const r = runWith({ MICROGRAD_MEMORY_LIMIT: "40MB" }, "train", "--n", "2000", "--engine", "object");
    expectBadInput(r, "(full batch, object engine)", "use --batch-size ");
  });

  it("predict checks the model file's header before building the model", () => {
    writeFileSync(
      join(work, "huge-model.json"),
      '{"type": "MLP", "nin": 1e9, "nouts": [1], "parameters": []}',
    );
    expectBadInput(
      run("predict", "--model", "huge-model.json", "1"),
      "--model huge-model.json: MLP(1000000000, [1]) (1.0 billion parameters) needs ~",
    );
    // a file too big to read is refused from its size (a sparse file: nothing is really written)
    writeFileSync(join(work, "huge-file.json"), "");
    truncateSync(join(work, "huge-file.json"), 600 * 2 ** 20);
    expectBadInput(
      run("predict", "--model", "huge-file.json", "1"),
      "--model huge-file.json: the file is 600 MB",
    );
  });

  it("demo and yinyang use the same estimate", () => {
    expectBadInput(
      runWith({ MICROGRAD_MEMORY_LIMIT: "1MB" }, "demo", "--out", "m2"),
      "the demo (MLP(2, [16, 16, 1])",
    );
    expectBadInput(runWith({ MICROGRAD_MEMORY_LIMIT: "1MB" }, "yinyang", "--out", "m2"), "the yin-yang run");
    expect(existsSync(join(work, "m2"))).toBe(false);
  });

  it("gpt train uses the same estimate: parameters and graphs before the model is built", () => {
    expectBadInput(
      run("gpt", "train", "--n-layer", "64", "--n-embd", "4096", "--n-head", "4", "--steps", "1"),
      "microgpt with --n-layer 64 --n-embd 4096 --block-size 16 (12.9 billion parameters, compiled engine) needs ~",
      "use smaller --n-embd, --n-layer or --block-size",
    );
    expectBadInput(
      runWith({ MICROGRAD_MEMORY_LIMIT: "1MB" }, "gpt", "train", "--out", "m3"),
      "the limit is 1.0 MB",
    );
    expect(existsSync(join(work, "m3"))).toBe(false);
  });

  it("a bad MICROGRAD_MEMORY_LIMIT is bad input", () => {
    expectBadInput(
      runWith({ MICROGRAD_MEMORY_LIMIT: "lots" }, "train"),
      "MICROGRAD_MEMORY_LIMIT 'lots'",
      "500MB",
    );
  });
});

describe("graph: a size cap and a layout time limit", () => {
  it("refuses a graph Graphviz cannot lay out in time, offering DOT or --summary (3,000 terms used to crash)", () => {
    const r = run("graph", sumProgram(3000), "--out", "g/sum.svg");
    expectBadInput(
      r,
      "the graph has 3,000 values",
      "at most 1,000 (--max-values)",
      "--out g/sum.dot",
      "--summary",
    );
    expect(existsSync(join(work, "g", "sum.svg"))).toBe(false);
  });

  it("refuses a graph whose edges skip too many columns (a + a + … with 1,000 terms)", () => {
    expectBadInput(run("graph", sumProgram(1000), "--out", "g/sum.png"), "route ~997,002 edge points");
  });

  it("DOT is always possible, and --summary draws the values nearest the output", () => {
    const d = run("graph", sumProgram(3000), "--out", "g/sum.dot");
    expect(d.code, d.stderr).toBe(0);
    expect(readFileSync(join(work, "g", "sum.dot"), "utf8").match(/shape=record/g)).toHaveLength(3000);
    const s = run("graph", sumProgram(3000), "--out", "g/sum.svg", "--summary", "40");
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain(
      'wrote g/sum.svg (40 of 3,000 values, the ones nearest the output; "… k more"',
    );
    expect(readFileSync(join(work, "g", "sum.svg"), "utf8")).toContain("… 1 more");
  });

  it("--max-values sets the cap", () => {
    expectBadInput(run("graph", sumProgram(60), "--out", "g/x.svg", "--max-values", "50"), "at most 50");
  });

  it("stops a layout that takes longer than --layout-timeout, in one line", () => {
    const r = run("graph", sumProgram(300), "--out", "g/slow.svg", "--layout-timeout", "0.2");
    expectBadInput(
      r,
      "Graphviz's layout of 300 values did not finish within 0.2 s (--layout-timeout)",
      "--summary",
    );
    expect(existsSync(join(work, "g", "slow.svg"))).toBe(false);
  });

  it("caps a graph PNG's longest side at 8,000 px and says so; the SVG keeps full size", () => {
    // 49 values: scaled down, its text still readable (a longer chain is refused: hardening2.test.ts)
    const chain = `x = 0.5; y = x\n${Array(12).fill("y = tanh(y * x + 1)").join("\n")}`;
    const r = run("graph", chain, "--out", "g/chain.png");
    expect(r.code, r.stderr).toBe(0);
    const { width, height } = pngSize(join(work, "g", "chain.png"));
    expect(Math.max(width, height)).toBe(8000);
    expect(r.stdout).toContain(`the PNG is scaled down to 8,000 x ${height.toLocaleString("en-US")} px`);
    expect(run("graph", chain, "--out", "g/chain.svg").code).toBe(0);
    const svgWidth = Number(/width="(\d+)pt"/.exec(readFileSync(join(work, "g", "chain.svg"), "utf8"))?.[1]);
    expect((svgWidth * 4) / 3).toBeGreaterThan(8000); // 2x of the SVG's pixels would be far more
  });
});

describe("files are never lost", () => {
  it("compares inputs and outputs by real path: a symlink or a hard link to the input is refused", () => {
    writeFileSync(join(work, "prog.txt"), "x = 3; y = x * x\n");
    symlinkSync("prog.txt", join(work, "link.svg"));
    expectBadInput(
      run("graph", "-f", "prog.txt", "--out", "link.svg"),
      "--out link.svg",
      "same file as prog.txt",
    );
    linkSync(join(work, "prog.txt"), join(work, "hard.svg"));
    expectBadInput(
      run("graph", "-f", "prog.txt", "--out", "hard.svg"),
      "--out hard.svg",
      "refusing to overwrite",
    );
    mkdirSync(join(work, "real"), { recursive: true });
    symlinkSync(join(work, "real"), join(work, "alias"));
    writeFileSync(join(work, "real", "p.dot"), "x = 1; x * 2\n");
    expectBadInput(run("graph", "-f", "alias/p.dot", "--out", "real/p.dot"), "refusing to overwrite");
    expect(readFileSync(join(work, "prog.txt"), "utf8")).toBe("x = 3; y = x * x\n");
    expect(readFileSync(join(work, "real", "p.dot"), "utf8")).toBe("x = 1; x * 2\n");
  });

  it("-f - reads the program from standard input (graph and gradcheck)", () => {
    const g = runCli(main, work, ["graph", "-f", "-", "--out", "stdin.svg"], { input: "x = 3\ny = x * x\n" });
    expect(g.code, g.stderr).toBe(0);
    expect(g.stdout).toMatch(/^x\s+data\s+3\.0000\s+grad\s+6\.0000$/m);
    const c = runCli(main, work, ["gradcheck", "-f", "-"], { input: "x = 0.5; tanh(x)" });
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toContain("all 1 inputs ok");
  });

  it("every command writes its own names: demo, train and yinyang share a folder without overwriting", () => {
    const out = "shared";
    const steps = ["--steps", "3", "--no-progress", "--out", out];
    expect(run("train", "--dataset", "yinyang", "--loss", "ce", ...steps).code).toBe(0);
    const model = readFileSync(join(work, out, "train-yinyang-model.json"), "utf8");
    expect(run("yinyang", ...steps).code).toBe(0);
    expect(run("demo", ...steps).code).toBe(0);
    expect(run("train", ...steps).code).toBe(0);
    const pics = (base: string) => [`${base}.png`, `${base}.svg`];
    expect(filesIn(join(work, out))).toEqual(
      [
        "demo-model.json",
        ...pics("demo-boundary"),
        ...pics("demo-training"),
        ...pics("demo-neuron"),
        "train-moons-model.json",
        ...pics("train-moons-boundary"),
        ...pics("train-moons-training"),
        "train-yinyang-model.json",
        ...pics("train-yinyang-boundary"),
        ...pics("train-yinyang-training"),
        "yinyang-model.json",
        ...pics("yinyang-boundary"),
        ...pics("yinyang-training"),
      ].sort(),
    );
    // yinyang did not replace the model train wrote, so predict still uses it
    expect(readFileSync(join(work, out, "train-yinyang-model.json"), "utf8")).toBe(model);
  });

  it("an unwritable --out is found before training (probe file), and nothing is left behind", () => {
    if (!existsSync("/sys/kernel")) return; // a folder nobody may write into, not even root
    const r = run("train", "--steps", "5", "--out", "/sys/kernel");
    expectBadInput(r, "--out /sys/kernel: cannot write into the output folder");
    expect(r.stdout).not.toContain("step 0");
  });

  it("a read-only output file is found before training; no other output is touched", () => {
    const out = join(work, "ro");
    expect(run("train", "--steps", "2", "--no-progress", "--out", out).code).toBe(0);
    const png = join(out, "train-moons-training.png");
    const before = readFileSync(join(out, "train-moons-model.json"), "utf8");
    chmodSync(png, 0o444);
    // root ignores file modes: make the file immutable too where possible
    const immutable = process.getuid?.() === 0 && spawnSync("chattr", ["+i", png]).status === 0;
    if (process.getuid?.() === 0 && !immutable) return; // cannot make a file read-only for root here
    try {
      const r = run("train", "--steps", "2", "--seed", "7", "--out", out);
      expectBadInput(r, `${png} is read-only`);
      expect(r.stdout).not.toContain("step 0");
      expect(readFileSync(join(out, "train-moons-model.json"), "utf8")).toBe(before);
      expect(filesIn(out).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    } finally {
      if (immutable) spawnSync("chattr", ["-i", png]);
      chmodSync(png, 0o644);
    }
  });

  it("Ctrl-C during training: one line, exit 130, nothing written and no empty folder", async () => {
    const r = await interruptCli(
      main,
      work,
      ["train", "--steps", "1000000", "--out", "int/a/b"],
      /^step 5 /m,
    );
    expect(r.code).toBe(130);
    expect(r.stderr).toBe("micrograd: interrupted (Ctrl-C); nothing was written\n");
    expect(existsSync(join(work, "int"))).toBe(false);
  });

  it("Ctrl-C during gpt train: the same one line", async () => {
    const r = await interruptCli(
      main,
      work,
      ["gpt", "train", "--steps", "100000", "--out", "int4"],
      /^step +5 \//m,
    );
    expect(r.code).toBe(130);
    expect(r.stderr).toBe("micrograd: interrupted (Ctrl-C); nothing was written\n");
    expect(existsSync(join(work, "int4"))).toBe(false);
  });

  it("Ctrl-C while the files are written: the line lists exactly what is there, no temporary file is left", async () => {
    const out = join(work, "int2");
    const r = await interruptCli(main, work, ["train", "--steps", "3", "--out", out], /^trained in/m);
    const files = filesIn(out);
    expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    if (r.code === 0) return; // the signal came after the last rename: a normal run
    expect(r.code).toBe(130);
    const listed = /wrote (.*) before stopping/.exec(r.stderr)?.[1]?.split(", ") ?? [];
    expect(listed.map((p) => p.slice(out.length + 1)).sort()).toEqual(files);
  });

  it("the parent deletes a child's unfinished temporary file and names the finished ones", async () => {
    // a stand-in for a training command: writes one file, starts a second, then hangs
    const dist = dirname(dirname(main));
    const dir = join(work, "partial");
    const child = join(work, "child.mjs");
    writeFileSync(
      child,
      `import { OutputSet, onFileEvent, writeOutput } from ${JSON.stringify(join(dist, "cli", "files.js"))};
onFileEvent((e) => process.send?.({ micrograd: e }));
writeOutput(${JSON.stringify(join(dir, "first.txt"))}, "done");
new OutputSet().add(${JSON.stringify(join(dir, "second.txt"))}, "half");
console.log("ready");
for (;;) {}
`,
    );
    const wrapper = join(work, "wrapper.mjs");
    writeFileSync(
      wrapper,
      `import { supervise } from ${JSON.stringify(join(dist, "cli", "supervisor.js"))};
process.exitCode = await supervise(${JSON.stringify(child)}, []);
`,
    );
    const r = await interruptCli(wrapper, work, [], /ready/);
    expect(r.code).toBe(130);
    expect(r.stderr).toBe(
      `micrograd: interrupted (Ctrl-C); wrote ${join(dir, "first.txt")} before stopping (no partial files left)\n`,
    );
    expect(filesIn(dir)).toEqual(["first.txt"]);
  });

  it("Ctrl-C during a graph layout (in-process): one line, exit 130, no file", async () => {
    const r = await interruptCli(
      main,
      work,
      ["graph", sumProgram(300), "--out", "int3/slow.svg", "--layout-timeout", "60"],
      /^laying out 300 values/m,
    );
    // the signal is sent as Graphviz starts (the layout takes ~2 s)
    expect(r.code).toBe(130);
    expect(r.stderr).toBe("micrograd: interrupted (Ctrl-C); nothing was written\n");
    expect(existsSync(join(work, "int3"))).toBe(false);
  });
});

describe("the progress bar in a narrow terminal", () => {
  const hasScript = spawnSync("script", ["--version"]).status === 0;
  /** Runs the demo in a pseudo-terminal `cols` wide (util-linux `script`). */
  function inTerminal(cols: number): string {
    const cmd = `stty cols ${cols} rows 30; ${process.execPath} ${main} demo --steps 20 --out ${join(work, "tty")}`;
    return spawnSync("script", ["-qec", cmd, "/dev/null"], { cwd: work, encoding: "utf8" }).stdout;
  }

  it.skipIf(!hasScript)("falls back to plain lines: every step line whole, no bar", () => {
    const out = inTerminal(45);
    expect(out).not.toContain("training [");
    const steps = out.split(/\r?\n/).filter((l) => l.startsWith("step "));
    expect(steps).toHaveLength(20);
    for (const l of steps) expect(l).toMatch(/^step \d+ loss \S+, accuracy \S+%$/);
  });

  it.skipIf(!hasScript)("keeps the bar in a wide terminal", () => {
    expect(inTerminal(120)).toContain("training [");
  });
});

describe("one-line errors", () => {
  it("a nesting-depth error shows a window around the column, not the whole line", () => {
    const deep = `${"(".repeat(5000)}1${")".repeat(5000)}`;
    const r = run("graph", deep);
    expectBadInput(r, "nested too deeply", "at: …((((");
    expect(r.stderr.length).toBeLessThan(200);
  });

  it("a model file holding NaN: one line with the place", () => {
    writeFileSync(
      join(work, "nan.json"),
      '{"type": "MLP", "nin": 2,\n "nouts": [1],\n "parameters": [NaN, 1, 2]}',
    );
    expectBadInput(
      run("predict", "--model", "nan.json", "1", "2"),
      "at line 3, column 17",
      "NaN or Infinity",
    );
  });

  it("--lr 1e300: the advice is in the CLI's terms, and --detect-anomaly names the op", () => {
    const r = run("train", "--lr", "1e300", "--steps", "5", "--out", "lr");
    expectBadInput(r, "training diverged at step 1", "lower --lr (it is 1e+300", "--detect-anomaly");
    expect(r.stderr).not.toContain("setDetectAnomaly");
    const a = run("train", "--lr", "1e300", "--steps", "5", "--out", "lr", "--detect-anomaly");
    expectBadInput(a, "training diverged at step 1: anomaly in forward", "lower --lr");
    expect(existsSync(join(work, "lr"))).toBe(false);
  });

  it("--activation linear and a single point", () => {
    const r = run("train", "--activation", "linear", "--n", "1", "--steps", "1", "--out", "lin");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("(linear) on moons (1 point, 2 classes)");
    expect(r.stdout).toContain("1 step,");
    const m = MLP.fromJSON(readFileSync(join(work, "lin", "train-moons-model.json"), "utf8"));
    expect(m.activation).toBe("linear");
    expect(statSync(join(work, "lin", "train-moons-training.png")).size).toBeGreaterThan(1000);
  });
});
