/**
 * The benchmark workloads, exported for the baselines: the moons demo (for Python, C++ and TensorFlow.js:
 * exactly the data and initial parameters of `runMoonsDemo()`: makeMoons n = 100, noise 0.1, seed 1337,
 * labels -1/+1; MLP(2, [16, 16, 1]) drawn from Rng(1337); 100 steps, L2 alpha 1e-4) and the digits
 * classifier's mini-batch steps (for TensorFlow.js).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { makeMoons } from "../packages/micrograd-ts/src/data/moons.js";
import { Rng } from "../packages/micrograd-ts/src/data/rng.js";
import { MLP } from "../packages/micrograd-ts/src/nn/mlp.js";

/** The workload as the baselines read it. */
export interface Workload {
  sizes: number[];
  xs: number[][];
  ys: number[];
  params: number[];
  steps: number;
  alpha: number;
}

/** The moons demo's workload (same construction as `runMoonsDemo` with its defaults). */
export function moonsWorkload(): Workload {
  const seed = 1337;
  const data = makeMoons({ n: 100, noise: 0.1, seed });
  const model = new MLP(2, [16, 16, 1], { rng: new Rng(seed) });
  return {
    sizes: [2, 16, 16, 1],
    xs: data.x,
    ys: data.y.map((c) => c * 2 - 1),
    params: model.parameters().map((p) => p.data),
    steps: 100,
    alpha: 1e-4,
  };
}

/** Writes `<base>.json` (Python, tfjs) and `<base>.txt` (C++: n nparams steps alpha, x, y, params). */
export function writeWorkload(base: string, w: Workload = moonsWorkload()): void {
  writeFileSync(`${base}.json`, JSON.stringify(w));
  // String(x) is the shortest decimal that reads back as the same double (strtod, json.loads)
  const txt = [
    `${w.xs.length} ${w.params.length} ${w.steps} ${w.alpha}`,
    w.xs.map((r) => r.map(String).join(" ")).join("\n"),
    w.ys.map(String).join(" "),
    w.params.map(String).join(" "),
  ].join("\n");
  writeFileSync(`${base}.txt`, `${txt}\n`);
}

/** The digits workload: a classifier's training steps on mini-batches, for ours and TensorFlow.js. */
export interface DigitsWorkload {
  /** Where the data came from (the digits file, or random data of its shape when it is missing). */
  source: string;
  sizes: number[];
  /** Inputs (pixel / 16) and classes 0-9, in the file's order. */
  xs: number[][];
  classes: number[];
  /** Initial parameters in `MLP.parameters()` order. */
  params: number[];
  batch: number;
  steps: number;
  lr: number;
}

/** Candidate places of the 8x8 digits (scikit-learn's digits.csv.gz: 64 pixels 0-16, then the class). */
const DIGITS_FILES = [
  process.env.DIGITS_CSV ?? "",
  join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "shared", "data", "digits.csv.gz"),
  "/work/shared/data/digits.csv.gz",
].filter((f) => f !== "");

/**
 * The 1,797 8x8 digits (or, without the file, random data of the same shape: 64 inputs in [0, 1], 10
 * classes), MLP(64, [32, 10]) (ReLU, llm101n init, Rng(1)), softmax cross-entropy, SGD lr 0.1, 200 steps
 * on consecutive batches of 32 (cycling).
 */
export function digitsWorkload(): DigitsWorkload {
  const file = DIGITS_FILES.find((f) => existsSync(f));
  let xs: number[][];
  let classes: number[];
  let source: string;
  if (file) {
    const rows = gunzipSync(readFileSync(file)).toString("utf8").trim().split("\n");
    const cells = rows.map((r) => r.split(",").map(Number));
    xs = cells.map((c) => c.slice(0, 64).map((p) => p / 16));
    classes = cells.map((c) => c[64]);
    source = `${file} (${rows.length} images)`;
  } else {
    const rng = new Rng(7);
    xs = Array.from({ length: 1797 }, () => Array.from({ length: 64 }, () => rng.random()));
    classes = xs.map((_, i) => i % 10);
    source = "random data of the digits' shape (1,797 x 64, 10 classes; digits.csv.gz not found)";
  }
  const model = new MLP(64, [32, 10], { rng: new Rng(1), init: "llm101n" });
  return {
    source,
    sizes: [64, 32, 10],
    xs,
    classes,
    params: model.parameters().map((p) => p.data),
    batch: 32,
    steps: 200,
    lr: 0.1,
  };
}
