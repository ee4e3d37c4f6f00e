/**
 * The playground's classifier on a table (web/src/data/table-run.ts): the same model as the library's
 * `train()` (what `micrograd train` runs) for the same settings, its scores, confusion matrix and
 * probabilities.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  csvDataset,
  digitsStandardization,
  loadDigits,
  MLP,
  makeOptimizer,
  parseModelFile,
  prepareDataset,
  Rng,
  train,
} from "../../../packages/micrograd-ts/src/index.js";
import { DIGITS_RUN, TableRun } from "../../../web/src/data/table-run.js";

describe("TableRun", () => {
  it("trains the digits to the same parameters as train() with the CLI's recipe", () => {
    const steps = 25;
    const run = new TableRun(loadDigits(), { ...DIGITS_RUN, standardization: digitsStandardization() });
    for (let i = 0; i < steps; i++) run.step();
    // the CLI's path: prepareDataset, MLP(64, [32, 10]) from Rng(42), Adam 0.01, train() with batches of 64
    const data = prepareDataset(loadDigits(), {
      trainFraction: 0.8,
      seed: 42,
      standardization: digitsStandardization(),
    });
    const model = new MLP(64, [32, 10], { rng: new Rng(42) });
    const r = train({
      model,
      optimizer: makeOptimizer("adam", model.parameters(), 0.01),
      x: data.train.x,
      classes: data.train.y,
      nClasses: 10,
      loss: "ce",
      alpha: 1e-4,
      steps,
      batchSize: 64,
      engine: "compiled",
    });
    expect(run.losses).toEqual(r.losses);
    expect(run.model.parameters().map((p) => p.data)).toEqual(model.parameters().map((p) => p.data));
  });

  it("on iris: scores, a confusion matrix of the 30 test rows, probabilities of a raw row, a model file", () => {
    const iris = csvDataset(
      readFileSync(new URL("../../../examples/iris/iris.csv", import.meta.url), "utf8"),
      {
        target: "species",
        name: "iris",
      },
    );
    const run = new TableRun(iris, { hidden: [8], lr: 0.05, batchSize: 0, seed: 42, trainFraction: 0.8 });
    for (let i = 0; i < 100; i++) run.step();
    const { train: tr, test } = run.scores();
    expect(tr.accuracy).toBeGreaterThan(0.9);
    expect(test?.accuracy).toBeGreaterThan(0.85);
    const m = run.confusion();
    expect(m.flat().reduce((a, b) => a + b, 0)).toBe(30);
    const right = m[0][0] + m[1][1] + m[2][2];
    expect(right / 30).toBeCloseTo(test?.accuracy ?? -1, 12);
    const raw = [5.1, 3.5, 1.4, 0.2];
    const p = run.probabilities(raw);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // by hand: standardize, forward, softmax
    const s = run.data.standardization;
    const out = run.model.forward(raw.map((v, j) => (v - s.mean[j]) / s.std[j])).map((v) => v.data);
    const e = out.map((v) => Math.exp(v - Math.max(...out)));
    const total = e.reduce((a, b) => a + b, 0);
    for (let k = 0; k < 3; k++) expect(p[k]).toBeCloseTo(e[k] / total, 12);
    const file = parseModelFile(JSON.stringify(run.modelFile()));
    expect(file.micrograd).toMatchObject({
      dataset: "iris",
      target: "species",
      steps: 100,
      classes: ["setosa", "versicolor", "virginica"],
    });
  });
});
