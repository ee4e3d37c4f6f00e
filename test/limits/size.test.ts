import { describe, expect, it } from "vitest";
import {
  CharTokenizer,
  documentLoss,
  MicroGpt,
  MLP,
  type MLPOptions,
  PyRandom,
  SGD,
  Trainer,
  topoOrder,
  Value,
} from "../../packages/micrograd-ts/src/index.js";
import {
  checkMemory,
  estimateGptTraining,
  estimateMlpModel,
  estimateStep,
  formatBytes,
  formatCount,
  gptDocumentNodes,
  gptParameterCount,
  graphBytes,
  largestBatch,
  type MlpShape,
  mlpForwardNodes,
  mlpParameterCount,
  mlpSignature,
  SizeLimitError,
} from "../../packages/micrograd-ts/src/limits/index.js";

/** A shape's MLP options (the shape's nin and nouts are not options: MLP refuses unknown keys). */
function optionsOf(s: MlpShape): MLPOptions {
  const { nin: _nin, nouts: _nouts, ...options } = s;
  return options;
}

const shapes = [
  { nin: 2, nouts: [16, 16, 1] },
  { nin: 2, nouts: [8, 3], activation: "tanh" as const },
  { nin: 3, nouts: [4, 4, 1], activation: "tanh" as const, outputActivation: "tanh" as const },
  { nin: 2, nouts: [1] },
  { nin: 5, nouts: [7, 2], activation: "linear" as const },
  { nin: 2, nouts: [3, 5, 4], activation: "sigmoid" as const },
  { nin: 2, nouts: [16, 16, 1], fused: true },
  { nin: 3, nouts: [8, 3], activation: "tanh" as const, fused: true },
];

describe("MLP size estimates", () => {
  it("counts parameters as MLP does", () => {
    for (const s of shapes)
      expect(mlpParameterCount(s)).toBe(new MLP(s.nin, s.nouts, { ...optionsOf(s), seed: 1 }).parameterCount);
  });

  it("counts exactly the nodes one forward pass creates (the real graph, minus the parameters)", () => {
    for (const s of shapes) {
      const model = new MLP(s.nin, s.nouts, { ...optionsOf(s), seed: 1 });
      const x = Array.from({ length: s.nin }, (_, i) => 0.3 * i - 0.2);
      const out = model.forward(x);
      const params = new Set(model.parameters());
      const nodes = new Set(out.flatMap((o) => topoOrder(o)));
      const created = [...nodes].filter((v) => !params.has(v)).length;
      expect(mlpForwardNodes(s), mlpSignature(s)).toBe(created);
    }
  });

  it("turns nodes into bytes by engine, and finds the largest batch that fits", () => {
    expect(graphBytes(1000, "object")).toBe(280_000);
    expect(graphBytes(1000, "compiled")).toBe(190_000);
    expect(estimateStep(65_100, 337, "compiled")).toEqual({
      nodes: 65_100,
      parameters: 337,
      bytes: 65_100 * 190,
    });
    // a step graph of 1,000 Values plus 650 per example: the largest batch found by walking up to it
    const size = (k: number) => 1000 + 650 * k;
    const limit = 50 * 2 ** 20;
    let walked = 0;
    while (graphBytes(size(walked + 1), "object") <= limit) walked++;
    expect(largestBatch(size, limit, "object", 1e9)).toBe(walked);
    expect(largestBatch(size, limit, "object", 10)).toBe(10);
    expect(largestBatch((k) => 1e9 * k, limit, "object", 10)).toBe(0);
    const m = estimateMlpModel({ nin: 1e9, nouts: [1] });
    expect(m.parameters).toBe(1e9 + 1);
    expect(m.bytes).toBeGreaterThan(1e11);
  });

  it("rejects shapes that are not sizes", () => {
    expect(() => mlpParameterCount({ nin: 0, nouts: [1] })).toThrow(RangeError);
    expect(() => mlpForwardNodes({ nin: 2, nouts: [] })).toThrow(/nouts/);
  });
});

describe("checkMemory and the formats", () => {
  it("says what was asked, the estimate, the limit and what to do, in one line", () => {
    const est = { nodes: 68_100_000, parameters: 337, bytes: 19 * 2 ** 30 };
    expect(() => checkMemory("one step", est, 3 * 2 ** 30, "use --batch-size 100")).toThrow(SizeLimitError);
    let msg = "";
    try {
      checkMemory("one step", est, 3 * 2 ** 30, "use --batch-size 100");
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toBe(
      "one step needs ~19 GB (68.1 million graph nodes); the limit is 3.0 GB; use --batch-size 100",
    );
    expect(() => checkMemory("x", { ...est, bytes: 10 }, 10, "")).not.toThrow();
    expect(() => checkMemory("x", est, 0, "")).toThrow(/limit/);
  });

  it("formats bytes and counts", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(3 * 2 ** 30)).toBe("3.0 GB");
    expect(formatBytes(12.4 * 2 ** 30)).toBe("12 GB");
    expect(formatBytes(1.4e12)).toBe("1.3 TB");
    expect(formatCount(980)).toBe("980");
    expect(formatCount(65_814)).toBe("65,814");
    expect(formatCount(68_123_456)).toBe("68.1 million");
    expect(formatCount(1.0e10)).toBe("10.0 billion");
  });
});

describe("README: how big a run is", () => {
  it("the example's numbers", () => {
    const shape = { nin: 2, nouts: [16, 16, 1], activation: "relu" as const };
    expect(mlpParameterCount(shape)).toBe(337);
    const model = new MLP(2, [16, 16, 1]);
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const trainer = new Trainer({
      model,
      optimizer,
      loss: "svm",
      nClasses: 2,
      alpha: 1e-4,
      engine: "compiled",
    });
    // per example: 2 input leaves, 16 * (2 * 2 + 1) + 16 * (2 * 16 + 1) + 2 * 16 forward nodes, 9 for the
    // svm loss (target leaf, weight leaf, product, 1 - y * score, relu, weight * loss, its share of the sum,
    // ...); once: the mean's 3 nodes and micrograd's L2 term (p * p and + per parameter) beside the parameters
    expect(trainer.graphSize(100)).toBe(100 * (2 + 80 + 528 + 32 + 9) + 3 + 3 * 337);
    const step = estimateStep(trainer.graphSize(100_000), 337, "compiled");
    expect(step).toEqual({ nodes: 65_101_014, parameters: 337, bytes: 12_369_192_660 });
    expect(largestBatch((k) => trainer.graphSize(k), 2 ** 30, "object", 100_000)).toBe(5889);
    expect(() => checkMemory("one step on 100,000 points", step, 2 ** 30, "use a smaller batch")).toThrow(
      "one step on 100,000 points needs ~12 GB (65.1 million graph nodes); the limit is 1.0 GB; use a smaller batch",
    );
  });
});

describe("microgpt size estimates", () => {
  const configs = [
    { nLayer: 1, nEmbd: 16, nHead: 4, blockSize: 16 },
    { nLayer: 2, nEmbd: 8, nHead: 2, blockSize: 8 },
    { nLayer: 1, nEmbd: 32, nHead: 8, blockSize: 12 },
  ];
  const docs = ["emma", "olivia", "ava", "isabella", "sophia", "charlotte", "mia"];

  it("counts parameters as the model does", () => {
    const tokenizer = CharTokenizer.fromDocs(docs);
    for (const c of configs) {
      const model = new MicroGpt(c, tokenizer, new PyRandom(1));
      expect(gptParameterCount({ ...c, vocabSize: tokenizer.vocabSize })).toBe(model.parameterCount);
    }
  });

  it("bounds a document's loss graph from above, within 20% (plain ids and index leaves)", () => {
    const tokenizer = CharTokenizer.fromDocs(docs);
    for (const c of configs) {
      const model = new MicroGpt(c, tokenizer, new PyRandom(1));
      const shape = { ...c, vocabSize: tokenizer.vocabSize };
      const params = new Set(model.parameters());
      for (const doc of ["ava", "charlotte", "isabellaisabella"]) {
        const ids = tokenizer.encode(doc);
        const positions = Math.min(c.blockSize, ids.length - 1);
        for (const tokens of [ids, ids.map((id) => new Value(id))]) {
          const real = topoOrder(documentLoss(model, tokens)).filter((v) => !params.has(v)).length;
          const est = gptDocumentNodes(shape, positions);
          expect(est, `${JSON.stringify(c)} ${doc}`).toBeGreaterThanOrEqual(real);
          expect(est / real, `${JSON.stringify(c)} ${doc}`).toBeLessThan(1.2);
        }
      }
    }
  });

  it("the compiled engine keeps one graph per document length", () => {
    const g = { nLayer: 1, nEmbd: 16, nHead: 4, blockSize: 16, vocabSize: 27 };
    const compiled = estimateGptTraining(g, "compiled");
    let sum = 0;
    for (let n = 1; n <= 16; n++) sum += gptDocumentNodes(g, n);
    expect(compiled.nodes).toBe(gptParameterCount(g) + sum);
    expect(estimateGptTraining(g, "object").nodes).toBe(gptParameterCount(g) + gptDocumentNodes(g, 16));
    // --n-layer 64 --n-embd 4096: 12.9 billion parameters
    expect(estimateGptTraining({ ...g, nLayer: 64, nEmbd: 4096 }, "compiled").parameters).toBeGreaterThan(
      1.2e10,
    );
  });
});
