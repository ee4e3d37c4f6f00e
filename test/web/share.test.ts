import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeState, encodeState, MAX_SOURCE_LENGTH, type ShareState } from "../../web/src/share.js";
import {
  DATASETS,
  defaultTrainConfig,
  parseTrainSettings,
  sizeProblem,
  type TrainConfig,
  trainSettingsOf,
} from "../../web/src/train-config.js";

describe("parseTrainSettings", () => {
  it("accepts every allowed value", () => {
    const { config, errors } = parseTrainSettings({
      dataset: "yinyang",
      n: "200",
      hidden: "8, 4",
      activation: "tanh",
      loss: "ce",
      optimizer: "adamw",
      lr: "1e-3",
      batchSize: "32",
      seed: "7",
      engine: "object",
    });
    expect(errors).toEqual([]);
    expect(config).toEqual({
      dataset: "yinyang",
      n: 200,
      hidden: [8, 4],
      activation: "tanh",
      loss: "ce",
      optimizer: "adamw",
      lr: 0.001,
      batchSize: 32,
      seed: 7,
      engine: "object",
    });
  });

  it("keeps the default for each bad value and says what was wrong and what is allowed", () => {
    const { config, errors } = parseTrainSettings({
      dataset: "mnist",
      hidden: "16,x",
      lr: "Infinity",
      seed: "-1",
      batchSize: "2.5",
      n: "0x10",
    });
    expect(config).toEqual(defaultTrainConfig());
    expect(errors).toHaveLength(6);
    expect(errors[0]).toBe('dataset: "mnist" is not one of moons, yinyang, circles, blobs');
    expect(errors[1]).toContain("hidden layers");
    expect(errors[1]).toContain("from 1 to 64");
    expect(errors.join("\n")).toMatch(/learning rate: "Infinity" must be a number from 0.000001 to 10/);
    expect(errors.join("\n")).toMatch(/seed: "-1" must be an integer/);
  });

  it("rejects too many or too wide layers, unknown settings and huge text", () => {
    expect(parseTrainSettings({ hidden: "1,1,1,1,1" }).errors).toHaveLength(1);
    expect(parseTrainSettings({ hidden: "65" }).errors).toHaveLength(1);
    expect(parseTrainSettings({ hidden: "" }).config.hidden).toEqual([]);
    expect(parseTrainSettings({ bogus: "1" } as never).errors).toEqual(['unknown setting "bogus"']);
    expect(parseTrainSettings({ dataset: "m".repeat(1000) }).errors[0]).toContain("too long");
  });

  it("round-trips through its text form", () => {
    const config: TrainConfig = { ...defaultTrainConfig(), dataset: "circles", hidden: [3], lr: 0.05 };
    expect(parseTrainSettings(trainSettingsOf(config))).toEqual({ config, errors: [] });
  });
});

describe("share links", () => {
  it("round-trips an expression with any characters", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (source) => {
        const state: ShareState = { view: "expression", source, input: "a", h: 0.001 };
        expect(decodeState(encodeState(state))).toEqual({ state, errors: [] });
      }),
    );
  });

  it("round-trips a training config", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DATASETS),
        fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (dataset, hidden, seed) => {
          const state: ShareState = {
            view: "train",
            config: { ...defaultTrainConfig(), dataset, hidden, seed },
          };
          expect(decodeState(encodeState(state))).toEqual({ state, errors: [] });
        },
      ),
    );
  });

  it("never throws on arbitrary hashes, and only returns valid states", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (hash) => {
        const { state } = decodeState(hash);
        if (state?.view === "train")
          expect(parseTrainSettings(trainSettingsOf(state.config)).errors).toEqual([]);
        if (state?.view === "expression") expect(state.source.length).toBeLessThanOrEqual(MAX_SOURCE_LENGTH);
      }),
    );
  });

  it("reports bad values in a link and keeps the rest", () => {
    const { state, errors } = decodeState("#view=train&dataset=moons&lr=abc&__proto__=x&dataset=circles");
    expect(state).toEqual({ view: "train", config: defaultTrainConfig() });
    expect(errors).toEqual([
      'link: "dataset" appears more than once; using the first',
      'link: learning rate: "abc" must be a number from 0.000001 to 10',
      'link: unknown setting "__proto__"',
    ]);
    const expr = decodeState("#view=expression&src=a%3D1&input=1a&h=0");
    expect(expr.state).toEqual({ view: "expression", source: "a=1" });
    expect(expr.errors).toHaveLength(2);
  });

  it("refuses oversized programs and unknown views", () => {
    const long = encodeState({ view: "expression", source: "a".repeat(MAX_SOURCE_LENGTH + 1) });
    expect(decodeState(long).state).toBeNull();
    expect(decodeState(long).errors[0]).toContain("too long");
    expect(decodeState("#view=admin").errors[0]).toContain('view "admin"');
    expect(decodeState("")).toEqual({ state: null, errors: [] });
  });
});

describe("the playground's size check (the library's estimate)", () => {
  it("refuses a network whose training step would not fit, says what to change, and keeps the old sizes", () => {
    const big = { n: "500", hidden: "64,64,64,64", batchSize: "0" };
    const { config, errors } = parseTrainSettings(big);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^batch size: one step of MLP\(2, \[64, 64, 64, 64, 1\]\) on 500 points needs ~2\.\d GB \(\d+\.\d million graph nodes\); the limit is 1\.0 GB; use a batch size of (\d+) or less, or smaller hidden layers$/,
    );
    expect(config.hidden).toEqual(defaultTrainConfig().hidden);
    const fits = /batch size of (\d+)/.exec(errors[0] as string)?.[1] as string;
    expect(Number(fits)).toBeLessThan(500);
    expect(parseTrainSettings({ ...big, batchSize: fits }).errors).toEqual([]);
    expect(sizeProblem(defaultTrainConfig())).toBeUndefined();
  });
});
