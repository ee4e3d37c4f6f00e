import { describe, expect, it } from "vitest";
import { buildMoonsDemoLoss } from "../../../packages/micrograd-ts/src/examples/index.js";
import {
  type Trainer as CoreTrainer,
  crossEntropy,
  l2,
  MLP,
  mseLoss,
  predictClass,
  sumValues,
  topoOrder,
  Value,
  VERSION,
} from "../../../packages/micrograd-ts/src/index.js";
import { buildBatchGraph } from "../../../packages/micrograd-ts/src/internals.js";
import { defaultTrainConfig, type TrainConfig } from "../../../web/src/shared/train-config.js";
import {
  boundsOf,
  confidence,
  EVAL_SLOTS,
  estimateGraph,
  MAX_GRAPH_VALUES,
  MAX_POINTS,
  TrainingSession,
} from "../../../web/src/train/session.js";

/** 40 points, all of them trained on (the split has its own tests below). */
const small = (over: Partial<TrainConfig>): TrainConfig => ({
  ...defaultTrainConfig(),
  n: 40,
  trainRatio: 1,
  hidden: [6],
  ...over,
});

function relClose(a: number, b: number, tol = 1e-12) {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(a), Math.abs(b)));
}

describe("TrainingSession losses (checked against the library's own loss functions)", () => {
  it("binary svm is micrograd's demo loss: buildMoonsDemoLoss on the same model and data", () => {
    const t = new TrainingSession(small({ loss: "svm" }));
    const ys = t.data.y.map((c) => (c === 1 ? 1 : -1));
    const expected = buildMoonsDemoLoss(t.model, t.data.x, ys).loss.data;
    relClose(t.step(), expected);
  });

  it("cross-entropy is the mean of crossEntropy(logits, target) plus 1e-4 sum(p²)", () => {
    for (const dataset of ["yinyang", "moons"] as const) {
      const t = new TrainingSession(small({ dataset, loss: "ce" }));
      const losses = t.data.x.map((p, i) =>
        crossEntropy(t.model.forward(p.map((v) => new Value(v))), t.data.y[i]),
      );
      const expected = sumValues(losses)
        .mul(1 / losses.length)
        .add(l2(t.model.parameters(), 1e-4)).data;
      relClose(t.step(), expected, 1e-10);
    }
  });

  it("binary mse is mseLoss(scores, ±1) plus 1e-4 sum(p²)", () => {
    const t = new TrainingSession(small({ dataset: "circles", loss: "mse" }));
    const scores = t.data.x.map((p) => t.model.forward(p.map((v) => new Value(v)))[0]);
    const ys = t.data.y.map((c) => (c === 1 ? 1 : -1));
    const expected = mseLoss(scores, ys).add(l2(t.model.parameters(), 1e-4)).data;
    relClose(t.step(), expected);
  });

  it("multi-class svm is the hinge sum over wrong classes of relu(1 + z_j - z_y)", () => {
    const t = new TrainingSession(small({ dataset: "blobs", loss: "svm" }));
    let total = 0;
    t.data.x.forEach((p, i) => {
      const z = t.scores(p[0], p[1]);
      const y = t.data.y[i];
      z.forEach((zj, j) => {
        if (j !== y) total += Math.max(0, 1 + zj - z[y]);
      });
    });
    let reg = 0;
    for (const p of t.model.parameters()) reg += p.data * p.data;
    relClose(t.step(), total / t.size + 1e-4 * reg, 1e-10);
  });
});

describe("TrainingSession losses are the library's table (TRAIN_LOSSES), as the CLI's", () => {
  it("multi-class mse is mseLoss over all outputs with one-hot 0/1 targets (mean over k), plus 1e-4 sum(p²)", () => {
    const t = new TrainingSession(small({ dataset: "blobs", loss: "mse" }));
    const k = t.data.nClasses;
    expect(k).toBeGreaterThan(2);
    const preds = t.data.x.flatMap((p) => t.model.forward(p.map((v) => new Value(v))));
    const targets = t.data.y.flatMap((c) => Array.from({ length: k }, (_, j) => (j === c ? 1 : 0)));
    const expected = mseLoss(preds, targets).add(l2(t.model.parameters(), 1e-4)).data;
    relClose(t.step(), expected, 1e-10);
  });
});

describe("TrainingSession", () => {
  const cases: Partial<TrainConfig>[] = [
    { loss: "svm" },
    { loss: "svm", batchSize: 8, optimizer: "adam", lr: 0.01 },
    { dataset: "yinyang", loss: "ce", batchSize: 16 },
    { dataset: "blobs", loss: "svm", optimizer: "adamw", lr: 0.01 },
    { dataset: "yinyang", loss: "mse", activation: "tanh" },
    { dataset: "circles", loss: "ce", hidden: [] },
  ];
  for (const over of cases) {
    it(`gives the same trajectory on the compiled and object engines: ${JSON.stringify(over)}`, () => {
      const a = new TrainingSession(small({ ...over, engine: "compiled" }));
      const b = new TrainingSession(small({ ...over, engine: "object" }));
      for (let i = 0; i < 15; i++) relClose(a.step(), b.step(), 1e-9);
      a.model.parameters().forEach((p, i) => {
        relClose(p.data, b.model.parameters()[i]?.data as number, 1e-9);
      });
    });
  }

  it("modelFile() is the trained model in micrograd train's file format", () => {
    const t = new TrainingSession(small({ dataset: "yinyang", loss: "ce", activation: "tanh" }));
    for (let i = 0; i < 3; i++) t.step();
    const file = JSON.parse(JSON.stringify(t.modelFile()));
    // the defaults (defaultTrainConfig) and the overrides above, as the settings that trained it
    expect(file.micrograd).toEqual({
      dataset: "yinyang",
      loss: "ce",
      nClasses: 3,
      seed: 42,
      layers: [6],
      activation: "tanh",
      optimizer: "sgd",
      lr: 0.1,
      l2: 1e-4,
      steps: 3,
      batchSize: 0,
      engine: "compiled",
      trainFraction: 1,
      version: VERSION,
    });
    const copy = MLP.fromJSON(file);
    expect(copy.signature()).toBe("MLP(2, [6, 3])");
    expect(copy.activation).toBe("tanh");
    expect(copy.parameters().map((p) => p.data)).toEqual(t.model.parameters().map((p) => p.data));
  });

  it("learns micrograd's moons with the default settings (80 training points, 20 to test)", () => {
    const t = new TrainingSession(defaultTrainConfig());
    expect([t.size, t.test.y.length]).toEqual([80, 20]);
    expect(t.accuracy()).toBeLessThan(0.95);
    for (let i = 0; i < 300; i++) t.step();
    expect(t.accuracy()).toBeGreaterThanOrEqual(0.95);
    expect(t.evaluate("test").accuracy).toBeGreaterThanOrEqual(0.85);
    expect(t.steps).toBe(300);
    expect(t.epoch).toBe(300);
  });

  it("visits every point once per epoch with mini-batches", () => {
    // with lr 0 nothing changes, so each step's loss is a function of which points were picked:
    // the mean over an epoch of batch losses equals the full-batch loss
    const full = new TrainingSession(small({ lr: 1e-6, optimizer: "adam" }));
    const fullLoss = full.step();
    const mini = new TrainingSession(small({ lr: 1e-6, optimizer: "adam", batchSize: 10 }));
    let sum = 0;
    for (let i = 0; i < 4; i++) sum += mini.step();
    relClose(sum / 4, fullLoss, 1e-4);
    expect(mini.epoch).toBe(1); // 4 steps of 10 of 40 points
  });

  it("adds points, which the next steps train on", () => {
    const t = new TrainingSession(small({}));
    t.step();
    t.addPoint(0.5, 0.5, 1);
    expect(t.size).toBe(41);
    expect(t.data.x[40]).toEqual([0.5, 0.5]);
    expect(Number.isFinite(t.step())).toBe(true);
    expect(() => t.addPoint(0, 0, 2)).toThrow("class must be an integer from 0 to 1");
    expect(() => t.addPoint(Number.NaN, 0, 0)).toThrow(RangeError);
  });

  it("takes clicked points into spare slots: one rebuild for a burst of clicks, same losses as the object engine", () => {
    const compiled = new TrainingSession(small({ engine: "compiled" }));
    const object = new TrainingSession(small({ engine: "object" }));
    relClose(compiled.step(), object.step(), 1e-9);
    expect(compiled.builds).toBe(1);
    for (let i = 0; i < 12; i++) {
      const p: [number, number, number] = [Math.cos(i) * 1.5, Math.sin(i), i % 2];
      compiled.addPoint(...p);
      object.addPoint(...p);
      // spare slots have weight 0 and the mean divides by the real count: the losses still agree
      relClose(compiled.step(), object.step(), 1e-9);
    }
    expect(compiled.size).toBe(52);
    expect(compiled.builds).toBe(2); // the first click made room for a quarter more; the rest filled it
    expect(compiled.graphSize).toBeGreaterThan(0);
  });

  it("keeps points given to the constructor (Reset and links)", () => {
    const points = [
      { x: 0.1, y: 0.2, cls: 1 },
      { x: -1, y: 1.5, cls: 0 },
    ];
    const t = new TrainingSession(small({}), points);
    expect(t.size).toBe(42);
    expect(t.generated).toBe(40);
    expect(t.data.x.slice(40)).toEqual([
      [0.1, 0.2],
      [-1, 1.5],
    ]);
    expect(() => new TrainingSession(small({}), [{ x: 0, y: 0, cls: 5 }])).toThrow(RangeError);
    const full = Array.from({ length: MAX_POINTS - 40 }, () => ({ x: 0, y: 0, cls: 0 }));
    const t2 = new TrainingSession(small({}), full);
    expect(() => t2.addPoint(0, 0, 0)).toThrow(`at most ${MAX_POINTS} training points`);
  });

  it("shows one sample's graph without disturbing the parameters' grads", () => {
    const t = new TrainingSession(small({}));
    t.step();
    const grads = t.model.parameters().map((p) => p.grad);
    const s = t.sampleGraph(3, 50);
    expect(t.model.parameters().map((p) => p.grad)).toEqual(grads);
    expect(s.snapshot.nodes).toHaveLength(50);
    expect(s.snapshot.total).toBeGreaterThan(50);
    const root = s.snapshot.nodes.find((n) => n.id === s.snapshot.root);
    expect(root?.label).toBe("loss");
    expect(root?.grad).toBe(1);
    const y = t.data.y[3] === 1 ? 1 : -1;
    const [x3, y3] = t.data.x[3];
    const score = t.scores(x3, y3)[0];
    relClose(s.loss, Math.max(0, 1 - y * score));
    expect(() => t.sampleGraph(40, 10)).toThrow("sample must be an integer from 0 to 39");
    // the library's one-sample batch graph, its leaves labelled as the formula reads
    const whole = t.sampleGraph(3, 10_000).snapshot;
    expect(whole.nodes).toHaveLength(whole.total);
    const labels = new Set(whole.nodes.map((n) => n.label));
    for (const l of ["x1", "x2", "y", "w", "1/n", "loss"]) expect(labels.has(l), l).toBe(true);
  });

  it("decide: the class is the library's predictClass; the confidence tanh|s|, or softmax's share above 1/k", () => {
    const t = new TrainingSession(small({}));
    for (const s of [[0.3], [-2], [0], [0.1, 2, -1], [5, 5, 0], [-1, -3]]) {
      expect(t.decide(s).cls).toBe(predictClass(s));
    }
    expect(t.decide([-0.5]).conf).toBe(Math.tanh(0.5));
    expect(confidence([1, 1, 1], 0)).toBe(0); // uniform: no preference
    // [ln 3, 0]: softmax 3/4 for class 0, (3/4 - 1/2) / (1 - 1/2) = 1/2
    expect(confidence([Math.log(3), 0], 0)).toBeCloseTo(0.5, 12);
    // three classes [ln 6, 0, 0]: 6/8, (3/4 - 1/3) / (2/3) = 5/8
    expect(confidence([Math.log(6), 0, 0], 0)).toBeCloseTo(5 / 8, 12);
    expect(confidence([Number.NaN], 0)).toBe(0);
  });

  it("stops, without updating, when the loss or a gradient overflows", () => {
    const t = new TrainingSession(small({ dataset: "blobs", loss: "mse", lr: 10 }));
    let steps = 0;
    while (!t.diverged && steps < 500) {
      t.step();
      steps++;
    }
    expect(t.diverged).toBe(true);
    const before = t.model.parameters().map((p) => p.data);
    const stepsBefore = t.steps;
    t.step();
    expect(t.steps).toBe(stepsBefore);
    expect(t.model.parameters().map((p) => p.data)).toEqual(before);
  });

  it("draws the decision over a grid", () => {
    const t = new TrainingSession(small({ dataset: "yinyang", loss: "ce" }));
    const g = t.grid(8);
    expect(g.cls).toHaveLength(64);
    expect(Math.max(...g.cls)).toBeLessThan(3);
    for (const c of g.conf) expect(c >= 0 && c <= 1).toBe(true);
  });

  it("squares and pads the bounds", () => {
    const b = boundsOf([
      [0, 0],
      [2, 1],
    ]);
    expect(b.x1 - b.x0).toBeCloseTo(b.y1 - b.y0, 12);
    expect(b.x0).toBeLessThan(0);
    expect(b.x1).toBeGreaterThan(2);
  });
});

describe("TrainingSession: train/test split, evaluation, regularization", () => {
  it("splits the generated points: the first trainRatio train, the rest test", () => {
    const t = new TrainingSession(small({ trainRatio: 0.75 }));
    const all = new TrainingSession(small({ trainRatio: 1 }));
    expect(t.size).toBe(30);
    expect(t.test.y).toHaveLength(10);
    expect([...t.data.x, ...t.test.x]).toEqual(all.data.x);
    expect([...t.data.y, ...t.test.y]).toEqual(all.data.y);
    expect(all.evaluate("test")).toEqual({ loss: Number.NaN, accuracy: Number.NaN, count: 0 });
  });

  it("evaluates loss and accuracy in blocks, matching a per-point count and the step's loss", () => {
    // more points than one block, and the mean of the per-point hinge losses by hand
    const t = new TrainingSession(small({ n: 2 * EVAL_SLOTS + 7, trainRatio: 0.9, regularization: "none" }));
    for (const which of ["train", "test"] as const) {
      const set = which === "train" ? t.data : t.test;
      let right = 0;
      let loss = 0;
      set.x.forEach((p, i) => {
        const s = t.scores(p[0], p[1])[0];
        const y = set.y[i] === 1 ? 1 : -1;
        loss += Math.max(0, 1 - y * s);
        if ((s > 0 ? 1 : 0) === set.y[i]) right++;
      });
      const e = t.evaluate(which);
      expect(e.count).toBe(set.y.length);
      expect(e.accuracy).toBe(right / set.y.length);
      relClose(e.loss, loss / set.y.length, 1e-12);
    }
    // with no regularization the full-batch step's loss is the training loss of the same parameters
    relClose(t.evaluate("train").loss, t.step(), 1e-12);
  });

  it("evaluates cross-entropy with stable shifts", () => {
    const t = new TrainingSession(small({ dataset: "yinyang", loss: "ce", trainRatio: 0.5 }));
    const e = t.evaluate("test");
    let expected = 0;
    t.test.x.forEach((p, i) => {
      expected += crossEntropy(t.model.forward(p.map((v) => new Value(v))), t.test.y[i]).data;
    });
    relClose(e.loss, expected / t.test.y.length, 1e-10);
  });

  it("adds L1 as rate * sum|p| and L2 as rate * sum p², or nothing", () => {
    const none = new TrainingSession(small({ regularization: "none" }));
    const dataLoss = none.evaluate("train").loss;
    const params = none.parameters.map((p) => p.data);
    const sumAbs = params.reduce((s, p) => s + Math.abs(p), 0);
    const sumSq = params.reduce((s, p) => s + p * p, 0);
    relClose(new TrainingSession(small({ regularization: "none" })).step(), dataLoss, 1e-12);
    relClose(
      new TrainingSession(small({ regularization: "l1", regRate: 0.01 })).step(),
      dataLoss + 0.01 * sumAbs,
      1e-12,
    );
    relClose(
      new TrainingSession(small({ regularization: "l2", regRate: 0.3 })).step(),
      dataLoss + 0.3 * sumSq,
      1e-12,
    );
    // L1's gradient is rate * sign(p) on top of the data gradient
    const a = new TrainingSession(small({ regularization: "none" }));
    const b = new TrainingSession(small({ regularization: "l1", regRate: 0.5 }));
    const signs = b.parameters.map((p) => Math.sign(p.data)); // 0 for the biases: |p| has slope 0 there
    a.step();
    b.step();
    a.parameters.forEach((p, i) => {
      relClose(b.parameters[i].grad - p.grad, 0.5 * signs[i], 1e-9);
    });
  });

  it("records each step's update: -lr * grad for SGD", () => {
    const t = new TrainingSession(small({ lr: 0.05 }));
    t.step();
    t.parameters.forEach((p, i) => {
      relClose(t.lastUpdate[i], -0.05 * p.grad, 1e-9);
    });
  });

  it("draws every hidden neuron over the plane: relu(w·x + b) at each cell", () => {
    const t = new TrainingSession(small({ hidden: [3, 2] }));
    const maps = t.neuronMaps(4);
    expect(maps.layers).toEqual([3, 2]);
    expect(maps.values).toHaveLength(5 * 16);
    const { x0, x1, y1, y0 } = t.bounds;
    // cell (row 1, column 2) of neuron 2 of the first layer, by hand
    const x = x0 + (2.5 / 4) * (x1 - x0);
    const y = y1 - (1.5 / 4) * (y1 - y0);
    const n = t.model.layers[0]?.neurons[2];
    const w = n?.w.map((v) => v.data) as number[];
    const expected = Math.max(0, (n?.b.data as number) + w[0] * x + w[1] * y);
    expect(maps.values[2 * 16 + 1 * 4 + 2]).toBeCloseTo(expected, 5); // Float32
  });
});

describe("estimateGraph", () => {
  it("counts exactly the values of the graph a step builds on the object engine", () => {
    for (const over of [
      {},
      { hidden: [4, 3], loss: "ce" as const, dataset: "yinyang" as const },
      { batchSize: 7 },
    ]) {
      const config = small({ ...over, engine: "object" });
      const t = new TrainingSession(config);
      const core = (t as unknown as { core: CoreTrainer }).core;
      const graph = buildBatchGraph(core.spec(t.batchSize), [], []).loss;
      expect(estimateGraph(config).values).toBe(topoOrder(graph).length);
      expect(t.graphSize).toBe(-1);
    }
  });

  it("refuses a graph above the limit and says the largest batch that fits", () => {
    const huge = small({ n: 500, trainRatio: 1, hidden: [64, 64, 64, 64] });
    const e = estimateGraph(huge);
    expect(e.ok).toBe(false);
    expect(e.values).toBeGreaterThan(10_000_000); // the issue measured 12.65M values, 8.6 s, +1.2 GB
    expect(e.batch).toBe(500);
    expect(estimateGraph({ ...huge, batchSize: e.maxBatch }).values).toBeLessThanOrEqual(MAX_GRAPH_VALUES);
    expect(estimateGraph({ ...huge, batchSize: e.maxBatch + 1 }).values).toBeGreaterThan(MAX_GRAPH_VALUES);
    expect(estimateGraph(defaultTrainConfig()).ok).toBe(true);
  });
});
