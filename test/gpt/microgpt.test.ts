import { describe, expect, it } from "vitest";
import {
  CompiledDocumentLoss,
  documentLoss,
  MicroGptTrainer,
  trainMicroGpt,
  Value,
} from "../../packages/micrograd-ts/src/index.js";
import seed7 from "../fixtures/microgpt-seed7-steps30.json" with { type: "json" };
import seed42 from "../fixtures/microgpt-seed42-steps1000.json" with { type: "json" };

// The expected losses and names were printed by microgpt.py itself (python3, scripts/microgpt-fixtures.py):
// every loss with repr(), the 20 samples as it prints them.

/** Loss for loss, to 1e-9 relative (V8's Math.exp/log/** and Python's libm may differ in the last bit). */
function expectLosses(got: readonly number[], expected: readonly number[]): void {
  expect(got.length).toBe(expected.length);
  got.forEach((loss, i) => {
    const e = expected[i];
    const rel = Math.abs(loss - e) / Math.abs(e);
    expect(rel, `step ${i + 1}: ${loss} vs microgpt.py's ${e}`).toBeLessThan(1e-9);
  });
}

describe("microgpt: the same run as microgpt.py", () => {
  for (const engine of ["compiled", "object"] as const) {
    it(`seed 7, 30 steps, ${engine} engine: every loss and the 20 samples equal microgpt.py's`, () => {
      const run = trainMicroGpt({ seed: 7, steps: 30, engine });
      expect(run.model.parameterCount).toBe(4192);
      expect(run.tokenizer.vocabSize).toBe(27);
      expectLosses(run.losses, seed7.losses);
      expect(run.sample()).toEqual(seed7.samples);
    });
  }

  it("a compiled step is bit for bit the object engine on the same graph (token ids as index leaves)", () => {
    const t = new MicroGptTrainer({ seed: 3, steps: 40, engine: "object" });
    const compiled = new CompiledDocumentLoss(t.model);
    for (let k = 0; k < 40; k++) {
      const tokens = t.tokenizer.encode(t.docs[k]);
      const loss = compiled.run(tokens);
      const grads = t.model.parameters().map((p) => p.grad);
      for (const p of t.model.parameters()) p.grad = 0;
      const graph = documentLoss(
        t.model,
        tokens.map((id) => new Value(id)),
      );
      graph.backward();
      expect(loss, `step ${k + 1}`).toBe(graph.data);
      expect(t.model.parameters().map((p) => p.grad)).toEqual(grads);
      t.optimizer.step();
    }
    expect(compiled.graphCount).toBeGreaterThan(3);
  });

  it("the compiled and object engines' runs agree to ~1e-15 (the target's gradient adds up in another order)", () => {
    const a = new MicroGptTrainer({ seed: 3, steps: 60, engine: "compiled" });
    const b = new MicroGptTrainer({ seed: 3, steps: 60, engine: "object" });
    for (let k = 0; k < 60; k++) {
      const [la, lb] = [a.step(), b.step()];
      expect(Math.abs(la - lb) / lb, `step ${k + 1}`).toBeLessThan(1e-13);
    }
    expect(() => new MicroGptTrainer({ engine: "gpu" as "object" })).toThrow(
      /engine must be one of object, compiled, got string "gpu"/,
    );
  });

  // The whole default run: ~7-20 s on the object engine here (with Value.dot; 22.6 s before it). Measured
  // against the fixture: 502 of the 1000 losses are bit-identical to Python's; the largest relative
  // difference is 6.5e-16 and it does not grow over the run (V8's Math.exp/log/** and Python's libm round
  // differently in the last bit).
  it("seed 42, 1000 steps (the defaults, compiled engine): all 1000 losses and the 20 names equal microgpt.py's", () => {
    const run = trainMicroGpt();
    expect(seed42.losses[0]).toBe(3.3659669475848504);
    expect(seed42.losses[999]).toBe(2.6496944697407585);
    expectLosses(run.losses, seed42.losses);
    const samples = run.sample();
    expect(samples.slice(0, 5)).toEqual(["kamon", "ann", "karai", "jaire", "vialan"]);
    expect(samples).toEqual(seed42.samples);
  }, 600_000);

  it("another step count changes the learning-rate decay, as num_steps does in microgpt.py", () => {
    const short = new MicroGptTrainer({ seed: 7, steps: 30 });
    const long = new MicroGptTrainer({ seed: 7, steps: 1000 });
    expect(short.step()).toBe(long.step()); // same weights, same first document
    expect(short.step()).toBe(long.step()); // the first update used lr * (1 - 0 / steps) = lr in both
    expect(short.step()).not.toBe(long.step()); // the second: lr * (1 - 1/30) vs lr * (1 - 1/1000)
    expect(short.optimizer.lrAt(29)).toBeCloseTo(0.01 / 30, 15);
  });
});
