/**
 * The benchmark workload, exported for the Python, C++ and TensorFlow.js baselines: exactly the data and
 * initial parameters of `runMoonsDemo()` (makeMoons n = 100, noise 0.1, seed 1337, labels -1/+1;
 * MLP(2, [16, 16, 1]) drawn from Rng(1337)), 100 steps, L2 alpha 1e-4.
 */
import { writeFileSync } from "node:fs";
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
