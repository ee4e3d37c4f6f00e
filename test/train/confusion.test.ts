/**
 * confusionMatrix (counts of true class x predicted class) and CompiledForward.classes (predictClass of
 * each point's outputs), checked against counts and predictions made by hand.
 */
import { describe, expect, it } from "vitest";
import {
  CompiledForward,
  confusionMatrix,
  MLP,
  predictClass,
} from "../../packages/micrograd-ts/src/index.js";

describe("confusionMatrix", () => {
  it("counts each (true, predicted) pair; the rows sum to each class's examples", () => {
    // by hand: true 0 -> predicted 0, 0, 2; true 1 -> 1; true 2 -> 0, 2
    const m = confusionMatrix([0, 0, 0, 1, 2, 2], [0, 0, 2, 1, 0, 2], 3);
    expect(m).toEqual([
      [2, 0, 1],
      [0, 1, 0],
      [1, 0, 1],
    ]);
    expect(confusionMatrix([], [], 2)).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it("refuses lists of different lengths, classes out of range and a bad class count", () => {
    expect(() => confusionMatrix([0, 1], [0], 2)).toThrow(/2 actual classes but 1 predicted/);
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(/actual\[1\] is number 3; classes are 0..2/);
    expect(() => confusionMatrix([0], [-1], 3)).toThrow(/predicted\[0\] is number -1/);
    expect(() => confusionMatrix([0], [0], 0)).toThrow(/nClasses must be an integer >= 1/);
  });
});

describe("CompiledForward.classes", () => {
  it("is predictClass(model.forward(x)) for every point, one output or several", () => {
    const points = [0.3, -1, 2, 0.5, -0.7, 0.1, 0, 0, 5, -5];
    for (const nouts of [
      [4, 1],
      [4, 3],
    ]) {
      const model = new MLP(2, nouts, { seed: 3 });
      const want = [];
      for (let k = 0; k < points.length; k += 2) {
        want.push(predictClass(model.forward([points[k], points[k + 1]]).map((v) => v.data)));
      }
      expect(new CompiledForward(model).classes(points)).toEqual(want);
    }
    expect(() => new CompiledForward(new MLP(2, [1], { seed: 1 })).classes([1, 2, 3])).toThrow(
      /2 numbers per point/,
    );
  });
});
