/**
 * The benchmark workloads, exported for the baselines: the moons demo (for Python, C++ and TensorFlow.js:
 * exactly the data and initial parameters of `runMoonsDemo()`: makeMoons n = 100, noise 0.1, seed 1337,
 * labels -1/+1; MLP(2, [16, 16, 1]) drawn from Rng(1337); 100 steps, L2 alpha 1e-4) and the digits
 * classifier's mini-batch steps (for TensorFlow.js).
 */
import { writeFileSync } from "node:fs";
import { loadDigits } from "../packages/micrograd-ts/src/data/digits.js";
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
  /** Where the data came from. */
  source: string;
  sizes: number[];
  /** Inputs (pixel / 16) and classes 0-9, in the data set's order. */
  xs: number[][];
  classes: number[];
  /** Initial parameters in `MLP.parameters()` order. */
  params: number[];
  batch: number;
  steps: number;
  lr: number;
}

/**
 * The library's 1,797 8x8 digits (`loadDigits()`), MLP(64, [32, 10]) (ReLU, llm101n init, Rng(1)),
 * softmax cross-entropy, SGD lr 0.1, 200 steps on consecutive batches of 32 (cycling).
 */
export function digitsWorkload(): DigitsWorkload {
  const data = loadDigits();
  const model = new MLP(64, [32, 10], { rng: new Rng(1), init: "llm101n" });
  return {
    source: `the library's digits (loadDigits(): ${data.x.length} images of 64 pixels, scaled by 1/16)`,
    sizes: [64, 32, 10],
    xs: data.x.map((row) => row.map((p) => p / 16)),
    classes: data.y,
    params: model.parameters().map((p) => p.data),
    batch: 32,
    steps: 200,
    lr: 0.1,
  };
}
