import { describe, expect, it } from "vitest";
import {
  buildMoonsDemoLoss,
  runMoonsDemo,
  runMoonsDemoCompiled,
} from "../../packages/micrograd-ts/src/examples/index.js";
import { compile, MLP, makeMoons } from "../../packages/micrograd-ts/src/index.js";

describe("the moons demo on the compiled path", () => {
  it("has the object engine's 100-step loss trajectory, bit for bit", () => {
    const steps: number[] = [];
    const compiled = runMoonsDemoCompiled({ onStep: (k) => steps.push(k) });
    const object = runMoonsDemo();
    expect(steps).toEqual(Array.from({ length: 100 }, (_, k) => k));
    expect(compiled.losses).toHaveLength(100);
    // identical (the 1e-12 relative requirement holds a fortiori)
    expect(compiled.losses).toEqual(object.losses);
    for (let k = 0; k < 100; k++) {
      const a = compiled.losses[k];
      const b = object.losses[k];
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.abs(b));
    }
    expect(compiled.accuracies).toEqual(object.accuracies);
    expect(compiled.finalLoss).toBe(object.finalLoss);
    expect(compiled.finalAccuracy).toBe(object.finalAccuracy);
    expect(compiled.model.parameters().map((p) => p.data)).toEqual(
      object.model.parameters().map((p) => p.data),
    );
  });

  it("agrees for another seed and size, and validates steps", () => {
    const o = { steps: 7, seed: 3, n: 40 };
    expect(runMoonsDemoCompiled(o).losses).toEqual(runMoonsDemo(o).losses);
    expect(() => runMoonsDemoCompiled({ steps: 1.5 })).toThrow(RangeError);
  });
});

describe("README example of the compiled path", () => {
  it("runs as written and trains", () => {
    const data = makeMoons({ n: 100, seed: 1337 });
    const ys = data.y.map((c) => 2 * c - 1);
    const model = new MLP(2, [16, 16, 1]);
    const { loss } = buildMoonsDemoLoss(model, data.x, ys);
    const g = compile(loss);
    const values: number[] = [];
    for (let k = 0; k < 100; k++) {
      values.push(g.forward());
      g.backward();
      for (const p of model.parameters()) p.data -= (1 - (0.9 * k) / 100) * p.grad;
    }
    expect(values[99]).toBeLessThan(values[0] / 2);
  });
});
