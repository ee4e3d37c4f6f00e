/**
 * The model file: written by serializeModelFile / modelFile, read back by parseModelFile, every bad field
 * answered in one line naming it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import {
  checkModelInfo,
  MLP,
  type ModelInfo,
  modelFile,
  parseModelFile,
  serializeModelFile,
  VERSION,
} from "../../packages/micrograd-ts/src/index.js";

const model = new MLP(2, [3, 3], { seed: 5 });
const info: ModelInfo = {
  dataset: "flowers",
  loss: "ce",
  nClasses: 3,
  seed: 5,
  layers: [3],
  activation: "relu",
  optimizer: "adam",
  lr: 0.05,
  l2: 1e-4,
  steps: 10,
  batchSize: 0,
  engine: "compiled",
  trainFraction: 0.8,
  target: "kind",
  features: ["a", "b"],
  classes: ["x", "y", "z"],
  standardization: { mean: [1, 2], std: [0.5, 3] },
};

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    const msg = (e as Error).message;
    expect(msg).not.toContain("\n");
    return msg;
  }
  throw new Error("expected an error");
}

describe("the model file", () => {
  it("VERSION is the package's version", () => {
    const pkg = JSON.parse(
      readFileSync(new URL("../../packages/micrograd-ts/package.json", import.meta.url), "utf8"),
    );
    expect(VERSION).toBe(pkg.version);
  });

  it("round-trips: the text parses back to the same model and record, with the version added", () => {
    const text = serializeModelFile(model, info);
    expect(text.endsWith("}\n")).toBe(true);
    const file = parseModelFile(text);
    expect(file.micrograd).toEqual({ ...info, version: VERSION });
    const back = MLP.fromJSON(file);
    expect(back.forward([0.3, -1]).map((v) => v.data)).toEqual(model.forward([0.3, -1]).map((v) => v.data));
    expect(modelFile(model, { ...info, version: "9.9.9" }).micrograd?.version).toBe("9.9.9");
  });

  it("reads a bare MLP.toJSON() and an older record without the training fields", () => {
    expect(parseModelFile(model.toJSON()).micrograd).toBeUndefined();
    const old = { ...model.toJSON(), micrograd: { dataset: "moons", loss: "ce", nClasses: 3 } };
    expect(parseModelFile(JSON.stringify(old)).micrograd).toEqual({
      dataset: "moons",
      loss: "ce",
      nClasses: 3,
    });
  });

  it("refuses each bad field with one line naming it and what is allowed", () => {
    const bad: [Partial<Record<keyof ModelInfo | "sede", unknown>>, RegExp][] = [
      [{ sede: 1 }, /micrograd.sede is not a field of a model file; the fields are dataset, loss/],
      [{ dataset: 3 }, /micrograd.dataset must be a string, got number 3/],
      [{ loss: "hinge" }, /micrograd.loss must be one of svm, ce/],
      [{ nClasses: 0 }, /micrograd.nClasses must be an integer >= 1/],
      [{ nClasses: 4 }, /the model has 3 outputs, but loss ce with 4 classes needs 4/],
      [{ seed: -1 }, /micrograd.seed must be an integer >= 0/],
      [{ layers: [0] }, /micrograd.layers must be an array of layer sizes >= 1/],
      [{ activation: "gelu" }, /micrograd.activation must be one of/],
      [{ optimizer: "rmsprop" }, /micrograd.optimizer must be one of sgd, adam, adamw/],
      [{ lr: -1 }, /micrograd.lr must be a number > 0/],
      [{ steps: 1.5 }, /micrograd.steps must be an integer >= 0/],
      [{ engine: "gpu" }, /micrograd.engine must be object or compiled/],
      [{ trainFraction: 0 }, /micrograd.trainFraction must be a number in \(0, 1\]/],
      [{ features: ["a"] }, /micrograd.features has 1 names, but the model has 2 inputs/],
      [{ features: ["a", "a"] }, /micrograd.features names one input twice/],
      [{ classes: ["x", 1, "z"] }, /micrograd.classes must be an array of names/],
      [
        { standardization: { mean: [0], std: [1, 1] } },
        /micrograd.standardization.mean must be 2 finite numbers/,
      ],
      [
        { standardization: { mean: [0, 0], std: [1, 0] } },
        /micrograd.standardization.std must be 2 finite numbers > 0/,
      ],
    ];
    for (const [change, message] of bad) {
      const json = { ...model.toJSON(), micrograd: { ...info, ...change } };
      expect(
        errorOf(() => parseModelFile(json)),
        JSON.stringify(change),
      ).toMatch(message);
    }
    expect(errorOf(() => parseModelFile("{"))).toMatch(/model file: not valid JSON/);
    expect(errorOf(() => parseModelFile("[]"))).toMatch(/model file: expected an object/);
    expect(errorOf(() => parseModelFile({ ...model.toJSON(), nin: 0 }))).toMatch(
      /nin must be an integer >= 1/,
    );
    expect(errorOf(() => parseModelFile({ ...model.toJSON(), micrograd: 5 }))).toMatch(
      /micrograd must be an object/,
    );
    expect(errorOf(() => modelFile(model, { ...info, loss: "svm", nClasses: 2 }))).toMatch(
      /the model has 3 outputs, but loss svm with 2 classes needs 1/,
    );
    expect(errorOf(() => checkModelInfo(info, 2, 1))).toMatch(/the model has 1 output,/);
  });
});
