/**
 * The training core (src/train): every loss the trainer offers against src/nn's definitions (and, where
 * none exists, the formula in plain numbers), against PyTorch's reference gradients, the fill-and-replay
 * graph against a fresh build, the two engines against each other, and the optimizer factory.
 */
import { describe, expect, it } from "vitest";
import {
  Adam,
  AdamW,
  compile,
  crossEntropy,
  DivergedError,
  MLP,
  makeBlobs,
  makeMoons,
  makeOptimizer,
  mseLoss,
  OPTIMIZER_NAMES,
  predictClass,
  SGD,
  sumValues,
  svmLoss,
  TRAIN_LOSS_NAMES,
  TRAIN_LOSSES,
  type TrainLossName,
  train,
  trainLoss,
  Value,
} from "../../packages/micrograd-ts/src/index.js";
import { buildBatchGraph, fillBatch } from "../../packages/micrograd-ts/src/internals.js";
import { close, reference } from "../helpers/reference.js";

const points = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => [Math.sin(i * 1.7 + seed), Math.cos(i * 0.9 - seed)]);

/** The trainer's batch loss and each parameter's gradient, on the object engine. */
function ours(model: MLP, loss: TrainLossName, k: number, x: number[][], classes: number[]) {
  const g = buildBatchGraph(
    { model, loss: trainLoss(loss), nClasses: k, alpha: 0, capacity: x.length },
    x,
    classes,
  );
  model.zeroGrad();
  g.loss.backward();
  return { loss: g.loss.data, grads: model.parameters().map((p) => p.grad) };
}

/** The same batch's loss written with src/nn's losses (and its gradients). */
function nn(model: MLP, build: (outs: Value[][]) => Value, x: number[][]) {
  model.zeroGrad();
  const l = build(x.map((row) => model.forward(row)));
  l.backward();
  return { loss: l.data, grads: model.parameters().map((p) => p.grad) };
}

const expectClose = (a: { loss: number; grads: number[] }, b: { loss: number; grads: number[] }) => {
  expect(close(a.loss, b.loss, 1e-12), `${a.loss} vs ${b.loss}`).toBe(true);
  const far = a.grads.filter((g, i) => !close(g, b.grads[i], 1e-12));
  expect(far).toEqual([]);
};

describe("each loss defines its outputs and targets once", () => {
  it("2 classes: one ±1 output for svm and mse, two one-hot outputs for ce; k classes: k outputs", () => {
    expect(TRAIN_LOSS_NAMES).toEqual(["svm", "ce", "mse"]);
    for (const name of ["svm", "mse"] as const) {
      const l = TRAIN_LOSSES[name];
      expect(l.outputs(2)).toBe(1);
      expect(l.targets(0, 2)).toEqual([-1]);
      expect(l.targets(1, 2)).toEqual([1]);
      expect(l.outputs(4)).toBe(4);
      expect(l.targets(2, 4)).toEqual([0, 0, 1, 0]);
    }
    expect(TRAIN_LOSSES.ce.outputs(2)).toBe(2);
    expect(TRAIN_LOSSES.ce.targets(1, 3)).toEqual([0, 1, 0]);
    expect(() => trainLoss("hinge")).toThrow('expected one of svm, ce, mse, got string "hinge"');
  });
});

describe("the trainer's losses are src/nn's", () => {
  const x = points(9, 1);

  it("svm, 2 classes: svmLoss with y = ±1, bit for bit (micrograd's demo loss)", () => {
    const model = new MLP(2, [5, 1], { seed: 3 });
    const classes = x.map((_, i) => i % 2);
    const a = ours(model, "svm", 2, x, classes);
    const b = nn(
      model,
      (o) =>
        svmLoss(
          o.map((r) => r[0]),
          classes.map((c) => (c ? 1 : -1)),
        ),
      x,
    );
    expect(a).toEqual(b);
  });

  it("mse, 2 classes: mseLoss with y = ±1, bit for bit", () => {
    const model = new MLP(2, [5, 1], { seed: 4 });
    const classes = x.map((_, i) => (i * 7) % 2);
    const a = ours(model, "mse", 2, x, classes);
    const b = nn(
      model,
      (o) =>
        mseLoss(
          o.map((r) => r[0]),
          classes.map((c) => (c ? 1 : -1)),
        ),
      x,
    );
    expect(a).toEqual(b);
  });

  it("mse, 3 classes: mseLoss over all outputs with one-hot 0/1 targets", () => {
    const model = new MLP(2, [5, 3], { seed: 5 });
    const classes = x.map((_, i) => i % 3);
    const a = ours(model, "mse", 3, x, classes);
    const onehot = classes.flatMap((c) => [0, 1, 2].map((j) => (j === c ? 1 : 0)));
    const b = nn(model, (o) => mseLoss(o.flat(), onehot), x);
    expectClose(a, b);
    // and not the ±1 targets, nor a 1/(k+1) divisor
    const pm = classes.flatMap((c) => [0, 1, 2].map((j) => (j === c ? 1 : -1)));
    expect(close(a.loss, nn(model, (o) => mseLoss(o.flat(), pm), x).loss, 1e-6)).toBe(false);
    expect(close(a.loss, (b.loss * 3) / 4, 1e-6)).toBe(false);
  });

  it("ce, 2 and 4 classes: the mean of crossEntropy", () => {
    for (const k of [2, 4]) {
      const model = new MLP(2, [6, k], { seed: k });
      const classes = x.map((_, i) => (i * 3) % k);
      const a = ours(model, "ce", k, x, classes);
      const b = nn(
        model,
        (o) => sumValues(o.map((r, i) => crossEntropy(r, classes[i]))).mul(1 / x.length),
        x,
      );
      expectClose(a, b);
    }
  });

  it("svm, 3 classes: the multi-class hinge, mean over examples of Σ_{j≠c} max(0, 1 + z_j - z_c)", () => {
    const model = new MLP(2, [5, 3], { seed: 6, init: "micrograd" });
    const classes = x.map((_, i) => (i * 2) % 3);
    const a = ours(model, "svm", 3, x, classes);
    let total = 0;
    x.forEach((row, i) => {
      const z = model.forward(row).map((v) => v.data);
      const c = classes[i];
      z.forEach((zj, j) => {
        if (j !== c) total += Math.max(0, 1 + zj - z[c]);
      });
    });
    expect(a.loss).toBeGreaterThan(0);
    expect(close(a.loss, total / x.length, 1e-12)).toBe(true);
    // the gradient by central differences on one parameter
    const p = model.parameters()[3];
    const h = 1e-6;
    const at = (d: number) => {
      p.data += d;
      const l = ours(model, "svm", 3, x, classes).loss;
      p.data -= d;
      return l;
    };
    expect(Math.abs((at(h) - at(-h)) / (2 * h) - a.grads[3])).toBeLessThan(1e-5);
  });
});

describe("PyTorch's reference gradients (test/fixtures/torch-gradients.json, mlps)", () => {
  for (const m of reference.mlps) {
    it(`${m.name}: ${m.loss} on MLP(${m.nin}, [${m.layers.join(", ")}])`, () => {
      const model = new MLP(m.nin, m.layers, { activation: m.activation });
      model.loadParameters(m.params);
      const k = m.layers[m.layers.length - 1];
      const loss = TRAIN_LOSSES[m.loss];
      let root: Value;
      if (m.loss === "mse") {
        // a regression target, not a class: the target leaf holds it directly
        root = loss.sample(model.forward(m.x), [new Value(m.target)]);
      } else {
        // svm: y = ±1 is class 1 / 0 of 2; ce: the class index of k
        const nClasses = m.loss === "svm" ? 2 : k;
        const c = m.loss === "svm" ? (m.target > 0 ? 1 : 0) : m.target;
        root = buildBatchGraph({ model, loss, nClasses, alpha: 0, capacity: 1 }, [m.x], [c]).loss;
      }
      root.backward();
      const bad: string[] = [];
      if (!close(root.data, m.loss_value)) bad.push(`loss ${root.data} != ${m.loss_value}`);
      model.parameters().forEach((p, i) => {
        if (!close(p.grad, m.grads[i])) bad.push(`grad ${i}: ${p.grad} != ${m.grads[i]}`);
      });
      expect(bad).toEqual([]);
    });
  }
});

describe("the batch graph: built once, filled and replayed", () => {
  it("a compiled graph refilled with another batch (and spare slots) gives that batch's fresh loss and grads", () => {
    for (const name of TRAIN_LOSS_NAMES) {
      const k = 3;
      const model = new MLP(2, [4, 3], { seed: 11 });
      const loss = trainLoss(name);
      const spec = { model, loss, nClasses: k, alpha: 1e-3, capacity: 6 };
      const g = buildBatchGraph(spec, points(6, 2), [0, 1, 2, 0, 1, 2]);
      const compiled = compile(g.loss);
      const x2 = points(4, 5);
      const c2 = [2, 2, 0, 1];
      fillBatch(g, loss, k, x2, c2);
      const replay = compiled.forward();
      compiled.backward();
      const got = model.parameters().map((p) => p.grad);
      const fresh = buildBatchGraph({ ...spec, capacity: 4 }, x2, c2);
      model.zeroGrad();
      fresh.loss.backward();
      expect(close(replay, fresh.loss.data, 1e-12), name).toBe(true);
      const params = model.parameters();
      expect(
        got.filter((v, i) => !close(v, params[i]?.grad as number, 1e-12)),
        name,
      ).toEqual([]);
    }
  });

  it("refuses a model of the wrong width, a class out of range and a wrong-sized input", () => {
    const model = new MLP(2, [3, 2], { seed: 1 });
    const spec = { model, loss: trainLoss("svm"), nClasses: 2, alpha: 0, capacity: 1 };
    expect(() => buildBatchGraph(spec, [[0, 0]], [1])).toThrow(
      "loss svm on 2 classes needs a model with 1 output, got 2",
    );
    const ce = { ...spec, loss: trainLoss("ce") };
    expect(() => buildBatchGraph(ce, [[0, 0]], [2])).toThrow(
      "fillBatch: classes[0] is number 2; classes are indices from 0 to 1",
    );
    expect(() => buildBatchGraph(ce, [[0, 0, 0]], [1])).toThrow("x[0] must be an array of 2 numbers");
  });
});

describe("train", () => {
  it("the object and compiled engines give the same run, a short last batch included", () => {
    const data = makeBlobs({ n: 25, seed: 4 });
    for (const loss of TRAIN_LOSS_NAMES) {
      const run = (engine: "object" | "compiled") => {
        const model = new MLP(2, [6, TRAIN_LOSSES[loss].outputs(data.nClasses)], { seed: 9 });
        const steps: number[] = [];
        const r = train({
          model,
          optimizer: new Adam(model.parameters(), { lr: 0.05 }),
          x: data.x,
          classes: data.y,
          nClasses: data.nClasses,
          loss,
          alpha: 1e-4,
          steps: 6,
          batchSize: 10,
          engine,
          onStep: (s) => steps.push(s),
        });
        expect(steps).toEqual([0, 1, 2, 3, 4, 5]);
        return r;
      };
      const a = run("object");
      const b = run("compiled");
      expect(
        a.losses.filter((l, i) => !close(b.losses[i], l, 1e-10)),
        loss,
      ).toEqual([]);
      expect(b.accuracies).toEqual(a.accuracies);
    }
  });

  it("learns: multi-class svm on blobs and svm on moons reach high accuracy", () => {
    const blobs = makeBlobs({ n: 60, seed: 1 });
    const m1 = new MLP(2, [8, blobs.nClasses], { seed: 2 });
    const r1 = train({
      model: m1,
      optimizer: makeOptimizer("adam", m1.parameters(), 0.05),
      x: blobs.x,
      classes: blobs.y,
      nClasses: blobs.nClasses,
      loss: "svm",
      alpha: 0,
      steps: 60,
      batchSize: 0,
      engine: "compiled",
    });
    expect(r1.losses[59]).toBeLessThan(r1.losses[0]);
    expect(r1.finalAccuracy).toBeGreaterThan(0.9);
    const moons = makeMoons({ n: 50, seed: 3 });
    const m2 = new MLP(2, [16, 16, 1], { seed: 3 });
    const r2 = train({
      model: m2,
      optimizer: makeOptimizer("sgd", m2.parameters(), (s) => 1.0 - (0.9 * s) / 60),
      x: moons.x,
      classes: moons.y,
      nClasses: 2,
      loss: "svm",
      alpha: 1e-4,
      steps: 60,
      batchSize: 0,
      engine: "compiled",
    });
    expect(r2.finalAccuracy).toBeGreaterThan(0.85);
  });

  it("stops with DivergedError before updating, and refuses mismatched data", () => {
    const model = new MLP(2, [4, 1], { seed: 1 });
    const before = model.parameters().map((p) => p.data);
    const base = {
      model,
      optimizer: new SGD(model.parameters(), { lr: 0.1 }),
      nClasses: 2,
      loss: "svm" as const,
      alpha: 0,
      steps: 2,
      batchSize: 0,
      engine: "compiled" as const,
    };
    // alpha · Σp² (17 parameters in U(-1, 1)) overflows to Infinity at the first step
    expect(() => train({ ...base, alpha: 1e308, x: [[0.5, 1]], classes: [1] })).toThrow(DivergedError);
    expect(model.parameters().map((p) => p.data)).toEqual(before);
    expect(() => train({ ...base, x: [[0, 1]], classes: [1, 0] })).toThrow("got 1 inputs but 2 classes");
    expect(() => train({ ...base, x: [], classes: [] })).toThrow("no examples");
  });
});

describe("makeOptimizer and predictClass", () => {
  it("makes SGD, Adam and AdamW with the learning rate, and names the choices for an unknown one", () => {
    const p = [new Value(1)];
    expect(OPTIMIZER_NAMES).toEqual(["sgd", "adam", "adamw"]);
    expect(makeOptimizer("sgd", p, 0.5)).toBeInstanceOf(SGD);
    expect(makeOptimizer("adam", p, 0.5)).toBeInstanceOf(Adam);
    expect(makeOptimizer("adamw", p, 0.5)).toBeInstanceOf(AdamW);
    const sgd = makeOptimizer("sgd", p, 0.5);
    p[0].grad = 2;
    sgd.step();
    expect(p[0].data).toBe(0); // 1 - 0.5 * 2
    expect(() => makeOptimizer("rmsprop" as "sgd", p, 0.1)).toThrow("expected one of sgd, adam, adamw");
  });

  it("predictClass: the sign for one output, the argmax for several", () => {
    expect(predictClass([0.3])).toBe(1);
    expect(predictClass([-0.3])).toBe(0);
    expect(predictClass([0.1, 2, -1])).toBe(1);
  });
});
