import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_SOURCE_LENGTH } from "../../web/src/expression/expression-link.js";
import { decodeState, encodeState, MAX_HASH_LENGTH, type ShareState, VIEWS } from "../../web/src/share.js";
import {
  DATASETS,
  defaultTrainConfig,
  parseTrainSettings,
  type TrainConfig,
  trainSettingsOf,
} from "../../web/src/shared/train-config.js";

describe("parseTrainSettings", () => {
  it("accepts every allowed value", () => {
    const { config, errors } = parseTrainSettings({
      dataset: "spiral",
      n: "200",
      noise: "0.25",
      trainRatio: "0.5",
      hidden: "8, 4",
      activation: "tanh",
      loss: "ce",
      optimizer: "adamw",
      lr: "1e-3",
      regularization: "l1",
      regRate: "0.003",
      batchSize: "32",
      seed: "7",
      engine: "object",
    });
    expect(errors).toEqual([]);
    expect(config).toEqual({
      dataset: "spiral",
      n: 200,
      noise: 0.25,
      trainRatio: 0.5,
      hidden: [8, 4],
      activation: "tanh",
      loss: "ce",
      optimizer: "adamw",
      lr: 0.001,
      regularization: "l1",
      regRate: 0.003,
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
      noise: "0.6",
      trainRatio: "0",
      regularization: "l3",
      regRate: "-1",
    });
    expect(config).toEqual(defaultTrainConfig());
    expect(errors).toHaveLength(10);
    expect(errors[0]).toBe('dataset: "mnist" is not one of moons, circles, xor, spiral, yinyang, blobs');
    expect(errors[1]).toContain("hidden layers");
    expect(errors[1]).toContain("from 1 to 64");
    expect(errors.join("\n")).toMatch(/learning rate: "Infinity" must be a number from 0.000001 to 10/);
    expect(errors.join("\n")).toMatch(/seed: "-1" must be an integer/);
    expect(errors.join("\n")).toMatch(/noise: "0.6" must be a number from 0 to 0.5/);
    expect(errors.join("\n")).toMatch(/train ratio: "0" must be a number from 0.1 to 1/);
    expect(errors.join("\n")).toMatch(/regularization: "l3" is not one of none, l1, l2/);
    expect(errors.join("\n")).toMatch(/regularization rate: "-1" must be a number from 0 to 10/);
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
        expect(decodeState(encodeState(state).hash)).toEqual({ state, errors: [] });
      }),
    );
  });

  it("round-trips a training config", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DATASETS),
        fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.array(
          fc.record({
            x: fc.integer({ min: -1e6, max: 1e6 }).map((v) => v / 1e4),
            y: fc.integer({ min: -1e6, max: 1e6 }).map((v) => v / 1e4),
            cls: fc.constantFrom(0, 1),
          }),
          { maxLength: 20 },
        ),
        fc.boolean(),
        (dataset, hidden, seed, points, discretize) => {
          const state: ShareState = {
            view: "train",
            config: { ...defaultTrainConfig(), dataset, hidden, seed },
            points,
            discretize,
          };
          expect(decodeState(encodeState(state).hash)).toEqual({ state, errors: [] });
        },
      ),
    );
  });

  it("keeps added points in links, and drops the ones a dataset cannot have", () => {
    const { state, errors } = decodeState(
      "#view=train&dataset=moons&points=0.5,-1.25,1;1e400,0,0;0,0,2;0,0,1,9;x,y,0;-3,2.5,0&discretize=1",
    );
    expect(state?.view === "train" && state.points).toEqual([
      { x: 0.5, y: -1.25, cls: 1 },
      { x: -3, y: 2.5, cls: 0 },
    ]);
    expect(state?.view === "train" && state.discretize).toBe(true);
    expect(errors).toEqual([
      'link: points: 4 of 6 were not "x,y,class" with |x|, |y| <= 100 and a class from 0 to 1; left out',
    ]);
    // yin-yang has three classes
    const three = decodeState("#view=train&dataset=yinyang&points=0,0,2");
    expect(three.state?.view === "train" && three.state.points).toEqual([{ x: 0, y: 0, cls: 2 }]);
    // at most 1000
    const many = decodeState(`#view=train&points=${"0,0,0;".repeat(1200)}`);
    expect(many.state?.view === "train" && many.state.points).toHaveLength(1000);
    expect(many.errors.join()).toContain("only the first 1000 of 1201 were kept");
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
    expect(state).toEqual({ view: "train", config: defaultTrainConfig(), points: [], discretize: false });
    expect(errors).toEqual([
      'link: "dataset" appears more than once; using the first',
      'link: learning rate: "abc" must be a number from 0.000001 to 10',
      'link: unknown setting "__proto__"',
    ]);
    const expr = decodeState("#view=expression&src=a%3D1&input=1a&h=0");
    expect(expr.state).toEqual({ view: "expression", source: "a=1" });
    expect(expr.errors).toHaveLength(2);
    // a reused name's input key (name#k) is allowed; anything else is not
    expect(decodeState("#view=expression&src=a%3D1&input=a%232").state).toMatchObject({ input: "a#2" });
    const alpha = `#view=expression&src=${encodeURIComponent("α=1")}&input=${encodeURIComponent("α")}`;
    expect(decodeState(alpha).state).toMatchObject({ input: "α" }); // names in any script
    expect(decodeState("#view=expression&src=a%3D1&input=a%230").errors[0]).toContain("is not an input name");
    expect(decodeState("#view=expression&src=a%3D1&input=%3Cscript%3E").errors[0]).toContain(
      "is not an input name",
    );
  });

  it("refuses oversized programs and unknown views", () => {
    const long = `#view=expression&src=${"a".repeat(MAX_SOURCE_LENGTH + 1)}`;
    expect(decodeState(long).state).toBeNull();
    expect(decodeState(long).errors[0]).toContain("too long");
    expect(decodeState("#view=admin").errors[0]).toContain('view "admin"');
    expect(decodeState("")).toEqual({ state: null, errors: [] });
  });
});

describe("the link writer keeps to the reader's limits", () => {
  it("writes no program longer than the reader reads, and says so with the numbers", () => {
    const source = `y = ${Array.from({ length: 10_000 }, () => "1").join(" + ")}`; // 40,001 characters
    const { hash, tooLong } = encodeState({ view: "expression", source, input: "a" });
    expect(hash).toBe("#view=expression");
    expect(tooLong).toBe(
      "This program is too long to share as a link (40,001 characters; a link holds at most 20,000).",
    );
    // what it writes, the reader reads: an empty program, no message
    expect(decodeState(hash)).toEqual({ state: { view: "expression", source: "" }, errors: [] });
  });

  it("keeps the whole hash under the reader's cap even when the program is short enough but escapes long", () => {
    // 20,000 characters that each take 6 in a URL (%C3%A9): 120,000 characters of hash
    const source = "é".repeat(MAX_SOURCE_LENGTH);
    const { hash, tooLong } = encodeState({ view: "expression", source });
    expect(hash).toBe("#view=expression");
    expect(tooLong).toContain("120,020 characters of link; at most 100,000");
    expect(decodeState(`#view=expression&src=${encodeURIComponent(source)}`).errors[0]).toContain("too long");
  });

  it("every hash it writes is read back without a message (any program, up to the cap)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), fc.integer({ min: 0, max: 70 }), (s, k) => {
        const source = s.repeat(k);
        const { hash, tooLong } = encodeState({ view: "expression", source });
        expect(hash.length - 1).toBeLessThanOrEqual(MAX_HASH_LENGTH);
        const back = decodeState(hash);
        expect(back.errors).toEqual([]);
        expect(back.state).toEqual({ view: "expression", source: tooLong ? "" : source });
      }),
      { numRuns: 60 },
    );
  });
});

describe("the views a link can name", () => {
  it("a bad view's message lists every view", () => {
    const message = decodeState("#view=admin").errors[0] ?? "";
    for (const view of VIEWS) expect(message).toContain(`"${view}"`);
    expect(message).toBe(
      'link: view "admin" is not one of "expression", "train", "gpt"'.replace(
        '"expression", "train", "gpt"',
        VIEWS.map((v) => `"${v}"`).join(", "),
      ),
    );
    expect(VIEWS).toContain("gpt");
  });

  it("VIEWS names exactly the page's tabs, in their order", () => {
    const html = readFileSync(new URL("../../web/index.html", import.meta.url), "utf8");
    const tabs = [...html.matchAll(/role="tab" id="tab-([a-z]+)"/g)].map((m) => m[1]);
    expect(tabs).toEqual([...VIEWS]);
  });

  it("reads the GPT view's link, and names what else the link had", () => {
    expect(decodeState("#view=gpt")).toEqual({ state: { view: "gpt" }, errors: [] });
    expect(decodeState(encodeState({ view: "gpt" }).hash).state).toEqual({ view: "gpt" });
    expect(decodeState("#view=gpt&x=1").errors).toEqual(['link: unknown setting "x"']);
  });
});
