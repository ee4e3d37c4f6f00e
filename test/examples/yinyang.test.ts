import { describe, expect, it } from "vitest";
import {
  LLM101N_CROSS_ENTROPY,
  meanCrossEntropy,
  runYinYang,
} from "../../packages/micrograd-ts/src/examples/index.js";
import {
  AdamW,
  crossEntropy,
  MLP,
  makeYinYang,
  SGD,
  splitDataset,
  Trainer,
} from "../../packages/micrograd-ts/src/index.js";
import { close } from "../helpers/reference.js";

// Printed once by an independent pure-Python 3 reproduction of the LLM101n run (its own xorshift* RNG,
// yin-yang generator, scalar autograd, MLP, cross-entropy and AdamW loop, written from the text).
const PY_TRAIN = {
  0: 1.0122152826497561,
  1: 0.8466614840586785,
  9: 0.6195308016077488,
  49: 0.1959022929291293,
  98: 0.04018524439874702,
  99: 0.03906091113485388,
};
const PY_VAL: [number, number][] = [
  [0, 1.0538977419739777],
  [10, 0.7814082833129069],
  [20, 0.5037917666754964],
  [30, 0.4178211239861728],
  [40, 0.28610776350732814],
  [50, 0.21847788830185855],
  [60, 0.17626641656442507],
  [70, 0.13339860885640342],
  [80, 0.09469489765540869],
  [90, 0.07872357416386387],
];

describe("runYinYang (the LLM101n run)", () => {
  const calls: [number, number, number | undefined][] = [];
  const result = runYinYang({ onStep: (step, train, val) => calls.push([step, train, val]) });

  it("has the first training loss 1.0122152826497561", () => {
    expect(result.trainLosses[0]).toBe(1.0122152826497561);
  });

  it("follows an independent Python run at 1e-9 relative (training and validation losses)", () => {
    expect(result.trainLosses).toHaveLength(100);
    for (const [step, loss] of Object.entries(PY_TRAIN)) {
      const got = result.trainLosses[Number(step)];
      expect(close(got, loss), `step ${step}: ${got} vs ${loss}`).toBe(true);
    }
    expect(result.valLosses.map(([s]) => s)).toEqual(PY_VAL.map(([s]) => s));
    result.valLosses.forEach(([s, loss], i) => {
      const want = PY_VAL[i]?.[1];
      expect(close(loss, want), `val at ${s}: ${loss} vs ${want}`).toBe(true);
    });
    expect(close(result.finalTrainLoss, PY_TRAIN[99])).toBe(true);
  });

  it("reports every step, with the validation loss every 10 steps", () => {
    expect(calls).toHaveLength(100);
    expect(calls[0]).toEqual([0, result.trainLosses[0], result.valLosses[0]?.[1]]);
    expect(calls[5]?.[2]).toBeUndefined();
    expect(calls[10]?.[2]).toBe(result.valLosses[1]?.[1]);
  });

  it("uses 80/10/10 splits of yin-yang n = 100 from seed 42 and a 2-8-3 tanh MLP", () => {
    expect(result.splits).toEqual(splitDataset(makeYinYang({ n: 100, seed: 42 })));
    expect(result.model.toString()).toBe(
      `MLP of [Layer of [${Array(8).fill("TanhNeuron(2)").join(", ")}], Layer of [${Array(3).fill("LinearNeuron(8)").join(", ")}]]`,
    );
    // the trained model's loss is below the last recorded (pre-update) one
    expect(meanCrossEntropy(result.model, result.splits.train).data).toBeLessThan(result.finalTrainLoss);
  });

  it("trains on the library's Trainer: each step's loss is meanCrossEntropy's bit for bit, its gradients within 1e-12", () => {
    // LLM101n's loop written out (loss_fun, backward, AdamW), against runYinYang's steps, step by step
    const split = result.splits.train;
    const m = new MLP(2, [8, 3], { activation: "tanh", seed: 11 });
    const reference = MLP.fromJSON(m.toJSON());
    const opt = new AdamW(m.parameters(), { lr: 0.1, betas: [0.9, 0.95], eps: 1e-8, weightDecay: 1e-4 });
    const trainer = new Trainer({
      model: m,
      optimizer: opt,
      nClasses: 3,
      loss: LLM101N_CROSS_ENTROPY,
      engine: "object",
    });
    for (let step = 0; step < 5; step++) {
      reference.loadParameters(m.parameters().map((p) => p.data));
      const want = meanCrossEntropy(reference, split);
      reference.zeroGrad();
      want.backward();
      const got = trainer.step(split.x, split.y); // zeroGrad, backward, then the update
      expect(got).toBe(want.data);
      const grads = m.parameters().map((p) => p.grad); // the step's gradients (the update leaves them)
      reference.parameters().forEach((p, i) => {
        expect(close(grads[i], p.grad, 1e-12), `step ${step} parameter ${i}: ${grads[i]} vs ${p.grad}`).toBe(
          true,
        );
      });
    }
  });

  it("LLM101N_CROSS_ENTROPY is crossEntropy's llm101n formula, example by example, bit for bit", () => {
    const m = new MLP(2, [8, 3], { activation: "tanh", seed: 12 });
    for (const p of m.parameters()) p.data *= 3; // logits of a few units, so the formulas' roundings differ
    const trainer = new Trainer({
      model: m,
      optimizer: new SGD(m.parameters(), { lr: 0 }),
      nClasses: 3,
      loss: LLM101N_CROSS_ENTROPY,
      engine: "compiled",
    });
    const split = result.splits.train;
    split.x.forEach((x, i) => {
      const want = crossEntropy(m.forward(x), split.y[i], { form: "llm101n" }).data;
      expect(trainer.step([x], [split.y[i]]), `example ${i}`).toBe(want);
    });
  });

  it("meanCrossEntropy is the mean of -log softmax[target]", () => {
    const m = new MLP(2, [3], { seed: 4 });
    const split = {
      name: "t",
      x: [
        [0.1, 0.2],
        [-1, 1],
      ],
      y: [2, 0],
      nClasses: 3,
    };
    const want =
      split.x
        .map((x, i) => {
          const l = m.forward(x).map((v) => v.data);
          const z = l.reduce((s, v) => s + Math.exp(v), 0);
          return -Math.log(Math.exp(l[split.y[i]]) / z);
        })
        .reduce((a, b) => a + b, 0) / 2;
    expect(meanCrossEntropy(m, split).data).toBeCloseTo(want, 14);
  });
});
