/**
 * `npm run bench`: micrograd's moons demo (n = 100, MLP(2, [16, 16, 1]), SVM loss + 1e-4 L2, 100
 * full-batch SGD steps, lr = 1 - 0.9 k / 100) on every implementation, each run in a fresh process, runs
 * interleaved, medians reported, ratios computed from this run's medians only (the object engine also once
 * more with `node --max-semi-space-size=64`, a bigger young generation). Then bytes and time per node as
 * the graph grows from 1e3 to 1e7 nodes.
 *
 * "Cold" is the first run in a fresh process (JIT compilers not warmed up, heap not grown): what a script
 * that trains once sees. "Warm" is runs 2..BENCH_WARM of the same process (the whole workload again:
 * data, model, graph, compile, 100 steps), for the JS implementations; C++ and Python have no JIT.
 *
 * Environment: BENCH_RUNS (default 5), BENCH_WARM (default 6), BENCH_PY_RUNS (default 3: one Python run
 * takes ~15-25 s),
 * BENCH_PY_CLOSURES=1 also runs the original closure-based micrograd once (~160 s),
 * BENCH_MAX_NODES (default 1e7), BENCH_SKIP_SCALING=1; BENCH_GPT_STEPS (default 200), BENCH_GPT_PY_STEPS
 * (default 30), BENCH_GPT_RUNS (default 3),
 * BENCH_SKIP_GPT=1 for the microgpt rows (microgpt.py read from ../shared/microgpt or $MICROGPT_DIR),
 * BENCH_SKIP_BROWSER=1 for the playground in headless Chromium (bench/browser.ts, its own variables).
 *
 * digits: the digits workload (bench/workload.ts: MLP(64, [32, 10]), softmax cross-entropy, 200 SGD steps on
 * batches of 32) on the compiled engine and on TensorFlow.js CPU, each run in a fresh process, interleaved
 * (BENCH_RUNS each), steps/s from the medians, cold (first run) and warm (runs 2..BENCH_WARM).
 *
 * Parts: moons (the table above), digits, gpt, scaling, browser; all by default, or the ones named after
 * `--only` (`npm run bench -- --only browser`, `--only moons,gpt`).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { digitsWorkload, writeWorkload } from "./workload.js";

const PARTS = ["moons", "digits", "gpt", "scaling", "browser"] as const;
/** The parts to run: those after `--only` (comma-separated or repeated), else all but BENCH_SKIP_<PART>=1. */
function selectedParts(argv: readonly string[]): Set<string> {
  const only = argv.flatMap((a, i) => (argv[i - 1] === "--only" ? a.split(",") : []));
  const unknown = only.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (argv.includes("--only") && (only.length === 0 || unknown.length > 0)) {
    console.error(
      `bench: --only takes parts from ${PARTS.join(", ")} (comma-separated), got ${unknown.join(",") || "nothing"}`,
    );
    process.exit(2);
  }
  if (only.length > 0) return new Set(only);
  return new Set(PARTS.filter((p) => process.env[`BENCH_SKIP_${p.toUpperCase()}`] !== "1"));
}
const parts = selectedParts(process.argv.slice(2));

const here = dirname(fileURLToPath(import.meta.url)); // bench/out/bench
const benchDir = join(here, "..", "..");
const outDir = join(benchDir, "out");
mkdirSync(outDir, { recursive: true });
const workload = join(outDir, "moons-workload");

const runs = Number(process.env.BENCH_RUNS ?? 5);
const pyRuns = Number(process.env.BENCH_PY_RUNS ?? 3);
const warmRuns = Math.max(2, Number(process.env.BENCH_WARM ?? 6));

interface Result {
  seconds: number;
  /** Later runs in the same process (JS implementations with --repeat). */
  warm?: number[];
  final_loss: number;
  losses: number[];
}
interface Impl {
  name: string;
  runs: number;
  cmd: string;
  args: string[];
  cwd?: string;
  times: number[];
  warm: number[];
  result?: Result;
  skipped?: string;
}

function has(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: "ignore" }).status === 0;
}

const impls: Impl[] = [];
/** A run of js-moons.js in `mode`, with optional V8 flags before the script. */
const js = (mode: string, name: string, nodeFlags: string[] = [], repeat = 1): Impl => ({
  name,
  runs,
  cmd: process.execPath,
  args: [...nodeFlags, join(here, "js-moons.js"), mode, "--repeat", String(repeat)],
  times: [],
  warm: [],
});
impls.push(js("compiled", "micrograd-ts compiled (tape)", [], warmRuns));
impls.push(js("object", "micrograd-ts object engine"));
impls.push(js("fused", "micrograd-ts object engine, fused MLP (Value.dot)"));
// The object engine is GC-bound (3 heap objects per node: the Value and V8's boxes for its double fields
// data and grad); a young generation big enough for one step's graph roughly halves its time.
impls.push(
  js("object", "micrograd-ts object engine (node --max-semi-space-size=64)", ["--max-semi-space-size=64"]),
);

const cpp: Impl = {
  name: "C++ g++ -O2 scalar loop",
  runs,
  cmd: join(outDir, "moons"),
  args: [`${workload}.txt`],
  times: [],
  warm: [],
};
if (!has("g++", ["--version"])) cpp.skipped = "g++ not found";
impls.push(cpp);
// the same loop skipping the backward of examples and neurons whose gradient is exactly 0, as the
// compiled path's backward does (same results)
impls.push({
  ...cpp,
  name: "C++ g++ -O2, skipping zero gradients",
  args: [...cpp.args, "--skip-zero"],
  times: [],
  warm: [],
});

const tfjs: Impl = {
  name: "TensorFlow.js 4.22 CPU float32",
  runs,
  cmd: process.execPath,
  args: [join(benchDir, "tfjs-moons.mjs"), `${workload}.json`, "--repeat", String(warmRuns)],
  cwd: benchDir,
  times: [],
  warm: [],
};
if (!existsSync(join(benchDir, "node_modules", "@tensorflow", "tfjs"))) {
  tfjs.skipped = "@tensorflow/tfjs not installed (run: cd bench && npm install)";
}
impls.push(tfjs);

const python = has("python3", ["--version"]);
const py: Impl = {
  name: "Python micrograd-equivalent (tuned: slots)",
  runs: pyRuns,
  cmd: "python3",
  args: [join(benchDir, "micrograd_py.py"), `${workload}.json`],
  times: [],
  warm: [],
};
if (!python) py.skipped = "python3 not found";
impls.push(py);
const pyDict: Impl = {
  ...py,
  name: "Python micrograd-equivalent (dict, as micrograd)",
  args: [join(benchDir, "micrograd_py.py"), `${workload}.json`, "--engine=dict"],
  times: [],
  warm: [],
};
impls.push(pyDict);
const pyClosures: Impl = {
  name: "Python micrograd original (closures)",
  runs: 1,
  cmd: "python3",
  args: [join(benchDir, "micrograd_py.py"), `${workload}.json`, "--engine=closures"],
  times: [],
  warm: [],
};
if (!python) pyClosures.skipped = "python3 not found";
else if (process.env.BENCH_PY_CLOSURES !== "1") pyClosures.skipped = "set BENCH_PY_CLOSURES=1 (~160 s)";
impls.push(pyClosures);

function runOnce(impl: Impl): void {
  const r = spawnSync(impl.cmd, impl.args, { cwd: impl.cwd, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    impl.skipped = `failed: ${(r.stderr || r.error?.message || "").trim().split("\n").slice(-3).join(" ")}`;
    return;
  }
  const lines = r.stdout.trim().split("\n");
  const result = JSON.parse(lines[lines.length - 1]) as Result;
  impl.times.push(result.seconds);
  impl.warm.push(...(result.warm ?? []));
  impl.result = result;
}

console.log(`micrograd-ts benchmark — ${new Date().toISOString()}`);
console.log(
  `machine: ${cpus()[0]?.model ?? "?"} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}`,
);
console.log(`parts: ${[...parts].join(", ")}`);

const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pad = (s: string, n: number) => s.padEnd(n);
/** Width of the name column. */
const W = Math.max(42, ...impls.map((i) => i.name.length + 2));
/** How ours (time `ours`) compares with a baseline that took `theirs`. */
const versus = (theirs: number, ours: number) =>
  theirs >= ours ? `${(theirs / ours).toFixed(1)}x faster` : `${(ours / theirs).toFixed(1)}x slower`;
const fmtMs = (s: number) => `${(s * 1000).toFixed(s < 0.1 ? 2 : 1)} ms`;

if (parts.has("moons")) {
  writeWorkload(workload);
  if (!cpp.skipped) execFileSync("g++", ["-O2", "-o", cpp.cmd, join(benchDir, "moons.cpp")]);
  console.log(
    `\nworkload: moons n=100, MLP(2,[16,16,1]), SVM + 1e-4 L2, 100 full-batch SGD steps; cold = first run in a\n` +
      `fresh process, warm = runs 2..${warmRuns} in that process (JS only)\n`,
  );

  const maxRuns = Math.max(...impls.map((i) => i.runs));
  for (let r = 0; r < maxRuns; r++) {
    for (const impl of impls) {
      if (impl.skipped || r >= impl.runs) continue;
      process.stderr.write(`  run ${r + 1}: ${impl.name}...\r`);
      runOnce(impl);
    }
  }
  process.stderr.write(`${" ".repeat(70)}\r`);

  const compiled = impls[0];
  const object = impls[1];
  const tc = median(compiled.times);
  const to = median(object.times);
  console.log(
    `${pad("implementation", W)}${pad("cold median", 13)}${pad("min", 13)}${pad("runs", 6)}${pad("compiled is", 16)}${pad("object engine is", 18)}warm median`,
  );
  for (const impl of impls) {
    if (impl.skipped) {
      console.log(`${pad(impl.name, W)}skipped: ${impl.skipped}`);
      continue;
    }
    const m = median(impl.times);
    console.log(
      pad(impl.name, W) +
        pad(fmtMs(m), 13) +
        pad(fmtMs(Math.min(...impl.times)), 13) +
        pad(String(impl.times.length), 6) +
        pad(impl === compiled ? "-" : versus(m, tc), 16) +
        pad(impl === object ? "-" : versus(m, to), 18) +
        (impl.warm.length ? `${fmtMs(median(impl.warm))} (${impl.warm.length})` : "-"),
    );
  }
  if (compiled.warm.length) {
    // warm compiled vs each baseline at its best comparable time: JS baselines warm, the others as measured
    const tw = median(compiled.warm);
    console.log(`\nwarm compiled (${fmtMs(tw)}) vs:`);
    for (const impl of impls) {
      if (impl === compiled || impl.skipped || impl.times.length === 0) continue;
      const theirs = impl.warm.length ? median(impl.warm) : median(impl.times);
      console.log(`  ${pad(impl.name, W)}${versus(theirs, tw)}${impl.warm.length ? " (warm)" : ""}`);
    }
  }

  console.log("\nfinal losses (after the 100th update) and agreement with the object engine's trajectory:");
  const ref = object.result;
  for (const impl of impls) {
    if (!impl.result) continue;
    let maxRel = 0;
    if (ref) {
      impl.result.losses.forEach((l, k) => {
        const want = ref.losses[k];
        maxRel = Math.max(maxRel, Math.abs(l - want) / Math.abs(want));
      });
    }
    const agree = maxRel === 0 ? "identical" : `max relative difference ${maxRel.toExponential(2)}`;
    console.log(`  ${pad(impl.name, W)}${pad(String(impl.result.final_loss), 24)}${agree}`);
  }
}

// the digits workload: our compiled engine and TensorFlow.js CPU, steps/s cold and warm, on mini-batches
// of 32 and on the full batch
if (parts.has("digits")) {
  const base = digitsWorkload();
  console.log(
    `\ndigits: ${base.source}; MLP(${base.sizes[0]}, [${base.sizes.slice(1).join(", ")}]) ReLU, softmax cross-entropy, SGD (lr ${base.lr}) on\n` +
      `consecutive batches; a time covers the model, the optimizer and every step; cold = a fresh process, warm = runs\n` +
      `2..${warmRuns} in that process`,
  );
  for (const w of [base, { ...base, batch: base.xs.length, steps: 20 }]) {
    const file = join(outDir, `digits-workload-${w.batch}.json`);
    writeFileSync(file, JSON.stringify(w));
    console.log(`\n${w.steps} steps on batches of ${w.batch}:`);
    const digits: Impl[] = [
      {
        name: "micrograd-ts compiled (tape)",
        runs,
        cmd: process.execPath,
        args: [join(here, "js-digits.js"), file, "--repeat", String(warmRuns)],
        times: [],
        warm: [],
      },
      {
        name: "TensorFlow.js 4.22 CPU float32",
        runs,
        cmd: process.execPath,
        args: [join(benchDir, "tfjs-digits.mjs"), file, "--repeat", String(warmRuns)],
        cwd: benchDir,
        times: [],
        warm: [],
        skipped: tfjs.skipped,
      },
    ];
    for (let r = 0; r < runs; r++) {
      for (const impl of digits) {
        if (impl.skipped) continue;
        process.stderr.write(`  run ${r + 1}: digits, ${impl.name}...\r`);
        runOnce(impl);
      }
    }
    process.stderr.write(`${" ".repeat(70)}\r`);
    const rate = (seconds: number) => w.steps / seconds;
    console.log(`${pad("implementation", W)}${pad("cold steps/s", 15)}${pad("warm steps/s", 15)}runs`);
    for (const impl of digits) {
      if (impl.skipped) {
        console.log(`${pad(impl.name, W)}skipped: ${impl.skipped}`);
        continue;
      }
      console.log(
        pad(impl.name, W) +
          pad(rate(median(impl.times)).toFixed(1), 15) +
          pad(impl.warm.length ? rate(median(impl.warm)).toFixed(1) : "-", 15) +
          `${impl.times.length} (+${impl.warm.length} warm)`,
      );
    }
    const [ours, tf] = digits;
    if (ours.result && tf.result) {
      const cold = median(tf.times) / median(ours.times);
      const warm = median(tf.warm) / median(ours.warm);
      const times = (r: number) => (r >= 1 ? `${r.toFixed(1)}x faster` : `${(1 / r).toFixed(1)}x slower`);
      let maxRel = 0;
      ours.result.losses.forEach((l, k) => {
        maxRel = Math.max(maxRel, Math.abs(l - (tf.result as Result).losses[k]) / Math.abs(l));
      });
      console.log(
        `  per step, ours is ${times(cold)} cold and ${times(warm)} warm; losses (float64 vs float32): max relative difference ${maxRel.toExponential(1)}`,
      );
    }
  }
}

// microgpt: the first steps of the default run (seed 42, 1000 steps), per step, in microgpt.py (its first
// BENCH_GPT_PY_STEPS) and in trainMicroGpt on both engines (the first BENCH_GPT_STEPS; the compiled engine
// traces one graph per document length on first sight, which the mean includes and the median does not).
// Wall and CPU time: on a loaded machine the CPU time is the steadier of the two.
if (parts.has("gpt")) {
  const k = Number(process.env.BENCH_GPT_STEPS ?? 200);
  const kPy = Math.min(k, Number(process.env.BENCH_GPT_PY_STEPS ?? 30));
  const gptRuns = Number(process.env.BENCH_GPT_RUNS ?? 3);
  console.log(`\nmicrogpt, the default run's first steps (per step, over all runs):`);
  type Steps = { ms: number[]; cpuMs: number[]; losses: number[] };
  const parse = (r: ReturnType<typeof spawnSync>) =>
    JSON.parse(String(r.stdout).trim().split("\n").pop() as string) as Steps;
  const empty = (): Steps => ({ ms: [], cpuMs: [], losses: [] });
  const ts = { compiled: empty(), object: empty() };
  const py = empty();
  let pyNote = python ? "" : "skipped: python3 not found";
  const add = (to: Steps, o: Steps) => {
    to.ms.push(...o.ms);
    to.cpuMs.push(...o.cpuMs);
    to.losses = o.losses;
  };
  for (let r = 0; r < gptRuns; r++) {
    for (const engine of ["compiled", "object"] as const) {
      const t = spawnSync(process.execPath, [join(here, "gpt-steps.js"), String(k), engine], {
        encoding: "utf8",
      });
      if (t.status === 0) add(ts[engine], parse(t));
    }
    if (r === 0 && python) {
      // one Python run: kPy steps of ~0.15-0.5 s
      const p = spawnSync("python3", [join(benchDir, "microgpt_py.py"), String(kPy)], { encoding: "utf8" });
      if (p.status === 0) add(py, parse(p));
      else pyNote = `skipped: ${String(p.stderr).trim().split("\n").pop()}`;
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const row = (name: string, s: Steps) =>
    `  ${pad(name, W)}${pad(`wall median ${median(s.ms).toFixed(2)} ms`, 26)}${pad(`mean ${mean(s.ms).toFixed(2)} ms`, 18)}cpu median ${median(s.cpuMs).toFixed(2)} ms`;
  console.log(row(`micrograd-ts compiled (trainMicroGpt), ${k} steps`, ts.compiled));
  console.log(row(`micrograd-ts object engine, ${k} steps`, ts.object));
  if (py.ms.length) {
    console.log(row(`microgpt.py (python3), ${kPy} steps`, py));
    for (const engine of ["compiled", "object"] as const) {
      const s = ts[engine];
      let maxRel = 0;
      py.losses.forEach((l, i) => {
        maxRel = Math.max(maxRel, Math.abs(s.losses[i] - l) / l);
      });
      console.log(
        `  ${engine}: ${versus(median(py.ms), median(s.ms))} (wall median), ${versus(mean(py.ms), mean(s.ms))} (wall mean), ` +
          `${versus(median(py.cpuMs), median(s.cpuMs))} (cpu); losses of the first ${kPy} steps: max relative difference ${maxRel.toExponential(1)}`,
      );
    }
  } else console.log(`  ${pad("microgpt.py (python3)", W)}${pyNote}`);
}

if (parts.has("scaling")) {
  const maxNodes = Number(process.env.BENCH_MAX_NODES ?? 1e7);
  console.log("\nper node, as the graph grows (the demo's loss over more points; one process per size):");
  console.log(
    `${pad("nodes", 11)}${pad("object B", 10)}${pad("compiled B", 12)}${pad("build ns", 10)}${pad("backward ns", 13)}${pad("compile ns", 12)}${pad("replay fwd+bwd ns", 19)}agree`,
  );
  for (const n of [1e3, 1e4, 1e5, 1e6, 1e7]) {
    if (n > maxNodes) break;
    const args = [
      "--expose-gc",
      `--max-old-space-size=${n >= 1e7 ? 16384 : 4096}`,
      join(here, "scaling.js"),
      String(n),
      String(n >= 1e7 ? 3 : 5),
    ];
    const r = spawnSync(process.execPath, args, { encoding: "utf8" });
    if (r.status !== 0) {
      console.log(`${pad(String(n), 11)}failed: ${r.stderr.trim().split("\n").slice(-2).join(" ")}`);
      continue;
    }
    const s = JSON.parse(r.stdout.trim()) as Record<string, number | boolean>;
    const f = (k: string, d = 0) => (s[k] as number).toFixed(d);
    console.log(
      pad(String(s.nodes), 11) +
        pad(f("objectBytesPerNode"), 10) +
        pad(f("compiledBytesPerNode"), 12) +
        pad(f("objectBuildNsPerNode"), 10) +
        pad(f("objectBackwardNsPerNode"), 13) +
        pad(f("compileNsPerNode"), 12) +
        pad(
          ((s.compiledForwardNsPerNode as number) + (s.compiledBackwardNsPerNode as number)).toFixed(1),
          19,
        ) +
        String(s.agree),
    );
  }
  console.log(
    "  object B: heap bytes of the Value graph per node; compiled B: what compile() adds (typed arrays and\n" +
      "  the node list; the Value graph stays alive, since leaves are read and written through it).",
  );
}

// the playground in headless Chromium against the same work in Node (bench/browser.ts)
if (parts.has("browser")) {
  const r = spawnSync(process.execPath, [join(here, "browser.js")], { stdio: "inherit" });
  if (r.status !== 0) console.log(`playground in the browser: failed (exit ${r.status ?? r.signal})`);
}
