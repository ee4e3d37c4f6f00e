/**
 * micrograd's moons demo on the compiled path: the graph is built once, traced with `compile`, and
 * replayed for every step. Same data, model, loss and updates as `runMoonsDemo` — and the same numbers.
 */
import { compile } from "../compile/compile.js";
import { makeMoons } from "../data/moons.js";
import { Rng } from "../data/rng.js";
import { describeArg } from "../engine/value.js";
import { MLP } from "../nn/mlp.js";
import { SGD } from "../optim/sgd.js";
import { buildMoonsDemoLoss, type MoonsDemoOptions, type MoonsDemoResult } from "./moons-demo.js";

/**
 * Runs micrograd's demo like `runMoonsDemo` (same options, same result), but builds the loss graph once
 * and replays it with `compile(loss)`: each step is `forward()`, `backward()`, then the SGD update. The
 * loss trajectory equals the object engine's bit for bit.
 */
export function runMoonsDemoCompiled(options: MoonsDemoOptions = {}): MoonsDemoResult {
  const steps = options.steps ?? 100;
  if (!Number.isSafeInteger(steps) || steps < 0) {
    throw new RangeError(
      `runMoonsDemoCompiled(options): steps must be an integer >= 0, got ${describeArg(steps)}`,
    );
  }
  const seed = options.seed ?? 1337;
  const data = makeMoons({ n: options.n ?? 100, noise: options.noise ?? 0.1, seed });
  const xs = data.x;
  const ys = data.y.map((c) => c * 2 - 1);
  const model = new MLP(2, [16, 16, 1], { rng: new Rng(seed) });
  const opt = new SGD(model.parameters(), { lr: (k) => 1.0 - (0.9 * k) / steps });

  const { loss, scores } = buildMoonsDemoLoss(model, xs, ys);
  const graph = compile(loss);
  const scoreIndex = scores.map((s) => graph.indexOf(s));
  const accuracy = (): number => {
    let right = 0;
    for (let i = 0; i < ys.length; i++) {
      if ((ys[i] as number) > 0 === (graph.values[scoreIndex[i] as number] as number) > 0) right++;
    }
    return right / ys.length;
  };

  const losses: number[] = [];
  const accuracies: number[] = [];
  for (let k = 0; k < steps; k++) {
    const value = graph.forward();
    const acc = accuracy();
    graph.backward(); // overwrites every parameter's grad: no zeroGrad needed
    opt.step();
    losses.push(value);
    accuracies.push(acc);
    options.onStep?.(k, value, acc);
  }
  const finalLoss = graph.forward();
  return { model, xs, ys, losses, accuracies, finalLoss, finalAccuracy: accuracy() };
}
