import { describe, expect, it } from "vitest";
import {
  accuracyFromScores,
  buildMoonsDemoLoss,
  runMoonsDemo,
  runMoonsDemoCompiled,
} from "../../packages/micrograd-ts/src/examples/index.js";
import { MLP, makeMoons, Rng, Value } from "../../packages/micrograd-ts/src/index.js";

describe("micrograd's moons demo", () => {
  it("buildMoonsDemoLoss = mean relu(1 - y * score) + 1e-4 * sum p^2, with one score per example", () => {
    const model = new MLP(2, [1], { seed: 1 });
    model.loadParameters([0.5, -1, 0.25]); // score = 0.25 + 0.5 x0 - x1
    const xs = [
      [1, 0],
      [0, 1],
      [2, 2],
    ];
    const ys = [1, -1, -1];
    const { loss, scores } = buildMoonsDemoLoss(model, xs, ys);
    // scores 0.75, -0.75, -0.75 -> hinge 0.25, 0.25, 0.25 -> mean 0.25; reg 1e-4 * (0.25 + 1 + 0.0625)
    expect(scores.map((s) => s.data)).toEqual([0.75, -0.75, -0.75]);
    expect(loss.data).toBeCloseTo(0.25 + 1e-4 * 1.3125, 15);
    loss.backward();
    // d/dw0 = mean(-y x0 where the hinge is active) + 2e-4 w0 = (-1 + 0 + 2) / 3 + 1e-4
    expect(model.parameters()[0]?.grad).toBeCloseTo(1 / 3 + 1e-4, 15);
  });

  it("accuracyFromScores counts sign agreement", () => {
    const scores = [0.3, -0.1, 0, 2].map((s) => new Value(s));
    expect(accuracyFromScores(scores, [1, -1, 1, -1])).toBe(0.5);
    expect(() => accuracyFromScores(scores, [1])).toThrow(TypeError);
  });

  it("reaches at least 97% accuracy in 100 steps, and the loss falls", () => {
    const seen: number[] = [];
    const r = runMoonsDemo({ onStep: (k) => seen.push(k) });
    expect(seen).toEqual(Array.from({ length: 100 }, (_, k) => k));
    expect(r.losses).toHaveLength(100);
    expect(r.finalAccuracy).toBeGreaterThanOrEqual(0.97);
    expect(r.finalLoss).toBeLessThan(r.losses[0]);
    expect(r.finalLoss).toBeLessThan(0.1);
    // the data are makeMoons(n = 100, noise = 0.1, seed 1337) with labels mapped to -1/+1
    const data = makeMoons({ n: 100, noise: 0.1, seed: 1337 });
    expect(r.xs).toEqual(data.x);
    expect(r.ys).toEqual(data.y.map((c) => 2 * c - 1));
  });

  it("runs on the library's train(), with the notebook's numbers: its own loop gives the same losses bit for bit", () => {
    // the notebook's loop, written out: moons -> ±1, MLP(2, [16, 16, 1]), SGD lr = 1 - 0.9 k / steps
    const steps = 20;
    const data = makeMoons({ n: 60, noise: 0.1, seed: 9 });
    const ys = data.y.map((c) => 2 * c - 1);
    const model = new MLP(2, [16, 16, 1], { rng: new Rng(9) });
    const losses: number[] = [];
    const accuracies: number[] = [];
    for (let k = 0; k < steps; k++) {
      const { loss, scores } = buildMoonsDemoLoss(model, data.x, ys);
      accuracies.push(accuracyFromScores(scores, ys));
      for (const p of model.parameters()) p.grad = 0;
      loss.backward();
      for (const p of model.parameters()) p.data -= (1.0 - (0.9 * k) / steps) * p.grad;
      losses.push(loss.data);
    }
    const finalLoss = buildMoonsDemoLoss(model, data.x, ys).loss.data;
    for (const run of [runMoonsDemo, runMoonsDemoCompiled]) {
      const r = run({ steps, seed: 9, n: 60 });
      expect(r.losses).toEqual(losses);
      expect(r.finalLoss).toBe(finalLoss); // the trainer's lossOf: the notebook's loss graph's number
      expect(r.accuracies).toEqual(accuracies);
      expect(r.model.parameters().map((p) => p.data)).toEqual(model.parameters().map((p) => p.data));
    }
  });

  it("is deterministic for a seed", () => {
    const a = runMoonsDemo({ steps: 3, seed: 5 });
    const b = runMoonsDemo({ steps: 3, seed: 5 });
    expect(a.losses).toEqual(b.losses);
    expect(() => runMoonsDemo({ steps: -1 })).toThrow(RangeError);
  });
});
