/**
 * micrograd's moons demo on the compiled path: the graph is built once, traced with `compile`, and
 * replayed for every step. Same data, model, loss and updates as `runMoonsDemo` — and the same numbers.
 */
import { compile } from "../compile/compile.js";
import {
  buildMoonsDemoLoss,
  type MoonsDemoOptions,
  type MoonsDemoResult,
  setupMoonsDemo,
} from "./moons-demo.js";

/**
 * Runs micrograd's demo like `runMoonsDemo` (same options, same result), but builds the loss graph once
 * and replays it with `compile(loss)`: each step is `forward()`, `backward()`, then the SGD update. The
 * loss trajectory equals the object engine's bit for bit.
 */
export function runMoonsDemoCompiled(options: MoonsDemoOptions = {}): MoonsDemoResult {
  const { steps, xs, ys, model, opt } = setupMoonsDemo("runMoonsDemoCompiled", options);

  const { loss, scores } = buildMoonsDemoLoss(model, xs, ys);
  const graph = compile(loss);
  const scoreIndex = scores.map((s) => graph.indexOf(s));
  const accuracy = (): number => {
    let right = 0;
    for (let i = 0; i < ys.length; i++) {
      if (ys[i] > 0 === graph.values[scoreIndex[i]] > 0) right++;
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
