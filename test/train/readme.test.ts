// README.md's "Training: one core" example, line for line; the numbers were read off a run and are
// checked here against the trainer's own evaluation by hand (model.forward, the hinge, predictClass).
import { describe, expect, it } from "vitest";
import {
  CompiledForward,
  MLP,
  makeMoons,
  makeOptimizer,
  predictClass,
  Trainer,
} from "../../packages/micrograd-ts/src/index.js";

describe("README training example", () => {
  it("trains moons to 94% with the Trainer; CompiledForward gives model.forward's outputs", () => {
    const data = makeMoons({ n: 100, seed: 1 });
    const model = new MLP(2, [16, 16, 1], { seed: 2 });
    const trainer = new Trainer({
      model,
      optimizer: makeOptimizer("sgd", model.parameters(), 0.1),
      loss: "svm",
      nClasses: 2,
      alpha: 1e-4,
      engine: "compiled",
    });
    for (let step = 0; step < 100; step++) trainer.step(data.x, data.y);
    const e = trainer.evaluate(data.x, data.y);
    expect(e.accuracy).toBe(0.94);
    expect(e.loss.toFixed(4)).toBe("0.1732");
    // the same numbers by hand: mean hinge relu(1 - y s), y = ±1, and the sign of s
    const s = data.x.map((x) => model.forward(x)[0].data);
    const hinge = s.reduce((t, si, i) => t + Math.max(0, 1 - (data.y[i] ? 1 : -1) * si), 0) / s.length;
    expect(Math.abs(hinge - e.loss)).toBeLessThan(1e-12);
    expect(s.filter((si, i) => predictClass([si]) === data.y[i]).length).toBe(94);
    const out = new CompiledForward(model).outputs([0, 0, 1, 0.5]);
    expect(Array.from(out)).toEqual([model.forward([0, 0])[0].data, model.forward([1, 0.5])[0].data]);
  });
});
