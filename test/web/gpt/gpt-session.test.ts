import { describe, expect, it } from "vitest";
import { documentLoss } from "../../../packages/micrograd-ts/src/index.js";
import {
  checkTemperature,
  DEFAULT_GPT_SETTINGS,
  GptSession,
  MAX_GPT_STEPS,
  movingAverage,
  parseGptSettings,
} from "../../../web/src/gpt/session.js";
import seed7 from "../../fixtures/microgpt-seed7-steps30.json" with { type: "json" };

// seed7 was printed by microgpt.py itself (python3, scripts/microgpt-fixtures.py): every loss and the 20 names.

describe("GptSession: the GPT view's run", () => {
  it("is microgpt.py's run even with live samples and inspections in between: losses and final names", () => {
    const s = new GptSession({ steps: 30, seed: 7 });
    const losses: number[] = [];
    for (let k = 0; k < 30; k++) {
      losses.push(s.step());
      if (k % 10 === 9) {
        expect(s.liveSamples(0.8, 5)).toHaveLength(5);
        s.inspect("emma");
      }
    }
    losses.forEach((l, i) => {
      const e = seed7.losses[i];
      expect(Math.abs(l - e) / e, `step ${i + 1}`).toBeLessThan(1e-9);
    });
    expect(s.trainer.done).toBe(true);
    expect(s.finalSamples(0.5)).toEqual(seed7.samples);
    expect(s.finalSampled).toBe(true);
    // the next call goes on with the run's stream: other names
    expect(s.finalSamples(0.5)).not.toEqual(seed7.samples);
  });

  it("counts each step once, as a replay or as the trace of a new document length", () => {
    const s = new GptSession({ steps: 40, seed: 3 });
    for (let k = 0; k < 40; k++) s.step();
    const t = s.timings;
    expect(t.replays + t.traces).toBe(40);
    expect(t.traces).toBeGreaterThanOrEqual(1);
    expect(t.traces).toBeLessThanOrEqual(s.trainer.model.config.blockSize);
    expect(t.replayMs).toBeGreaterThanOrEqual(0);
    expect(t.traceMs).toBeGreaterThan(0);
  });

  it("samples only the vocabulary's characters, at most blockSize of them", () => {
    const s = new GptSession({ steps: 5, seed: 1 });
    const vocab = new Set(s.vocabulary);
    expect(s.vocabulary.join("")).toBe("abcdefghijklmnopqrstuvwxyz");
    for (const name of s.liveSamples(2, 30)) {
      expect(Array.from(name).every((c) => vocab.has(c))).toBe(true);
      expect(name.length).toBeLessThanOrEqual(16);
    }
    expect(() => s.finalSamples(0.5)).toThrow("the run has 5 step(s) left; microgpt samples after training");
  });

  it("inspects a name: probabilities per position, causal attention, and the document loss", () => {
    const s = new GptSession({ steps: 20, seed: 42 });
    for (let k = 0; k < 20; k++) s.step();
    const r = s.inspect("  Emma ");
    expect(r.name).toBe("emma");
    expect(r.inputs).toEqual(["", "e", "m", "m", "a"]);
    expect(r.targets).toEqual(["e", "m", "m", "a", ""]);
    expect(r.probs).toHaveLength(5);
    for (const row of r.probs) {
      expect(row).toHaveLength(27);
      expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
    }
    r.attention.forEach((pos, p) => {
      expect(pos).toHaveLength(1); // one layer
      expect(pos[0]).toHaveLength(4); // four heads
      for (const head of pos[0]) {
        expect(head).toHaveLength(p + 1); // a position sees itself and the earlier ones
        expect(Math.abs(head.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      }
    });
    // the same number as the library's document loss, built as a graph of Values
    const model = s.trainer.model;
    const expected = documentLoss(model, model.tokenizer.encode("emma")).data;
    expect(Math.abs(r.loss - expected)).toBeLessThan(1e-12);
  });

  it("says what is wrong with a name it cannot read", () => {
    const s = new GptSession({ steps: 1, seed: 42 });
    expect(() => s.inspect("zoë")).toThrow(
      '"ë" is not a character the model knows (abcdefghijklmnopqrstuvwxyz)',
    );
    expect(() => s.inspect("mary-jane")).toThrow('"-" is not a character the model knows');
    expect(() => s.inspect("a".repeat(16))).toThrow(
      "has 16 characters; the model reads at most 15 (block size 16, the first position is the start token)",
    );
    expect(s.inspect("a".repeat(15)).probs).toHaveLength(16);
    expect(s.inspect("").inputs).toEqual([""]); // just the start token: the first letter's distribution
  });
});

describe("the GPT view's settings and helpers", () => {
  it("parses steps and seed, with a message per bad field", () => {
    expect(parseGptSettings({ steps: "1000", seed: "42" })).toEqual({
      settings: { steps: 1000, seed: 42 },
      errors: [],
    });
    expect(parseGptSettings({ steps: " 60 ", seed: "7" }).settings).toEqual({ steps: 60, seed: 7 });
    const bad = parseGptSettings({ steps: "0", seed: "-1" });
    expect(bad.settings).toEqual(DEFAULT_GPT_SETTINGS);
    expect(bad.errors).toEqual([
      `steps: "0" must be a whole number from 1 to ${MAX_GPT_STEPS}`,
      `seed: "-1" must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`,
    ]);
    expect(parseGptSettings({ steps: "1e3", seed: "4.5" }).errors).toHaveLength(2);
    expect(parseGptSettings({ steps: String(MAX_GPT_STEPS + 1), seed: "1" }).errors).toHaveLength(1);
    expect(parseGptSettings({ steps: "10", seed: "99999999999999999999" }).errors[0]).toMatch(/^seed:/);
  });

  it("checks the temperature", () => {
    expect(checkTemperature(0.5)).toBe(0.5);
    expect(() => checkTemperature(0)).toThrow("temperature must be a number from 0.05 to 2, got 0");
    expect(() => checkTemperature(Number.NaN)).toThrow("got NaN");
    expect(() => checkTemperature("1")).toThrow("got 1");
  });

  it("smooths the loss curve with a trailing mean", () => {
    const xs = [4, 2, 6, 8, 0, 1];
    const naive = xs.map((_, i) => {
      const w = xs.slice(Math.max(0, i - 2), i + 1);
      return w.reduce((a, b) => a + b, 0) / w.length;
    });
    const got = movingAverage(xs, 3);
    got.forEach((v, i) => {
      expect(v).toBeCloseTo(naive[i], 12);
    });
    expect(movingAverage([], 5)).toEqual([]);
    expect(() => movingAverage(xs, 0)).toThrow("window must be a whole number >= 1, got 0");
  });
});
