/** Breakdown of one moons run on the tape (setup, steps, evaluate, final loss), for tuning: node bench/out/bench/profile-tape.js */
import { makeMoons } from "../packages/micrograd-ts/src/data/moons.js";
import { Rng } from "../packages/micrograd-ts/src/data/rng.js";
import { buildMoonsDemoLoss } from "../packages/micrograd-ts/src/examples/moons-demo.js";
import { MLP } from "../packages/micrograd-ts/src/nn/mlp.js";
import { SGD } from "../packages/micrograd-ts/src/optim/sgd.js";
import { Trainer } from "../packages/micrograd-ts/src/train/trainer.js";

for (let rep = 0; rep < Number(process.argv[2] ?? 1); rep++) {
  const t0 = performance.now();
  const data = makeMoons({ n: 100, noise: 0.1, seed: 1337 });
  const model = new MLP(2, [16, 16, 1], { rng: new Rng(1337) });
  const opt = new SGD(model.parameters(), { lr: (k) => 1.0 - (0.9 * k) / 100 });
  const t = new Trainer({ model, optimizer: opt, nClasses: 2, loss: "svm", alpha: 1e-4, engine: "compiled" });
  const t1 = performance.now();
  let outs = 0;
  for (let k = 0; k < 100; k++) {
    t.step(data.x, data.y);
    const a = performance.now();
    t.outputs();
    outs += performance.now() - a;
  }
  const t2 = performance.now();
  t.evaluate(data.x, data.y);
  const t3 = performance.now();
  buildMoonsDemoLoss(
    model,
    data.x,
    data.y.map((c) => c * 2 - 1),
  );
  const t4 = performance.now();
  const ms = (x: number) => x.toFixed(1);
  console.log(
    `setup ${ms(t1 - t0)} steps ${ms(t2 - t1)} (outputs ${ms(outs)}) evaluate ${ms(t3 - t2)} final loss graph ${ms(t4 - t3)} total ${ms(t4 - t0)} ms`,
  );
}
