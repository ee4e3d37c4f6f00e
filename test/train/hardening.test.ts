/**
 * Issue 22's library cases: a model too big is refused before it is allocated, labels a loss cannot use
 * are refused with the convention, misspelled option keys throw naming the known ones, and a bad input
 * row is named by row and column.
 */
import { describe, expect, it } from "vitest";
import {
  Adam,
  compile,
  crossEntropy,
  evaluateProgram,
  getDataset,
  MLP,
  makeMoons,
  mseLoss,
  SGD,
  svmLoss,
  Trainer,
  toDot,
  train,
  Value,
} from "../../packages/micrograd-ts/src/index.js";
import { SizeLimitError } from "../../packages/micrograd-ts/src/limits/index.js";

describe("MLP size", () => {
  it("refuses MLP(2, [1e9]) from its size, before allocating (it ran 45 s, then V8 ran out of heap)", () => {
    const make = () => new MLP(2, [1e9]);
    expect(make).toThrow(SizeLimitError);
    // 3e9 parameters (2 weights and a bias per neuron)
    expect(make).toThrow(
      /^new MLP\(nin, nouts, options\): MLP\(2, \[1000000000\]\) \(3\.0 billion parameters\) needs ~/,
    );
    expect(make).toThrow(/the limit is 1\.0 GB; use smaller layers \(or raise options\.memoryLimit/);
    // the limit is an option; a normal model is unaffected
    expect(() => new MLP(2, [16, 16, 1], { memoryLimit: 1000 })).toThrow(SizeLimitError);
    expect(new MLP(2, [16, 16, 1]).parameterCount).toBe(337);
  });
});

describe("label conventions", () => {
  const scores = [new Value(0.5), new Value(-0.5)];

  it("svmLoss takes labels -1 and +1 and refuses 0/1 class indices, saying so", () => {
    expect(() => svmLoss(scores, [0, 1])).toThrow(
      /^svmLoss\(scores, ys\): ys\[0\] is 0; svmLoss takes labels -1 and \+1/,
    );
    expect(() => svmLoss(scores, [1, 2])).toThrow(/ys\[1\] is 2/);
    // mean of relu(1 - y·s): relu(1 - 0.5) and relu(1 - 0.5) = 0.5 each
    expect(svmLoss(scores, [1, -1]).data).toBe(0.5);
  });

  it("the Trainer takes class indices, refuses ±1 labels with the convention, and quotes string classes", () => {
    const model = new MLP(2, [1], { seed: 1 });
    const trainer = new Trainer({
      model,
      optimizer: new SGD(model.parameters(), { lr: 0.1 }),
      nClasses: 2,
      loss: "svm",
      engine: "compiled",
    });
    const x = [
      [0, 1],
      [1, 0],
    ];
    expect(() => trainer.step(x, [1, -1])).toThrow(
      /^Trainer\.step: classes\[1\] is number -1; classes are indices from 0 to 1 \(for labels -1\/\+1 pass \(y \+ 1\) \/ 2\)/,
    );
    expect(() => trainer.step(x, [0, "1" as unknown as number])).toThrow(/classes\[1\] is string "1"/);
    expect(() => trainer.evaluate(x, [0, 2])).toThrow(/^Trainer\.evaluate: classes\[1\] is number 2/);
    expect(trainer.steps).toBe(0);
    expect(Number.isFinite(trainer.step(x, [1, 0]))).toBe(true);
  });
});

describe("a NaN in an input row", () => {
  for (const engine of ["compiled", "object"] as const) {
    it(`Trainer.step names the row and column (${engine} engine), instead of 'Diverged … the loss is NaN'`, () => {
      const model = new MLP(2, [4, 1], { seed: 1 });
      const before = model.parameters().map((p) => p.data);
      const trainer = new Trainer({
        model,
        optimizer: new SGD(model.parameters(), { lr: 0.1 }),
        nClasses: 2,
        loss: "svm",
        engine,
      });
      const x = [
        [0, 1],
        [1, 0],
        [0.5, Number.NaN],
      ];
      expect(() => trainer.step(x, [0, 1, 1])).toThrow(
        /^Trainer\.step: x\[2\]\[1\] is NaN; every input must be a finite number$/,
      );
      expect(() => trainer.step([[0, "1" as unknown as number]], [0])).toThrow(/x\[0\]\[1\] is string "1"/);
      expect(model.parameters().map((p) => p.data)).toEqual(before); // nothing was updated
    });
  }
});

describe("unknown option keys", () => {
  it("throw naming the known keys, the closest first (a misspelling was ignored)", () => {
    expect(() => new MLP(2, [4], { sede: 1 } as never)).toThrow(
      /^new MLP\(nin, nouts, options\): unknown option "sede" \(did you mean "seed"\?\); the options are seed, /,
    );
    const model = new MLP(2, [1], { seed: 1 });
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    expect(
      () =>
        new Trainer({ model, optimizer, nClasses: 2, loss: "svm", engine: "compiled", alhpa: 1e-4 } as never),
    ).toThrow(
      /^new Trainer\(options\): unknown option "alhpa" \(did you mean "alpha"\?\); the options are alpha, /,
    );
    const data = makeMoons({ n: 10 });
    expect(() =>
      train({
        model,
        optimizer,
        nClasses: 2,
        loss: "svm",
        engine: "compiled",
        x: data.x,
        classes: data.y,
        steps: 1,
        batchSize: 0,
        stpes: 3,
      } as never),
    ).toThrow(/^train\(options\): unknown option "stpes" \(did you mean "steps"\?\)/);
  });

  it("every option object of the public API is checked", () => {
    const v = new Value(1);
    const p = [v];
    const cases: [() => unknown, RegExp][] = [
      [
        () => new SGD(p, { lr: 0.1, momentun: 0.9 } as never),
        /new SGD\(params, options\): unknown option "momentun" \(did you mean "momentum"\?\)/,
      ],
      [
        () => new Adam(p, { betas1: 0.9 } as never),
        /new Adam\(params, options\): unknown option "betas1" \(did you mean "betas"\?\)/,
      ],
      [
        () => mseLoss([v], [1], { reduce: "sum" } as never),
        /mseLoss\(preds, targets\): unknown option "reduce"/,
      ],
      [
        () => crossEntropy([v, v], 0, { from: "llm101n" } as never),
        /unknown option "from" \(did you mean "form"\?\)/,
      ],
      [
        () => toDot(v, { rankDir: "TB" } as never),
        /toDot\(root, options\): unknown option "rankDir" \(did you mean "rankdir"\?\)/,
      ],
      [
        () => evaluateProgram("a = 1", { input: {} } as never),
        /unknown option "input" \(did you mean "inputs"\?\)/,
      ],
      [
        () => compile(v, { keepnodes: false } as never),
        /compile\(root, options\): unknown option "keepnodes" \(did you mean "keepNodes"\?\)/,
      ],
      [
        () => makeMoons({ nosie: 0.1 } as never),
        /makeMoons\(options\): unknown option "nosie" \(did you mean "noise"\?\)/,
      ],
      [() => getDataset("lecture", { n: 50 }), /getDataset\("lecture", options\): takes no options, got "n"/],
    ];
    for (const [f, message] of cases) expect(f).toThrow(message);
  });
});
