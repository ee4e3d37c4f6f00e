import { describe, expect, it } from "vitest";
import { MicroGptTrainer, trainMicroGpt } from "../../src/index.js";
import seed7 from "../fixtures/microgpt-seed7-steps30.json" with { type: "json" };
import seed42 from "../fixtures/microgpt-seed42-steps1000.json" with { type: "json" };

// The expected losses and names were printed by microgpt.py itself (python3, scripts/microgpt-fixtures.py):
// every loss with repr(), the 20 samples as it prints them.

/** Loss for loss, to 1e-9 relative (V8's Math.exp/log/** and Python's libm may differ in the last bit). */
function expectLosses(got: readonly number[], expected: readonly number[]): void {
  expect(got.length).toBe(expected.length);
  got.forEach((loss, i) => {
    const e = expected[i] as number;
    const rel = Math.abs(loss - e) / Math.abs(e);
    expect(rel, `step ${i + 1}: ${loss} vs microgpt.py's ${e}`).toBeLessThan(1e-9);
  });
}

describe("microgpt: the same run as microgpt.py", () => {
  it("seed 7, 30 steps: every loss and the 20 samples equal microgpt.py's", () => {
    const run = trainMicroGpt({ seed: 7, steps: 30 });
    expect(run.model.parameterCount).toBe(4192);
    expect(run.tokenizer.vocabSize).toBe(27);
    expectLosses(run.losses, seed7.losses);
    expect(run.sample()).toEqual(seed7.samples);
  });

  // The whole default run: ~7-20 s on the object engine here (with Value.dot; 22.6 s before it). Measured
  // against the fixture: 502 of the 1000 losses are bit-identical to Python's; the largest relative
  // difference is 6.5e-16 and it does not grow over the run (V8's Math.exp/log/** and Python's libm round
  // differently in the last bit).
  it("seed 42, 1000 steps (the defaults): all 1000 losses and the 20 names equal microgpt.py's", () => {
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
