import { describe, expect, it } from "vitest";
import {
  crossEntropy,
  MLP,
  mseLoss,
  SGD,
  svmLoss,
  type Value,
} from "../../packages/micrograd-ts/src/index.js";
import { close, type RefMlp, reference } from "../helpers/reference.js";

/** The reference's loss: mse = (out0 - target)^2, svm = relu(1 - target * out0), ce = -log softmax[target]. */
function refLoss(m: RefMlp, outs: Value[]): Value {
  switch (m.loss) {
    case "mse":
      return mseLoss([outs[0]], [m.target]);
    case "svm":
      return svmLoss([outs[0]], [m.target]);
    case "ce":
      return crossEntropy(outs, m.target);
  }
}

describe("PyTorch reference MLPs (loss and every parameter gradient, 1e-9 relative)", () => {
  it("has the expected cases", () => {
    expect(reference.mlps.length).toBeGreaterThanOrEqual(60);
    expect(new Set(reference.mlps.map((m) => m.loss))).toEqual(new Set(["mse", "svm", "ce"]));
  });

  for (const m of reference.mlps) {
    it(`${m.name}: MLP(${m.nin}, [${m.layers.join(", ")}]) ${m.activation} ${m.loss}`, () => {
      const model = new MLP(m.nin, m.layers, { activation: m.activation });
      model.loadParameters(m.params);
      const outs = model.forward(m.x);
      expect(outs).toHaveLength(m.layers[m.layers.length - 1]);
      const loss = refLoss(m, outs);
      loss.backward();
      const bad: string[] = [];
      if (!close(loss.data, m.loss_value)) bad.push(`loss ${loss.data} != ${m.loss_value}`);
      const params = model.parameters();
      expect(params).toHaveLength(m.grads.length);
      params.forEach((p, i) => {
        if (!close(p.grad, m.grads[i])) bad.push(`grad ${i} (${p.label}): ${p.grad} != ${m.grads[i]}`);
      });
      expect(bad).toEqual([]);
    });
  }
});

describe("PyTorch reference: the lecture training", () => {
  const t = reference.trainings[0];
  it("is the lecture's setup", () => {
    expect(t?.name).toBe("lecture-training");
    expect(t?.sizes).toEqual([3, 4, 4, 1]);
  });

  it("20 losses and the final parameters match at 1e-9 relative", () => {
    if (!t) throw new Error("no training in the reference");
    // tanh on every layer, the output included, as in the lecture
    const model = new MLP(t.sizes[0], t.sizes.slice(1), {
      activation: "tanh",
      outputActivation: "tanh",
    });
    model.loadParameters(t.params);
    const opt = new SGD(model.parameters(), { lr: t.lr });
    const losses: number[] = [];
    for (let k = 0; k < t.steps; k++) {
      const ypred = t.xs.map((x) => model.forward(x)[0]);
      const loss = mseLoss(ypred, t.ys, { reduction: "sum" });
      opt.zeroGrad();
      loss.backward();
      opt.step();
      losses.push(loss.data);
    }
    const bad: string[] = [];
    losses.forEach((l, k) => {
      if (!close(l, t.losses[k])) bad.push(`loss ${k}: ${l} != ${t.losses[k]}`);
    });
    model.parameters().forEach((p, i) => {
      if (!close(p.data, t.final_params[i])) bad.push(`param ${i}: ${p.data} != ${t.final_params[i]}`);
    });
    expect(losses).toHaveLength(20);
    expect(bad).toEqual([]);
  });
});
