/**
 * One timed run of the moons demo in this process: `node bench/out/bench/js-moons.js object|fused|compiled
 * [--repeat N]`. Prints one JSON line {"seconds", "warm", "losses", "final_loss"}: `seconds` is the first run in
 * this fresh process, `warm` the times of runs 2..N in the same process. The time covers everything from
 * creating the data and the model to the last update (graph building, tracing/compiling included).
 */
import { runMoonsDemoCompiled } from "../src/examples/moons-compiled.js";
import { runMoonsDemo } from "../src/examples/moons-demo.js";

const mode = process.argv[2];
/** `--repeat N`: run the whole workload N times in this process; `seconds` is the first (cold) run. */
const repeatAt = process.argv.indexOf("--repeat");
const repeat = repeatAt > 0 ? Number(process.argv[repeatAt + 1]) : 1;
const run = (): { losses: number[]; finalLoss: number } => {
  if (mode === "object") return runMoonsDemo();
  if (mode === "compiled") return runMoonsDemoCompiled();
  if (mode === "fused") return runMoonsDemo({ fused: true });
  throw new Error(`js-moons: unknown mode ${mode} (object | fused | compiled)`);
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
