import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { intArg, layersArg, numberArg } from "../../packages/micrograd-cli/src/cli/args.js";
import { CheckFailed, describeFailure, UsageError } from "../../packages/micrograd-cli/src/cli/errors.js";
import { FileError } from "../../packages/micrograd-cli/src/cli/files.js";
import { modelBoundarySvg, pyFloat, stepLine } from "../../packages/micrograd-cli/src/cli/output.js";
import { decisionBoundarySvg } from "../../packages/micrograd-cli/src/render/plots.js";
import { buildMoonsDemoLoss } from "../../packages/micrograd-ts/src/examples/index.js";
import {
  Adam,
  DivergedError,
  MLP,
  makeMoons,
  predictClass,
  Rng,
  type TrainLossName,
  train,
  trainLoss,
} from "../../packages/micrograd-ts/src/index.js";
import { buildBatchGraph } from "../../packages/micrograd-ts/src/train/batch.js";

/** The loss of one batch as the library's trainer builds it (its batch graph, filled with `x`). */
function batchLoss(
  model: MLP,
  x: number[][],
  classes: number[],
  nClasses: number,
  loss: TrainLossName,
  alpha: number,
) {
  return buildBatchGraph({ model, loss: trainLoss(loss), nClasses, alpha, capacity: x.length }, x, classes);
}

describe("flag parsers", () => {
  it("numberArg", () => {
    expect(numberArg()("-2.5")).toBe(-2.5);
    expect(numberArg("positive")("1e-3")).toBe(0.001);
    expect(numberArg("nonnegative")("0")).toBe(0);
    expect(() => numberArg("positive")("0")).toThrow(InvalidArgumentError);
    expect(() => numberArg()("abc")).toThrow(/expected a number/);
    expect(() => numberArg()("")).toThrow(InvalidArgumentError);
    expect(() => numberArg()("Infinity")).toThrow(InvalidArgumentError);
  });

  it("intArg", () => {
    expect(intArg(1)("100")).toBe(100);
    expect(() => intArg(1)("0")).toThrow(/integer >= 1/);
    expect(() => intArg(1, 10)("11")).toThrow(/from 1 to 10/);
    expect(() => intArg(0)("2.5")).toThrow(InvalidArgumentError);
    expect(() => intArg(0)("1e3")).toThrow(InvalidArgumentError);
  });

  it("layersArg", () => {
    expect(layersArg("16,16")).toEqual([16, 16]);
    expect(layersArg(" 8 , 4 ")).toEqual([8, 4]);
    expect(layersArg("")).toEqual([]);
    expect(() => layersArg("16,x")).toThrow(/'x' is not a layer size/);
    expect(() => layersArg("16,0")).toThrow(InvalidArgumentError);
    expect(() => layersArg("16,,8")).toThrow(InvalidArgumentError);
  });
});

describe("describeFailure", () => {
  it("maps bad input to exit code 2, failed checks to 1, anything else to an internal error", () => {
    expect(describeFailure(new UsageError("u"))).toEqual({ code: 2, text: "u" });
    expect(describeFailure(new FileError("f", "p"))).toEqual({ code: 2, text: "f" });
    expect(describeFailure(new RangeError("r\nmore"))).toEqual({ code: 2, text: "r" });
    expect(describeFailure(new CheckFailed("c"))).toEqual({ code: 1, text: "c" });
    expect(describeFailure(new Error("boom")).code).toBe(1);
    expect(describeFailure(new Error("boom")).text).toMatch(/^internal error: boom/);
  });
});

describe("output formatting", () => {
  it("pyFloat prints floats as Python does", () => {
    expect(pyFloat(50)).toBe("50.0");
    expect(pyFloat(0.25)).toBe("0.25");
    expect(pyFloat(28.999999999999996)).toBe("28.999999999999996");
    expect(pyFloat(1e-5)).toBe("1e-05");
    expect(pyFloat(1.5e16)).toBe("1.5e+16");
    expect(pyFloat(-0.0001)).toBe("-0.0001");
    expect(pyFloat(Number.NaN)).toBe("nan");
  });

  it("stepLine is the notebook's line", () => {
    expect(stepLine(0, 0.5, 0.5)).toBe("step 0 loss 0.5, accuracy 50.0%");
    expect(stepLine(99, 0.0123, 1)).toBe("step 99 loss 0.0123, accuracy 100.0%");
  });
});

describe("model helpers", () => {
  it("predictClass: the sign for one output, the argmax for several", () => {
    expect(predictClass([0.3])).toBe(1);
    expect(predictClass([-0.3])).toBe(0);
    expect(predictClass([0.1, 2, -1])).toBe(1);
    expect(predictClass([3, 2, 1])).toBe(0);
  });
});

describe("modelBoundarySvg", () => {
  it("colours the mesh from the model's own forward: the picture model.forward draws point by point", () => {
    const data = makeMoons({ n: 30, seed: 2 });
    for (const model of [
      new MLP(2, [16, 16, 1], { seed: 5 }),
      new MLP(2, [6, 3], { seed: 6, activation: "tanh" }),
    ]) {
      const k = Math.max(2, model.nouts[model.nouts.length - 1]);
      const ours = modelBoundarySvg(model, data, k, "t");
      const byForward = decisionBoundarySvg({
        x: data.x,
        y: data.y,
        nClasses: k,
        title: "t",
        scores: (a, b) => model.forward([a, b]).map((v) => v.data),
      });
      expect(ours).toBe(byForward);
    }
  });
});

describe("trainer", () => {
  it("batchLoss with svm is micrograd's demo loss", () => {
    const data = makeMoons({ n: 20, seed: 3 });
    const model = new MLP(2, [8, 1], { rng: new Rng(3) });
    const ours = batchLoss(model, data.x, data.y, 2, "svm", 1e-4).loss.data;
    const demo = buildMoonsDemoLoss(
      model,
      data.x,
      data.y.map((c) => c * 2 - 1),
    ).loss.data;
    expect(ours).toBe(demo);
  });

  it("ce and mse losses are built per class", () => {
    const model = new MLP(2, [3], { seed: 1 });
    const x = [[0.1, 0.2]];
    const out = model.forward(x[0]).map((v) => v.data);
    const ce = batchLoss(model, x, [2], 3, "ce", 0).loss.data;
    const lse = Math.log(out.reduce((s, v) => s + Math.exp(v), 0));
    expect(ce).toBeCloseTo(lse - out[2], 12);
    const mse = batchLoss(model, x, [2], 3, "mse", 0).loss.data;
    expect(mse).toBeCloseTo((out[0] ** 2 + out[1] ** 2 + (out[2] - 1) ** 2) / 3, 12);
  });

  it("the object and compiled engines give the same run", () => {
    const data = makeMoons({ n: 30, seed: 5 });
    const runWith = (engine: "object" | "compiled") => {
      const model = new MLP(2, [6, 1], { rng: new Rng(9) });
      const optimizer = new Adam(model.parameters(), { lr: 0.05 });
      return train({
        model,
        optimizer,
        x: data.x,
        classes: data.y,
        nClasses: 2,
        loss: "svm",
        alpha: 1e-4,
        steps: 8,
        batchSize: 10,
        engine,
      });
    };
    const a = runWith("object");
    const b = runWith("compiled");
    expect(a.losses).toHaveLength(8);
    expect(b.losses).toEqual(a.losses);
    expect(b.accuracies).toEqual(a.accuracies);
    expect(a.losses[7]).toBeLessThan(a.losses[0]);
  });
});

describe("program-source", () => {
  it("takes the program from the argument or --file, not both, not neither", async () => {
    const { programText, evaluateOrExplain } = await import(
      "../../packages/micrograd-cli/src/cli/program-source.js"
    );
    await expect(programText("a = 1", undefined)).resolves.toBe("a = 1");
    await expect(programText("a = 1", "f.txt")).rejects.toThrow(/either as an argument or with --file/);
    await expect(programText(undefined, undefined)).rejects.toThrow(/missing program/);
    await expect(programText(undefined, "/nonexistent/prog.txt")).rejects.toThrow(
      /^--file \/nonexistent\/prog.txt: cannot read the file: no such file or folder$/,
    );
    expect(evaluateOrExplain("a = 2; a * 3").output.data).toBe(6);
    expect(() => evaluateOrExplain("a = (1")).toThrow(UsageError);
    expect(() => evaluateOrExplain("a = (1")).toThrow("program 1:7: expected ')' at: a = (1\u25b8");
  });

  it("shows at most 30 characters on each side of a parse error, on one line", async () => {
    const { oneLineParseError } = await import("../../packages/micrograd-cli/src/cli/program-source.js");
    const { ParseError } = await import("../../packages/micrograd-ts/src/index.js");
    const line = `x = 1 + ${"y".repeat(100)} + 2`;
    const e = new ParseError("unknown name", line, 8, 100);
    expect(oneLineParseError(e, line)).toBe(`1:9: unknown name at: x = 1 + \u25b8${"y".repeat(30)}…`);
    const long = `${"z".repeat(50)}?`;
    expect(oneLineParseError(new ParseError("bad", long, 50), long)).toBe(
      `1:51: bad at: …${"z".repeat(30)}\u25b8?`,
    );
    const two = "a = 1\n\tb = (a";
    expect(oneLineParseError(new ParseError("expected ')'", two, two.length), two)).toBe(
      "2:8: expected ')' at:  b = (a\u25b8",
    );
  });
});

describe("the supervisor's decisions", () => {
  it("runs demo, train and yinyang in a child; the object engine gets a bigger young generation", async () => {
    const { supervisedCommand, wantsObjectEngine, interruptedLine } = await import(
      "../../packages/micrograd-cli/src/cli/supervisor.js"
    );
    expect(supervisedCommand(["train", "--n", "5"])).toBe("train");
    expect(supervisedCommand(["--no-color", "demo"])).toBe("demo");
    expect(supervisedCommand(["graph", "a = 1; a"])).toBeUndefined();
    expect(supervisedCommand(["--help"])).toBeUndefined();
    expect(wantsObjectEngine(["demo", "--engine", "object"])).toBe(true);
    expect(wantsObjectEngine(["demo", "--engine=object"])).toBe(true);
    expect(wantsObjectEngine(["demo", "--engine", "compiled"])).toBe(false);
    expect(interruptedLine("SIGINT", [])).toBe("micrograd: interrupted (Ctrl-C); nothing was written");
    expect(interruptedLine("SIGINT", ["out/a", "out/b"])).toBe(
      "micrograd: interrupted (Ctrl-C); wrote out/a, out/b before stopping (no partial files left)",
    );
    expect(interruptedLine("SIGABRT", [])).toMatch(/^micrograd: stopped by SIGABRT \(.*memory runs out\)/);
  });
});

describe("the memory limit", () => {
  it("parses sizes in powers of 1024 and reads MICROGRAD_MEMORY_LIMIT", async () => {
    const { parseSize, memoryLimit, MEMORY_ENV } = await import(
      "../../packages/micrograd-cli/src/cli/memory.js"
    );
    expect(parseSize("500MB")).toBe(500 * 2 ** 20);
    expect(parseSize("1.5 gb")).toBe(1.5 * 2 ** 30);
    expect(parseSize("4096")).toBe(4096);
    expect(parseSize("lots")).toBeUndefined();
    expect(parseSize("0")).toBeUndefined();
    const before = process.env[MEMORY_ENV];
    try {
      process.env[MEMORY_ENV] = "64MB";
      expect(memoryLimit()).toBe(64 * 2 ** 20);
      process.env[MEMORY_ENV] = "x";
      expect(() => memoryLimit()).toThrow(UsageError);
      delete process.env[MEMORY_ENV];
      // 75% of V8's heap limit: several GB on a 64-bit machine
      expect(memoryLimit()).toBeGreaterThan(2 ** 30);
    } finally {
      if (before === undefined) delete process.env[MEMORY_ENV];
      else process.env[MEMORY_ENV] = before;
    }
  });
});

describe("model files", () => {
  it("jsonErrorPlace finds the line and column of JSON.parse's error", async () => {
    const { jsonErrorPlace } = await import("../../packages/micrograd-cli/src/cli/model.js");
    const place = (text: string) => {
      try {
        JSON.parse(text);
      } catch (e) {
        return jsonErrorPlace(text, (e as Error).message);
      }
      return "parsed";
    };
    expect(place('{"a": 1,\n "b": [NaN]}')).toBe("line 2, column 8");
    expect(place('{"a": "NaN", "b": true, "c": Infinity}')).toBe("line 1, column 30");
    expect(place('{"a": 1,')).toBe("line 1, column 9");
  });
});

describe("training that diverges", () => {
  it("stops with DivergedError naming the step, before any update", () => {
    const model = new MLP(2, [4, 1], { seed: 1 });
    const before = model.parameters().map((p) => p.data);
    const optimizer = new Adam(model.parameters(), { lr: 0.1 });
    expect(() =>
      train({
        model,
        optimizer,
        x: [[0.5, 1]], // a NaN input is refused by row and column before any step, not as a divergence
        classes: [1],
        nClasses: 2,
        loss: "svm",
        alpha: 1e308, // alpha · Σp² overflows to Infinity at the first step
        steps: 3,
        batchSize: 0,
        engine: "object",
      }),
    ).toThrow(DivergedError);
    expect(model.parameters().map((p) => p.data)).toEqual(before);
  });
});
