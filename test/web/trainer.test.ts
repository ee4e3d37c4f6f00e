import { describe, expect, it } from "vitest";
import { buildMoonsDemoLoss, crossEntropy, l2, MLP, mseLoss, sumValues, Value } from "../../src/index.js";
import { defaultTrainConfig, type TrainConfig } from "../../web/src/train-config.js";
import { boundsOf, Trainer } from "../../web/src/trainer.js";

const small = (over: Partial<TrainConfig>): TrainConfig => ({
  ...defaultTrainConfig(),
  n: 40,
  hidden: [6],
  ...over,
});

function relClose(a: number, b: number, tol = 1e-12) {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(a), Math.abs(b)));
}

describe("Trainer losses (checked against the library's own loss functions)", () => {
  it("binary svm is micrograd's demo loss: buildMoonsDemoLoss on the same model and data", () => {
    const t = new Trainer(small({ loss: "svm" }));
    const ys = t.data.y.map((c) => (c === 1 ? 1 : -1));
    const expected = buildMoonsDemoLoss(t.model, t.data.x, ys).loss.data;
    relClose(t.step(), expected);
  });

  it("cross-entropy is the mean of crossEntropy(logits, target) plus 1e-4 sum(p²)", () => {
    for (const dataset of ["yinyang", "moons"] as const) {
      const t = new Trainer(small({ dataset, loss: "ce" }));
      const losses = t.data.x.map((p, i) =>
        crossEntropy(t.model.forward(p.map((v) => new Value(v))), t.data.y[i] as number),
      );
      const expected = sumValues(losses)
        .mul(1 / losses.length)
        .add(l2(t.model.parameters(), 1e-4)).data;
      relClose(t.step(), expected, 1e-10);
    }
  });

  it("binary mse is mseLoss(scores, ±1) plus 1e-4 sum(p²)", () => {
    const t = new Trainer(small({ dataset: "circles", loss: "mse" }));
    const scores = t.data.x.map((p) => t.model.forward(p.map((v) => new Value(v)))[0] as Value);
    const ys = t.data.y.map((c) => (c === 1 ? 1 : -1));
    const expected = mseLoss(scores, ys).add(l2(t.model.parameters(), 1e-4)).data;
    relClose(t.step(), expected);
  });

  it("multi-class svm is the hinge sum over wrong classes of relu(1 + z_j - z_y)", () => {
    const t = new Trainer(small({ dataset: "blobs", loss: "svm" }));
    let total = 0;
    t.data.x.forEach((p, i) => {
      const z = t.scores(p[0], p[1]);
      const y = t.data.y[i] as number;
      z.forEach((zj, j) => {
        if (j !== y) total += Math.max(0, 1 + zj - (z[y] as number));
      });
    });
    let reg = 0;
    for (const p of t.model.parameters()) reg += p.data * p.data;
    relClose(t.step(), total / t.size + 1e-4 * reg, 1e-10);
  });
});

describe("Trainer", () => {
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
      const a = new Trainer(small({ ...over, engine: "compiled" }));
      const b = new Trainer(small({ ...over, engine: "object" }));
      for (let i = 0; i < 15; i++) relClose(a.step(), b.step(), 1e-9);
      a.model.parameters().forEach((p, i) => {
        relClose(p.data, b.model.parameters()[i]?.data as number, 1e-9);
      });
    });
  }

  it("modelFile() is the trained model in micrograd train's file format", () => {
    const t = new Trainer(small({ dataset: "yinyang", loss: "ce", activation: "tanh" }));
    for (let i = 0; i < 3; i++) t.step();
    const file = JSON.parse(JSON.stringify(t.modelFile()));
    expect(file.micrograd).toEqual({ dataset: "yinyang", loss: "ce", nClasses: 3 });
    const copy = MLP.fromJSON(file);
    expect(copy.signature()).toBe("MLP(2, [6, 3])");
    expect(copy.activation).toBe("tanh");
    expect(copy.parameters().map((p) => p.data)).toEqual(t.model.parameters().map((p) => p.data));
  });

  it("learns micrograd's moons with the default settings", () => {
    const t = new Trainer(defaultTrainConfig());
    expect(t.accuracy()).toBeLessThan(0.95);
    for (let i = 0; i < 300; i++) t.step();
    expect(t.accuracy()).toBeGreaterThanOrEqual(0.95);
    expect(t.steps).toBe(300);
  });

  it("visits every point once per epoch with mini-batches", () => {
    // with lr 0 nothing changes, so each step's loss is a function of which points were picked:
    // the mean over an epoch of batch losses equals the full-batch loss
    const full = new Trainer(small({ lr: 1e-6, optimizer: "adam" }));
    const fullLoss = full.step();
    const mini = new Trainer(small({ lr: 1e-6, optimizer: "adam", batchSize: 10 }));
    let sum = 0;
    for (let i = 0; i < 4; i++) sum += mini.step();
    relClose(sum / 4, fullLoss, 1e-4);
  });

  it("adds points, which the next steps train on", () => {
    const t = new Trainer(small({}));
    t.step();
    t.addPoint(0.5, 0.5, 1);
    expect(t.size).toBe(41);
    expect(t.data.x[40]).toEqual([0.5, 0.5]);
    expect(Number.isFinite(t.step())).toBe(true);
    expect(() => t.addPoint(0, 0, 2)).toThrow("class must be an integer from 0 to 1");
    expect(() => t.addPoint(Number.NaN, 0, 0)).toThrow(RangeError);
  });

  it("shows one sample's graph without disturbing the parameters' grads", () => {
    const t = new Trainer(small({}));
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
    const score = t.scores(...(t.data.x[3] as [number, number]))[0] as number;
    relClose(s.loss, Math.max(0, 1 - y * score));
    expect(() => t.sampleGraph(40, 10)).toThrow("sample must be an integer from 0 to 39");
  });

  it("stops, without updating, when the loss or a gradient overflows", () => {
    const t = new Trainer(small({ dataset: "blobs", loss: "mse", lr: 10 }));
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
    const t = new Trainer(small({ dataset: "yinyang", loss: "ce" }));
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
