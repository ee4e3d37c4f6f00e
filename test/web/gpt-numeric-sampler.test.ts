import { describe, expect, it } from "vitest";
import { MicroGptTrainer, PyRandom, sampleMicroGpt } from "../../src/index.js";
import { NumericMicroGpt } from "../../web/src/gpt/numeric-sampler.js";

describe("NumericMicroGpt: microgpt's inference on plain numbers", () => {
  const trainer = new MicroGptTrainer({ steps: 40, seed: 5 });
  for (let k = 0; k < 25; k++) trainer.step(); // weights away from their initial values
  const model = trainer.model;

  it("gives MicroGpt.forward's logits bit for bit at every position of a name", () => {
    const numeric = new NumericMicroGpt(model);
    const tokens = model.tokenizer.encode("christopher").slice(0, -1);
    const cache = model.emptyCache();
    const keys: number[][][] = [[]];
    const values: number[][][] = [[]];
    tokens.forEach((t, pos) => {
      const expected = model.forward(t, pos, cache).map((v) => v.data);
      expect(numeric.forward(t, pos, keys, values)).toEqual(expected);
    });
  });

  it("inspects a name as MicroGpt.inspect does: the same probabilities and attention weights", () => {
    const tokens = model.tokenizer.encode("olivia").slice(0, -1);
    expect(new NumericMicroGpt(model).inspect(tokens)).toEqual(model.inspect(tokens));
  });

  it("samples sampleMicroGpt's names from the same generator, at several temperatures", () => {
    const numeric = new NumericMicroGpt(model);
    for (const [seed, temperature] of [
      [1, 0.5],
      [2, 1],
      [3, 1.7],
      [4, 0.1],
    ] as const) {
      const expected = sampleMicroGpt(model, new PyRandom(seed), { count: 15, temperature });
      expect(numeric.sample(new PyRandom(seed), { count: 15, temperature })).toEqual(expected);
    }
  });

  it("works on a snapshot: later training does not change it", () => {
    const t = new MicroGptTrainer({ steps: 10, seed: 9 });
    const before = new NumericMicroGpt(t.model);
    const names = before.sample(new PyRandom(0), { count: 5, temperature: 1 });
    for (let k = 0; k < 5; k++) t.step();
    expect(before.sample(new PyRandom(0), { count: 5, temperature: 1 })).toEqual(names);
  });
});
