import { describe, expect, it } from "vitest";
import {
  CharTokenizer,
  CompiledMicroGptInference,
  MicroGpt,
  MicroGptTrainer,
  PyRandom,
  sampleMicroGpt,
  splitDocs,
} from "../../packages/micrograd-ts/src/index.js";
import seed7 from "../fixtures/microgpt-seed7-steps30.json" with { type: "json" };

// The reference is the object engine (`sampleMicroGpt`, `MicroGpt.inspect`: a graph built anew, itself
// checked against microgpt.py) and microgpt.py's own names (seed7, printed by scripts/microgpt-fixtures.py).
// `toEqual` compares numbers with Object.is: bit for bit.

/** The object engine's and the compiled replays' samples from the same generator state, and the states after. */
function bothSamples(
  model: MicroGpt,
  inference: CompiledMicroGptInference,
  seed: number,
  temperature: number,
) {
  const a = new PyRandom(seed);
  const b = new PyRandom(seed);
  const expected = sampleMicroGpt(model, a, { count: 12, temperature });
  const actual = inference.sample(b, { count: 12, temperature });
  return { expected, actual, nextExpected: a.random(), nextActual: b.random() };
}

describe("CompiledMicroGptInference: microgpt's forward, compiled per position and replayed", () => {
  it("continues a trained run's generator into microgpt.py's own 20 names", () => {
    const t = new MicroGptTrainer({ steps: 30, seed: 7 });
    while (!t.done) t.step();
    const names = new CompiledMicroGptInference(t.model).sample(t.rng, { count: 20, temperature: 0.5 });
    expect(names).toEqual(seed7.samples);
  });

  it("samples sampleMicroGpt's names bit for bit at several temperatures, and moves the generator the same way", () => {
    const t = new MicroGptTrainer({ steps: 60, seed: 5 });
    for (let k = 0; k < 25; k++) t.step();
    const inference = new CompiledMicroGptInference(t.model);
    for (const [seed, temperature] of [
      [1, 0.5],
      [2, 1],
      [3, 1.7],
      [4, 0.1],
      [5, 2],
    ] as const) {
      const r = bothSamples(t.model, inference, seed, temperature);
      expect(r.actual, `temperature ${temperature}`).toEqual(r.expected);
      expect(r.nextActual).toBe(r.nextExpected);
    }
    expect(inference.positionCount).toBe(t.model.config.blockSize);
  });

  it("inspects names as MicroGpt.inspect does: the same probabilities and attention at every position", () => {
    const t = new MicroGptTrainer({ steps: 60, seed: 11 });
    for (let k = 0; k < 15; k++) t.step();
    const inference = new CompiledMicroGptInference(t.model);
    // "christopherjohn" fills the block: BOS and 15 characters, 16 positions, every cache leaf in use
    for (const name of ["emma", "christopherjohn", "al", "", "bob"]) {
      const tokens = t.tokenizer.encode(name).slice(0, -1);
      expect(inference.inspect(tokens), name).toEqual(t.model.inspect(tokens));
    }
  });

  it("reads the current weights on every call: equal to the object engine after more training, different from before", () => {
    const t = new MicroGptTrainer({ steps: 60, seed: 3 });
    const inference = new CompiledMicroGptInference(t.model);
    const tokens = t.tokenizer.encode("isabella").slice(0, -1);
    let before = inference.inspect(tokens);
    let names = bothSamples(t.model, inference, 100, 0.8).actual;
    for (let round = 0; round < 3; round++) {
      // a graph replays with only its inputs re-read within a call: each call must read the weights again
      for (let k = 0; k < 8; k++) t.step();
      const r = bothSamples(t.model, inference, 100, 0.8);
      expect(r.actual).toEqual(r.expected);
      expect(r.actual).not.toEqual(names);
      names = r.actual;
      for (let k = 0; k < 8; k++) t.step();
      const now = inference.inspect(tokens);
      expect(now).toEqual(t.model.inspect(tokens));
      expect(now.probs).not.toEqual(before.probs);
      before = now;
    }
  });

  it("feeds each position's keys and values to the later positions: a token changes what comes after it, never before", () => {
    const t = new MicroGptTrainer({ steps: 20, seed: 8 });
    for (let k = 0; k < 10; k++) t.step();
    const inference = new CompiledMicroGptInference(t.model);
    const a = t.tokenizer.encode("marianne").slice(0, -1);
    const b = [...a];
    b[4] = t.tokenizer.encode("z")[1]; // "mariznne"
    const ia = inference.inspect(a);
    const ib = inference.inspect(b);
    for (let p = 0; p < a.length; p++) {
      if (p < 4) expect(ib.probs[p], `position ${p}`).toEqual(ia.probs[p]);
      else expect(ib.probs[p], `position ${p}`).not.toEqual(ia.probs[p]);
      expect(ib.attention[p][0][0]).toHaveLength(p + 1);
    }
    // and each position is the object engine's given exactly its own prefix
    expect(ib).toEqual(t.model.inspect(b));
  });

  it("works for any shape: two layers, other widths, a short block (names cut at the block size)", () => {
    const docs = splitDocs("abba\nbaccab\nc\naabbccabcabc\n");
    const t = new MicroGptTrainer({
      docs,
      steps: 20,
      seed: 1,
      config: { nLayer: 2, nEmbd: 8, nHead: 2, blockSize: 5 },
    });
    for (let k = 0; k < 20; k++) t.step();
    const inference = new CompiledMicroGptInference(t.model);
    for (const temperature of [0.3, 1, 1.5]) {
      const r = bothSamples(t.model, inference, 9, temperature);
      expect(r.actual).toEqual(r.expected);
      for (const name of r.actual) expect(name.length).toBeLessThanOrEqual(5);
    }
    const tokens = [t.tokenizer.BOS, 0, 1, 1, 2];
    expect(inference.inspect(tokens)).toEqual(t.model.inspect(tokens));
    expect(inference.positionCount).toBe(5);
  });

  it("grows its graph for longer sequences (doubling up to the block size), still the object engine's numbers", () => {
    const tokenizer = new CharTokenizer([..."abc"]);
    const model = new MicroGpt({ nEmbd: 8, nHead: 2, blockSize: 40 }, tokenizer, new PyRandom(6));
    const inference = new CompiledMicroGptInference(model);
    expect(inference.positionCount).toBe(0);
    const seq = (n: number) => [tokenizer.BOS, ...Array.from({ length: n - 1 }, (_, i) => (i * 7) % 3)];
    for (const [n, positions] of [
      [3, 16],
      [16, 16],
      [17, 32],
      [5, 32],
      [40, 40],
    ] as const) {
      expect(inference.inspect(seq(n)), `${n} tokens`).toEqual(model.inspect(seq(n)));
      expect(inference.positionCount).toBe(positions);
    }
    // from random weights over 26 letters, at a high temperature, names run long: the graph grows mid-call
    const letters = new CharTokenizer([..."abcdefghijklmnopqrstuvwxyz"]);
    const wide = new MicroGpt({ nEmbd: 8, nHead: 2, blockSize: 40 }, letters, new PyRandom(6));
    const fresh = new CompiledMicroGptInference(wide);
    const a = new PyRandom(3);
    const b = new PyRandom(3);
    // the probabilities each draw is made from, not only the names (near-uniform ones rarely change a draw)
    const drawnFrom = (rng: PyRandom): number[][] => {
      const seen: number[][] = [];
      const choices = rng.choices.bind(rng);
      rng.choices = ((population: number[], weights: number[]) => {
        seen.push([...weights]);
        return choices(population, weights);
      }) as typeof rng.choices;
      return seen;
    };
    const wantProbs = drawnFrom(a);
    const gotProbs = drawnFrom(b);
    const names = fresh.sample(b, { count: 6, temperature: 3 });
    expect(names).toEqual(sampleMicroGpt(wide, a, { count: 6, temperature: 3 }));
    expect(gotProbs).toEqual(wantProbs);
    expect(Math.max(...names.map((name) => name.length))).toBeGreaterThan(16);
    expect(fresh.positionCount).toBeGreaterThan(16);
  });

  it("a model restored from JSON gives the same names and inspection as the original", () => {
    const t = new MicroGptTrainer({ steps: 20, seed: 4 });
    for (let k = 0; k < 10; k++) t.step();
    const copy = MicroGpt.fromJSON(JSON.stringify(t.model));
    const a = new CompiledMicroGptInference(t.model);
    const b = new CompiledMicroGptInference(copy);
    expect(b.sample(new PyRandom(2), { count: 8, temperature: 0.9 })).toEqual(
      a.sample(new PyRandom(2), { count: 8, temperature: 0.9 }),
    );
    const tokens = t.tokenizer.encode("leo").slice(0, -1);
    expect(b.inspect(tokens)).toEqual(a.inspect(tokens));
  });

  it("rejects what it cannot run with a clear error", () => {
    const model = new MicroGpt({ blockSize: 4 }, new CharTokenizer([..."ab"]), new PyRandom(1));
    const inference = new CompiledMicroGptInference(model);
    expect(() => new CompiledMicroGptInference({} as MicroGpt)).toThrow(
      "new CompiledMicroGptInference(model): model must be a MicroGpt, got an object",
    );
    expect(() => inference.inspect([])).toThrow(
      "CompiledMicroGptInference.inspect(tokens): tokens must be an array of 1 to 4 token ids (the block size), got an array of length 0",
    );
    expect(() => inference.inspect([2, 0, 1, 0, 1])).toThrow(/1 to 4 token ids/);
    expect(() => inference.inspect([2, 3])).toThrow(
      "CompiledMicroGptInference.inspect(tokens): tokens[1] must be a token id, an integer from 0 to 2, got number 3",
    );
    expect(() => inference.sample(new PyRandom(1), { temperature: 0 })).toThrow(
      "CompiledMicroGptInference.sample(rng, options): temperature must be a finite number > 0, got number 0",
    );
    expect(() => inference.sample(new PyRandom(1), { count: -1 })).toThrow(/count must be an integer >= 0/);
    expect(inference.sample(new PyRandom(1), { count: 0 })).toEqual([]);
  });
});
