/**
 * The digits workload's training steps on the compiled engine, in this process: `node
 * bench/out/bench/js-digits.js WORKLOAD.json [--repeat N]`. Prints one JSON line {"seconds", "warm",
 * "losses", "steps"}: `seconds` is the first run (fresh process: model, Trainer and every step), `warm`
 * the later runs of the same process.
 */
import { readFileSync } from "node:fs";
import { MLP } from "../packages/micrograd-ts/src/nn/mlp.js";
import { SGD } from "../packages/micrograd-ts/src/optim/sgd.js";
import { Trainer } from "../packages/micrograd-ts/src/train/trainer.js";
import type { DigitsWorkload } from "./workload.js";

const w = JSON.parse(readFileSync(process.argv[2], "utf8")) as DigitsWorkload;
const repeatAt = process.argv.indexOf("--repeat");
const repeat = repeatAt > 0 ? Number(process.argv[repeatAt + 1]) : 1;

/** One run: the model from the workload's parameters, then `steps` steps on consecutive batches. */
function run(): number[] {
  const model = new MLP(w.sizes[0], w.sizes.slice(1));
  model.loadParameters(w.params);
  const trainer = new Trainer({
    model,
    optimizer: new SGD(model.parameters(), { lr: w.lr }),
    loss: "ce",
    nClasses: 10,
    engine: "compiled",
  });
  const n = w.xs.length;
  const nb = Math.ceil(n / w.batch);
  const losses: number[] = [];
  for (let k = 0; k < w.steps; k++) {
    const b = k % nb;
    const lo = b * w.batch;
    losses.push(trainer.step(w.xs.slice(lo, lo + w.batch), w.classes.slice(lo, lo + w.batch)));
  }
  return losses;
}

const times: number[] = [];
let losses: number[] = [];
for (let i = 0; i < repeat; i++) {
  const t0 = performance.now();
  losses = run();
  times.push((performance.now() - t0) / 1000);
}
console.log(JSON.stringify({ seconds: times[0], warm: times.slice(1), losses, steps: w.steps }));
