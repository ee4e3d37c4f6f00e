/** Breakdown of one compiled moons run (build, compile, steps), for tuning: node bench/out/bench/profile-compiled.js */
import { compile } from "../packages/micrograd-ts/src/compile/compile.js";
import { makeMoons } from "../packages/micrograd-ts/src/data/moons.js";
import { Rng } from "../packages/micrograd-ts/src/data/rng.js";
import { buildMoonsDemoLoss } from "../packages/micrograd-ts/src/examples/moons-demo.js";
import { MLP } from "../packages/micrograd-ts/src/nn/mlp.js";

const t0 = performance.now();
const data = makeMoons({ n: 100, noise: 0.1, seed: 1337 });
const ys = data.y.map((c) => c * 2 - 1);
const model = new MLP(2, [16, 16, 1], { rng: new Rng(1337) });
const params = model.parameters();
const t1 = performance.now();
const { loss } = buildMoonsDemoLoss(model, data.x, ys);
const t2 = performance.now();
const g = compile(loss);
const t3 = performance.now();
let fwd = 0;
let bwd = 0;
for (let k = 0; k < 100; k++) {
  const a = performance.now();
  g.forward();
  const b = performance.now();
  g.backward();
  fwd += b - a;
  bwd += performance.now() - b;
  const lr = 1.0 - (0.9 * k) / 100;
  for (const p of params) p.data -= lr * p.grad;
}
const t4 = performance.now();
const ms = (x: number) => x.toFixed(1);
console.log(
  `setup ${ms(t1 - t0)} build ${ms(t2 - t1)} compile ${ms(t3 - t2)} steps ${ms(t4 - t3)} (fwd ${ms(fwd)} bwd ${ms(bwd)}) total ${ms(t4 - t0)} ms; ${g.size} nodes`,
);
