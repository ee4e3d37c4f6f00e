/**
 * One timed run of the moons demo in this process: `node bench/out/bench/js-moons.js object|compiled|codegen
 * [--repeat N]`. Prints one JSON line {"seconds", "warm", "losses", "final_loss"}: `seconds` is the first run in
 * this fresh process, `warm` the times of runs 2..N in the same process. The time covers everything from
 * creating the data and the model to the last update (graph building, tracing/compiling included).
 */
import { trace } from "../src/compile/trace.js";
import { makeMoons } from "../src/data/moons.js";
import { Rng } from "../src/data/rng.js";
import { runMoonsDemoCompiled } from "../src/examples/moons-compiled.js";
import { buildMoonsDemoLoss, runMoonsDemo } from "../src/examples/moons-demo.js";
import { MLP } from "../src/nn/mlp.js";
import { generatePasses } from "./codegen.js";

/** The demo on generated code (the experiment in codegen.ts), same steps as runMoonsDemoCompiled. */
function runCodegen(): { losses: number[]; finalLoss: number } {
  const steps = 100;
  const data = makeMoons({ n: 100, noise: 0.1, seed: 1337 });
  const ys = data.y.map((c) => c * 2 - 1);
  const model = new MLP(2, [16, 16, 1], { rng: new Rng(1337) });
  const params = model.parameters();
  const t = trace(buildMoonsDemoLoss(model, data.x, ys).loss);
  const passes = generatePasses(
    t,
    () => Number.NaN,
    () => {},
  );
  if (!passes) throw new Error("code generation is not available here");
  const v = t.values;
  const g = new Float64Array(v.length);
  const n = v.length;
  const forward = () => {
    for (let j = 0; j < t.leaves.length; j++)
      v[t.leafIndex[j] as number] = (t.leaves[j] as { data: number }).data;
    passes.forward(v);
    return v[n - 1] as number;
  };
  const losses: number[] = [];
  for (let k = 0; k < steps; k++) {
    losses.push(forward());
    g.fill(0);
    g[n - 1] = 1;
    passes.backward(v, g);
    for (let j = 0; j < t.leaves.length; j++)
      (t.leaves[j] as { grad: number }).grad = g[t.leafIndex[j] as number] as number;
    const lr = 1.0 - (0.9 * k) / steps;
    for (const p of params) p.data -= lr * p.grad;
  }
  return { losses, finalLoss: forward() };
}

const mode = process.argv[2];
/** `--repeat N`: run the whole workload N times in this process; `seconds` is the first (cold) run. */
const repeatAt = process.argv.indexOf("--repeat");
const repeat = repeatAt > 0 ? Number(process.argv[repeatAt + 1]) : 1;
const run = (): { losses: number[]; finalLoss: number } => {
  if (mode === "object") return runMoonsDemo();
  if (mode === "compiled") return runMoonsDemoCompiled();
  if (mode === "codegen") return runCodegen();
  throw new Error(`js-moons: unknown mode ${mode} (object | compiled | codegen)`);
};
const times: number[] = [];
let r: { losses: number[]; finalLoss: number } | undefined;
for (let i = 0; i < repeat; i++) {
  const t0 = performance.now();
  r = run();
  times.push((performance.now() - t0) / 1000);
}
const done = r as { losses: number[]; finalLoss: number };
// `warm`: the later runs (same process: code already optimized, heap already grown)
console.log(
  JSON.stringify({
    seconds: times[0],
    warm: times.slice(1),
    losses: done.losses,
    final_loss: done.finalLoss,
  }),
);
