/**
 * The stepwise `Trainer` and the batch graph's regularization and labels: each checked against src/nn's
 * definitions (l1, l2, crossEntropy) or plain-number formulas, and the compiled engine against a fresh
 * object-engine graph.
 */
import { describe, expect, it } from "vitest";
import {
  compile,
  crossEntropy,
  DivergedError,
  l1,
  l2,
  MLP,
  makeBlobs,
  makeOptimizer,
  predictClass,
  SGD,
  sumValues,
  TRAIN_LOSSES,
  Trainer,
  type TrainLoss,
  type TrainLossName,
  topoOrder,
  trainLoss,
} from "../../packages/micrograd-ts/src/index.js";
import { buildBatchGraph, fillBatch } from "../../packages/micrograd-ts/src/internals.js";
import { close } from "../helpers/reference.js";

const points = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => [Math.sin(i * 1.3 + seed), Math.cos(i * 0.7 - seed)]);

describe("cross-entropy on a compiled graph stays finite as the logits grow (no shift leaf needed)", () => {
  it("the detached max is recomputed at every replay: logits near ±1000 give the fresh graph's loss", () => {
    const model = new MLP(2, [4, 3], { seed: 7, activation: "tanh" });
    const loss = trainLoss("ce");
    const x = points(5, 1);
    const classes = [0, 1, 2, 0, 1];
    const g = buildBatchGraph({ model, loss, nClasses: 3, capacity: 5 }, x, classes);
    const compiled = compile(g.loss); // traced with logits of size ~1
    // blow up the last layer: logits of several hundred, where exp overflows unless shifted by the max
    for (const p of model.layers[1].parameters()) p.data *= 1000;
    fillBatch(g, loss, 3, x, classes);
    const replay = compiled.forward();
    compiled.backward();
    const grads = model.parameters().map((p) => p.grad);
    // plain numbers: mean of logsumexp(z) - z_c, with the shift by the current max
    let expected = 0;
    x.forEach((row, i) => {
      const z = model.forward(row).map((v) => v.data);
      const m = Math.max(...z);
      expected += m + Math.log(z.reduce((s, zj) => s + Math.exp(zj - m), 0)) - z[classes[i]];
    });
    expected /= x.length;
    const logits = x.flatMap((row) => model.forward(row).map((v) => Math.abs(v.data)));
    expect(Math.max(...logits)).toBeGreaterThan(300); // exp(300+) would be Infinity without the shift
    expect(Number.isFinite(replay)).toBe(true);
    expect(close(replay, expected, 1e-12), `${replay} vs ${expected}`).toBe(true);
    // and the gradients are the fresh graph's
    model.zeroGrad();
    const fresh = buildBatchGraph({ model, loss, nClasses: 3, capacity: 5 }, x, classes).loss;
    fresh.backward();
    expect(fresh.data).toBe(replay);
    expect(grads).toEqual(model.parameters().map((p) => p.grad));
    expect(grads.every(Number.isFinite)).toBe(true);
  });
});

describe("the batch graph's regularization: src/nn's l1 and l2", () => {
  const model = new MLP(2, [5, 3], { seed: 2 });
  const loss = trainLoss("mse");
  const x = points(6, 3);
  const classes = [0, 1, 2, 2, 1, 0];
  const graph = (over: object) =>
    buildBatchGraph({ model, loss, nClasses: 3, capacity: 8, ...over }, x, classes);

  it("loss = data loss + l1(params, rate) or l2(params, rate), bit for bit, with their gradients", () => {
    const params = model.parameters();
    for (const kind of ["l1", "l2"] as const) {
      const g = graph({ regularization: { kind, rate: 0.03 } });
      const penalty = (kind === "l1" ? l1 : l2)(params, 0.03);
      expect(g.loss.data).toBe(g.dataLoss.data + penalty.data);
      // the penalty's own gradient: the full graph's minus the data loss's
      model.zeroGrad();
      g.dataLoss.backward();
      const data = params.map((p) => p.grad);
      model.zeroGrad();
      graph({ regularization: { kind, rate: 0.03 } }).loss.backward();
      const slope = (p: number) => (kind === "l1" ? 0.03 * Math.sign(p) : 0.03 * 2 * p);
      const off = params.filter((p, i) => !close(p.grad - data[i], slope(p.data), 1e-9));
      expect(off, kind).toEqual([]);
    }
  });

  it("alpha is L2 (micrograd's name): the same graph as regularization l2; 0 or rate 0 is none", () => {
    const a = graph({ alpha: 1e-4 }).loss.data;
    expect(graph({ regularization: { kind: "l2", rate: 1e-4 } }).loss.data).toBe(a);
    expect(graph({ regularization: { kind: "l1", rate: 1e-4 } }).loss.data).not.toBe(a);
    for (const none of [{}, { alpha: 0 }, { regularization: { kind: "l1", rate: 0 } }]) {
      const g = graph(none);
      expect(g.loss).toBe(g.dataLoss);
    }
  });

  it("refuses both at once, an unknown kind and a negative rate", () => {
    expect(() => graph({ alpha: 1e-4, regularization: { kind: "l1", rate: 1 } })).toThrow(
      "buildBatchGraph: give alpha (0.0001) or regularization (l1 1), not both",
    );
    expect(() => graph({ regularization: { kind: "l3", rate: 1 } })).toThrow('must be "l1" or "l2", got l3');
    expect(() => graph({ regularization: { kind: "l2", rate: -1 } })).toThrow(
      "rate must be a finite number >= 0, got -1",
    );
  });

  it("labels the leaves and the roots so a drawn graph reads like the formula", () => {
    const g = graph({ alpha: 1e-4 });
    expect(g.inputs[0].map((v) => v.label)).toEqual(["x1", "x2"]);
    expect(g.targets[0].map((v) => v.label)).toEqual(["t0", "t1", "t2"]);
    expect([g.weights[7].label, g.scale.label, g.dataLoss.label, g.loss.label]).toEqual([
      "w",
      "1/n",
      "data loss",
      "loss",
    ]);
    const binary = buildBatchGraph(
      { model: new MLP(2, [3, 1], { seed: 1 }), loss: trainLoss("svm"), nClasses: 2, capacity: 1 },
      [[0, 1]],
      [1],
    );
    expect(binary.targets[0][0].label).toBe("y");
    expect(binary.loss.label).toBe("loss");
  });
});

/** A Trainer on blobs (3 classes) with `loss` and the engine. */
function blobsTrainer(loss: TrainLossName, engine: "object" | "compiled", over: object = {}) {
  const model = new MLP(2, [6, 3], { seed: 4 });
  return new Trainer({
    model,
    optimizer: makeOptimizer("adam", model.parameters(), 0.05),
    loss,
    nClasses: 3,
    engine,
    ...over,
  });
}

describe("Trainer: one step at a time", () => {
  const data = makeBlobs({ n: 30, seed: 5 });

  it("a step is the batch graph's loss, then the optimizer's update; both engines agree", () => {
    for (const loss of ["svm", "ce", "mse"] as const) {
      const a = blobsTrainer(loss, "compiled", { regularization: { kind: "l1", rate: 1e-3 } });
      const b = blobsTrainer(loss, "object", { regularization: { kind: "l1", rate: 1e-3 } });
      // the first step's loss is a fresh graph's, before any update
      const fresh = buildBatchGraph(b.spec(30), data.x, data.y).loss.data;
      const la = a.step(data.x, data.y);
      expect(close(la, fresh, 1e-12), loss).toBe(true);
      expect(b.step(data.x, data.y)).toBe(fresh);
      for (let i = 0; i < 5; i++) {
        const xs = data.x.slice(i * 5, i * 5 + 7);
        const ys = data.y.slice(i * 5, i * 5 + 7);
        expect(close(a.step(xs, ys), b.step(xs, ys), 1e-10), loss).toBe(true);
      }
      const pa = a.model.parameters().map((p) => p.data);
      const pb = b.model.parameters().map((p) => p.data);
      expect(pa.filter((p, i) => !close(p, pb[i], 1e-10))).toEqual([]);
      expect([a.steps, b.steps]).toEqual([6, 6]);
    }
  });

  it("lossOf: the loss a step would return (with the penalty), no update, outputs() kept, on both engines", () => {
    for (const engine of ["object", "compiled"] as const) {
      const t = blobsTrainer("ce", engine, { alpha: 0.01 });
      t.step(data.x.slice(0, 8), data.y.slice(0, 8));
      const outputs = t.outputs();
      const params = t.model.parameters().map((p) => p.data);
      // a fresh graph of the 12 examples (the object engine's, independent of the tape)
      const fresh = buildBatchGraph(t.spec(12), data.x.slice(0, 12), data.y.slice(0, 12)).loss.data;
      expect(t.lossOf(data.x.slice(0, 12), data.y.slice(0, 12))).toBe(fresh);
      expect(t.model.parameters().map((p) => p.data)).toEqual(params);
      expect(t.outputs()).toEqual(outputs);
      expect(t.steps).toBe(1);
      // the next step's loss is that number
      expect(t.step(data.x.slice(0, 12), data.y.slice(0, 12))).toBe(fresh);
    }
    const t = blobsTrainer("svm", "compiled");
    expect(() => t.lossOf([], [])).toThrow("Trainer.lossOf: no examples (x is empty)");
    expect(() => t.lossOf([[0, 0]], [0, 1])).toThrow("Trainer.lossOf: got 1 inputs but 2 classes");
  });

  it("outputs() are the last batch's outputs before the update", () => {
    for (const engine of ["object", "compiled"] as const) {
      const t = blobsTrainer("ce", engine);
      const xs = data.x.slice(0, 4);
      const before = xs.map((row) => t.model.forward(row).map((v) => v.data));
      t.step(xs, data.y.slice(0, 4));
      expect(t.outputs()).toEqual(before);
    }
  });

  it("grows the compiled graph only when a batch outgrows it, by the capacity asked for", () => {
    const asked: number[] = [];
    const t = blobsTrainer("svm", "compiled", {
      capacity: (n: number) => {
        asked.push(n);
        return n + 4;
      },
    });
    const o = blobsTrainer("svm", "object");
    for (const n of [10, 12, 14, 15, 8]) {
      const xs = data.x.slice(0, n);
      const ys = data.y.slice(0, n);
      // spare slots have weight 0 and the mean divides by the real count: the object engine's loss
      expect(close(t.step(xs, ys), o.step(xs, ys), 1e-10), `${n}`).toBe(true);
    }
    expect(asked).toEqual([10, 15]); // built for 10 (14 slots), outgrown by 15 (19 slots)
    expect(t.builds).toBe(2);
    // the tape of MLP(2, [6, 3]): 19 slots of 2 inputs and 2 x (6 + 3) sums and activations, the 39
    // parameters and their gradients, and one example's loss graph. Multi-class svm on 3 outputs: 6 leaves
    // (outputs, targets), z_c = Σ z_j t_j (3 products, 2 adds), per j relu(z_j - z_c + 1) * (1 - t_j)
    // (sub, leaf 1, add, relu, neg, leaf 1, add, mul: 8), their sum (2 adds), * w and * 1/n (2 leaves, 2 muls)
    expect(t.compiledSize(19)).toBe(19 * (2 + 2 * 9) + 2 * 39 + (6 + 5 + 3 * 8 + 2 + 4));
    expect(o.compiledSize(10)).toBe(-1);
  });

  it("graphSize counts a step's Values as the real graph has them, on either engine and any loss", () => {
    for (const loss of ["svm", "ce", "mse"] as const) {
      for (const engine of ["object", "compiled"] as const) {
        for (const regularization of [undefined, { kind: "l1" as const, rate: 0.01 }]) {
          const t = blobsTrainer(loss, engine, { regularization });
          for (const k of [1, 2, 5, 19]) {
            const real = topoOrder(buildBatchGraph(t.spec(k), [], []).loss).length;
            expect(t.graphSize(k), `${loss} ${engine} ${k}`).toBe(real);
          }
        }
      }
    }
    expect(() => blobsTrainer("svm", "object").graphSize(0)).toThrow(/examples must be an integer >= 1/);
  });

  it("DivergedError: no update, no step counted, lastLoss holds the non-finite loss", () => {
    const model = new MLP(2, [3, 1], { seed: 1 });
    const t = new Trainer({
      model,
      optimizer: new SGD(model.parameters(), { lr: 0.1 }),
      loss: "svm",
      nClasses: 2,
      engine: "compiled",
    });
    t.step([[0.5, 1]], [1]);
    const before = model.parameters().map((p) => p.data);
    // the same model with alpha · Σp² overflowing to Infinity (an infinite input is refused before the
    // step, by row and column)
    const huge = new Trainer({
      model,
      optimizer: t.optimizer,
      loss: "svm",
      nClasses: 2,
      engine: "compiled",
      alpha: 1e308,
    });
    expect(() => huge.step([[0.5, 1]], [0])).toThrow(DivergedError);
    expect(model.parameters().map((p) => p.data)).toEqual(before);
    expect(t.steps).toBe(1);
    expect(huge.steps).toBe(0);
    expect(Number.isFinite(huge.lastLoss)).toBe(false);
  });

  it("evaluate: the mean data loss (no penalty) and accuracy, in blocks, = crossEntropy and predictClass per example", () => {
    const t = blobsTrainer("ce", "object", { alpha: 0.5, evaluationSlots: 4 });
    t.step(data.x, data.y);
    const xs = data.x.slice(0, 11); // 3 blocks of 4, the last one short
    const ys = data.y.slice(0, 11);
    const e = t.evaluate(xs, ys);
    const losses = xs.map((row, i) => crossEntropy(t.model.forward(row), ys[i]));
    const expected = sumValues(losses).data / xs.length;
    expect(close(e.loss, expected, 1e-12), `${e.loss} vs ${expected}`).toBe(true);
    const right = xs.filter((row, i) => predictClass(t.model.forward(row).map((v) => v.data)) === ys[i]);
    expect(e.accuracy).toBe(right.length / xs.length);
    expect(() => t.evaluate([], [])).toThrow("Trainer.evaluate: no examples");
    expect(() => t.evaluate([[0, 0]], [0, 1])).toThrow("got 1 inputs but 2 classes");
  });

  it("evaluate on the compiled engine replays the step graph: same numbers as the object engine's own graph, outputs() kept", () => {
    const a = blobsTrainer("ce", "compiled", { alpha: 0.5 });
    const b = blobsTrainer("ce", "object", { alpha: 0.5 });
    for (const t of [a, b]) t.step(data.x, data.y);
    const outputs = a.outputs();
    expect(outputs).toEqual(b.outputs());
    const graphs = a.builds;
    // one block (a step's data loss, bit for bit on both engines) and several blocks (the step graph holds 30)
    for (const n of [30, 7]) {
      const xs = n === 30 ? data.x : [...data.x, ...data.x, ...data.x].slice(0, 3 * 30 + n);
      const ys = n === 30 ? data.y : [...data.y, ...data.y, ...data.y].slice(0, 3 * 30 + n);
      const e = a.evaluate(xs, ys);
      const losses = xs.map((row, i) => crossEntropy(a.model.forward(row), ys[i]));
      expect(close(e.loss, sumValues(losses).data / xs.length, 1e-12)).toBe(true);
      if (n === 30) expect(e).toEqual(b.evaluate(xs, ys));
    }
    expect(a.builds).toBe(graphs);
    expect((a as unknown as { evaluation: unknown }).evaluation).toBe(null); // no second graph traced
    expect(a.outputs()).toEqual(outputs); // the last step's outputs, not the evaluation's
  });

  it("takes a loss of your own with TrainLoss's shape, and refuses anything else naming what is needed", () => {
    const model = new MLP(2, [3, 1], { seed: 1 });
    const base = {
      model,
      optimizer: new SGD(model.parameters(), { lr: 0 }),
      nClasses: 2,
      engine: "object" as const,
    };
    // squared error against ±1 written out: the table's mse for 2 classes, under another name
    const mine = { ...TRAIN_LOSSES.mse, name: "my squared error" };
    const t = new Trainer({ ...base, loss: mine });
    const x = [[0.5, -1]];
    expect(t.step(x, [1])).toBe(new Trainer({ ...base, loss: "mse" }).step(x, [1]));
    expect(() => new Trainer({ ...base, loss: { name: "half" } as unknown as TrainLoss })).toThrow(
      "Trainer: loss must be one of svm, ce, mse or an object with name, outputs(k), targets(c, k) and sample(out, t)",
    );
  });

  it("refuses a model of the wrong width, an unknown loss and mismatched data, naming Trainer", () => {
    const model = new MLP(2, [3, 2], { seed: 1 });
    const base = { model, optimizer: new SGD(model.parameters(), { lr: 0.1 }), nClasses: 2 };
    expect(() => new Trainer({ ...base, loss: "svm", engine: "compiled" })).toThrow(
      "Trainer: loss svm on 2 classes needs a model with 1 output, got 2",
    );
    expect(() => new Trainer({ ...base, loss: "hinge" as "svm", engine: "compiled" })).toThrow(
      "expected one of svm, ce, mse",
    );
    expect(
      () =>
        new Trainer({
          ...base,
          loss: "ce",
          engine: "object",
          alpha: 1,
          regularization: { kind: "l1", rate: 1 },
        }),
    ).toThrow("Trainer: give alpha (1) or regularization (l1 1), not both");
    const t = new Trainer({ ...base, loss: "ce", engine: "compiled" });
    expect(() => t.step([[0, 0]], [])).toThrow("got 1 inputs but 0 classes");
    expect(() => t.step([], [])).toThrow("no examples");
    expect(t.steps).toBe(0);
  });

  it("spec(capacity, false) leaves the penalty out: the graph of one example's data loss", () => {
    const t = blobsTrainer("svm", "compiled", { alpha: 1e-2 });
    const g = buildBatchGraph(t.spec(1, false), [data.x[0]], [data.y[0]]);
    expect(g.loss).toBe(g.dataLoss);
    const z = t.model.forward(data.x[0]).map((v) => v.data);
    const c = data.y[0];
    const hinge = z.reduce((s, zj, j) => (j === c ? s : s + Math.max(0, 1 + zj - z[c])), 0);
    expect(close(g.loss.data, hinge, 1e-12)).toBe(true);
    const withPenalty = buildBatchGraph(t.spec(1), [data.x[0]], [c]);
    expect(withPenalty.loss.data).toBe(withPenalty.dataLoss.data + l2(t.model.parameters(), 1e-2).data);
  });
});
