import { describe, expect, it } from "vitest";
import { resolveConfig, stateDictShapes } from "../../packages/micrograd-ts/src/gpt/config.js";
import {
  CharTokenizer,
  documentLoss,
  MICROGPT_CONFIG,
  MicroGpt,
  MicroGptAdam,
  MicroGptTrainer,
  names,
  PyRandom,
  sampleMicroGpt,
  Value,
} from "../../packages/micrograd-ts/src/index.js";
import pyrandom from "../fixtures/pyrandom.json" with { type: "json" };
import { ulps } from "../helpers/ulps.js";

const tok = new CharTokenizer([..."abc"]);
const tiny = () => new MicroGpt({ nLayer: 2, nEmbd: 8, blockSize: 6, nHead: 2 }, tok, new PyRandom(3));

describe("MicroGpt: parameters", () => {
  it("has microgpt's state_dict: names, order, shapes and 4,192 weights on the names", () => {
    const t = new MicroGptTrainer({ steps: 1 });
    expect(Object.keys(t.model.stateDict)).toEqual([
      "wte",
      "wpe",
      "lm_head",
      "layer0.attn_wq",
      "layer0.attn_wk",
      "layer0.attn_wv",
      "layer0.attn_wo",
      "layer0.mlp_fc1",
      "layer0.mlp_fc2",
    ]);
    const shapes = Object.values(t.model.stateDict).map((m) => [m.length, m[0].length]);
    expect(shapes).toEqual([
      [27, 16],
      [16, 16],
      [27, 16],
      [16, 16],
      [16, 16],
      [16, 16],
      [16, 16],
      [64, 16],
      [16, 64],
    ]);
    expect(t.model.parameterCount).toBe(4192);
    expect(t.model.config).toEqual(MICROGPT_CONFIG);
  });

  it("draws every weight with gauss(0, 0.08) from the run's stream after the shuffle, in state_dict order", () => {
    // python3: random.seed(42); random.shuffle(docs); w = [random.gauss(0, 0.08) for _ in range(4192)]
    const params = new MicroGptTrainer({ steps: 1 }).model.parameters();
    for (const [i, w] of Object.entries(pyrandom.init_seed42)) {
      const p = params[Number(i)];
      expect(ulps(p.data, w), `weight ${i} (${p.label})`).toBeLessThanOrEqual(3);
    }
    expect(params[432]?.label).toBe("wpe[0][0]");
    expect(params[688]?.label).toBe("lm_head[0][0]");
    expect(params[1120]?.label).toBe("layer0.attn_wq[0][0]");
    expect(params[4191]?.label).toBe("layer0.mlp_fc2[15][63]");
  });

  it("stateDictShapes lists every layer's matrices", () => {
    const shapes = stateDictShapes(resolveConfig("t", { nLayer: 2 }), 5);
    expect(shapes.map((s) => s[0])).toContain("layer1.mlp_fc2");
    expect(shapes.length).toBe(3 + 2 * 6);
  });

  it("resolveConfig rejects bad configs clearly", () => {
    expect(() => resolveConfig("w", { nEmbd: 10, nHead: 4 })).toThrow(
      /config.nEmbd \(10\) must be a multiple of config.nHead \(4\)/,
    );
    expect(() => resolveConfig("w", { nLayer: 0 })).toThrow(
      /config.nLayer must be an integer >= 1, got number 0/,
    );
    expect(() => resolveConfig("w", { nlayer: 1 } as never)).toThrow(/unknown field "nlayer"/);
  });
});

describe("MicroGpt: forward, attention, loss", () => {
  it("forward gives vocabSize logits and keeps each head's attention weights (a distribution over positions so far)", () => {
    const model = tiny();
    const cache = model.emptyCache();
    for (let pos = 0; pos < 4; pos++) {
      const logits = model.forward(pos === 0 ? tok.BOS : pos - 1, pos, cache);
      expect(logits.length).toBe(4);
      expect(model.lastAttention.length).toBe(2); // layers
      for (const layer of model.lastAttention) {
        expect(layer.length).toBe(2); // heads
        for (const w of layer) {
          expect(w.length).toBe(pos + 1);
          expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          for (const x of w) expect(x).toBeGreaterThan(0);
        }
      }
    }
    expect(cache.keys[0]?.length).toBe(4);
  });

  it("the first position attends only to itself; later positions see only the past (causal)", () => {
    const model = tiny();
    const a = model.inspect([tok.BOS, 0, 1]);
    const b = model.inspect([tok.BOS, 0, 2]);
    expect(a.attention[0]?.[0]?.[0]).toEqual([1]);
    expect(a.probs[0]).toEqual(b.probs[0]); // position 0 and 1 do not see token 2
    expect(a.probs[1]).toEqual(b.probs[1]);
    expect(a.probs[2]).not.toEqual(b.probs[2]);
    for (const p of a.probs) expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it("forward and inspect check their arguments", () => {
    const model = tiny();
    expect(() => model.forward(4, 0, model.emptyCache())).toThrow(/tokenId must be an integer from 0 to 3/);
    expect(() => model.forward(0, 6, model.emptyCache())).toThrow(/posId must be an integer from 0 to 5/);
    expect(() => model.forward(0, 1, model.emptyCache())).toThrow(
      /the cache must hold the 1 earlier position/,
    );
    expect(() => model.inspect([0, 1, 2, 3, 0, 1, 2])).toThrow(/1 to 6 token ids/);
    expect(() => model.inspect([3, 0, 4])).toThrow(
      /tokens\[2\] must be a token id, an integer from 0 to 3, got number 4/,
    );
    expect(() => model.inspect([3, 1.5])).toThrow(/tokens\[1\] must be a token id/);
  });

  it("forward hands out its attention weights as the graph's Values when asked (lastAttention holds their numbers)", () => {
    const model = tiny();
    const cache = model.emptyCache();
    model.forward(tok.BOS, 0, cache);
    const attention: Value[][][] = [];
    model.forward(0, 1, cache, attention);
    expect(attention).toHaveLength(2); // layers
    expect(attention.map((heads) => heads.map((head) => head.map((w) => w.data)))).toEqual(
      model.lastAttention,
    );
    expect(attention[1][0]).toHaveLength(2); // positions 0 and 1
    // they are the nodes of the graph: d(weight)/d(parameter) flows back to the weights
    attention[1][1][0].backward();
    expect(model.parameters().some((p) => p.grad !== 0)).toBe(true);
  });

  it("documentLoss is the mean of -log p(next) over min(blockSize, len - 1) positions, as computed by hand", () => {
    const model = tiny();
    const tokens = [tok.BOS, 0, 1, 2, 0, 1, 2, 0, tok.BOS]; // 8 targets, block size 6: truncated to 6
    const { probs } = model.inspect(tokens.slice(0, 6));
    let expected = 0;
    for (let i = 0; i < 6; i++) expected -= Math.log(probs[i][tokens[i + 1]]);
    const loss = documentLoss(model, tokens);
    expect(loss.data).toBeCloseTo(expected / 6, 12);
    expect(() => documentLoss(model, [tok.BOS])).toThrow(/at least 2 token ids/);
  });

  it("the loss's gradient matches finite differences on a few weights", () => {
    const model = tiny();
    const tokens = tok.encode("abca");
    const loss = documentLoss(model, tokens);
    loss.backward();
    const params = model.parameters();
    for (const i of [0, 17, 40, 200, params.length - 1]) {
      const p = params[i];
      const h = 1e-6;
      const x = p.data;
      p.data = x + h;
      const up = documentLoss(model, tokens).data;
      p.data = x - h;
      const down = documentLoss(model, tokens).data;
      p.data = x;
      expect(p.grad, p.label).toBeCloseTo((up - down) / (2 * h), 6);
    }
  });
});

describe("MicroGpt: JSON", () => {
  it("toJSON / fromJSON round-trips the config, vocabulary and every weight", () => {
    const model = tiny();
    const copy = MicroGpt.fromJSON(JSON.stringify(model));
    expect(copy.config).toEqual(model.config);
    expect(copy.tokenizer.uchars).toEqual(["a", "b", "c"]);
    expect(copy.parameters().map((p) => p.data)).toEqual(model.parameters().map((p) => p.data));
    expect(copy.inspect([3, 0, 1]).probs).toEqual(model.inspect([3, 0, 1]).probs);
  });

  it("fromJSON names what is wrong", () => {
    const good = tiny().toJSON();
    const bad = (edit: (o: Record<string, unknown>) => void) => {
      const o = JSON.parse(JSON.stringify(good));
      edit(o);
      return () => MicroGpt.fromJSON(o);
    };
    expect(() => MicroGpt.fromJSON("{")).toThrow(/MicroGpt.fromJSON\(json\): not valid JSON/);
    expect(() => MicroGpt.fromJSON("[1]")).toThrow(/expected an object/);
    expect(bad((o) => (o.type = "MLP"))).toThrow(/type must be "MicroGpt"/);
    expect(bad((o) => delete (o.config as Record<string, unknown>).nHead)).toThrow(/config.nHead is missing/);
    expect(bad((o) => (o.uchars = ["a", "a", "c"]))).toThrow(
      /uchars\[1\] must be a single character not seen before/,
    );
    expect(bad((o) => (o.uchars = ["a", "b"]))).toThrow(/stateDict\["wte"\] must be 3 rows of 8 numbers/);
    expect(bad((o) => (o.stateDict as Record<string, number[][]>).wpe?.[2]?.pop())).toThrow(
      /stateDict\["wpe"\]\[2\] must be a row of 8 numbers/,
    );
    expect(bad((o) => (o.stateDict as { lm_head: unknown[][] }).lm_head[0]?.splice(1, 1, "x"))).toThrow(
      /stateDict\["lm_head"\]\[0\]\[1\] must be a finite number, got string "x"/,
    );
    expect(bad((o) => ((o.stateDict as Record<string, unknown>).extra = []))).toThrow(
      /stateDict has "extra"/,
    );
    expect(bad((o) => delete (o.stateDict as Record<string, unknown>)["layer1.mlp_fc2"])).toThrow(
      /stateDict\["layer1.mlp_fc2"\] must be 8 rows of 32 numbers/,
    );
  });
});

describe("MicroGptAdam", () => {
  it("one step is microgpt's update, written out by hand", () => {
    const p = new Value(0.5);
    const adam = new MicroGptAdam([p], { numSteps: 4 });
    p.grad = 0.2;
    adam.step();
    // m = 0.15 * 0.2, v = 0.01 * 0.04; m_hat = m / 0.15 = 0.2, v_hat = v / 0.01 = 0.04; lr_0 = 0.01
    expect(p.data).toBeCloseTo(0.5 - (0.01 * 0.2) / (0.2 + 1e-8), 15);
    expect(p.grad).toBe(0);
    expect(adam.lrAt(1)).toBeCloseTo(0.0075, 15);
    p.grad = Number.NaN;
    expect(() => adam.step()).toThrow(/has grad NaN; refusing to update/);
    expect(() => new MicroGptAdam([p], { numSteps: 0 })).toThrow(/numSteps must be an integer >= 1/);
    expect(() => new MicroGptAdam([p], { numSteps: 1, beta1: 1 })).toThrow(
      /beta1 must be a number in \[0, 1\)/,
    );
  });
});

describe("sampling and the trainer", () => {
  it("sampleMicroGpt continues the generator it is given and checks its options", () => {
    const model = tiny();
    const a = sampleMicroGpt(model, new PyRandom(5), { count: 5, temperature: 1 });
    const b = sampleMicroGpt(model, new PyRandom(5), { count: 5, temperature: 1 });
    expect(a).toEqual(b);
    for (const s of a) expect(s).toMatch(/^[abc]{0,6}$/);
    expect(sampleMicroGpt(model, new PyRandom(5), { count: 0 })).toEqual([]);
    expect(() => sampleMicroGpt(model, new PyRandom(5), { temperature: 0 })).toThrow(
      /temperature must be a finite number > 0, got number 0/,
    );
    expect(() => sampleMicroGpt(model, new PyRandom(5), { count: -1 })).toThrow(
      /count must be an integer >= 0/,
    );
  });

  it("trains on any documents, counts the ones longer than the context, and stops after its steps", () => {
    const docs = ["abcabcabc", "ab", "ba", "cab"];
    const t = new MicroGptTrainer({ docs, steps: 3, config: { blockSize: 8, nEmbd: 8, nHead: 2 } });
    expect(t.truncatedDocs).toBe(1);
    expect(t.tokenizer.uchars).toEqual(["a", "b", "c"]);
    expect([...t.docs].sort()).toEqual([...docs].sort());
    for (let i = 0; i < 3; i++) expect(Number.isFinite(t.step())).toBe(true);
    expect(t.done).toBe(true);
    expect(() => t.step()).toThrow(/the run's 3 steps are done/);
    expect(t.sample({ count: 3 }).length).toBe(3);
  });

  it("rejects bad options clearly", () => {
    expect(() => new MicroGptTrainer({ steps: 0 })).toThrow(/steps must be an integer >= 1, got number 0/);
    expect(() => new MicroGptTrainer({ docs: [] })).toThrow(/docs must be a non-empty array of strings/);
    expect(() => new MicroGptTrainer({ docs: ["a", ""] })).toThrow(/docs\[1\] must be a non-empty string/);
    expect(() => new MicroGptTrainer({ seed: 0.5 })).toThrow(/seed must be a safe integer or a bigint/);
    expect(() => new MicroGptTrainer({ learningRate: -1 })).toThrow(/learningRate must be a number in \[0,/);
  });

  it("the default docs are makemore's 32,033 names", () => {
    expect(names().length).toBe(32033);
    expect(new MicroGptTrainer({ steps: 1 }).truncatedDocs).toBe(0); // the longest name is 15 characters
  });
});
