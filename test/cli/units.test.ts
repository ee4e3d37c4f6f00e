import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { intArg, layersArg, numberArg } from "../../packages/micrograd-cli/src/cli/args.js";
import { CheckFailed, describeFailure, UsageError } from "../../packages/micrograd-cli/src/cli/errors.js";
import { numericForward, predictClass } from "../../packages/micrograd-cli/src/cli/model.js";
import { pyFloat, stepLine } from "../../packages/micrograd-cli/src/cli/output.js";
import { batchLoss, train } from "../../packages/micrograd-cli/src/cli/trainer.js";
import { FileError } from "../../packages/micrograd-cli/src/render/files.js";
import { buildMoonsDemoLoss } from "../../packages/micrograd-ts/src/examples/index.js";
import { Adam, MLP, makeMoons, Rng } from "../../packages/micrograd-ts/src/index.js";

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

  it("numericForward matches MLP.forward", () => {
    for (const activation of ["relu", "tanh", "sigmoid"] as const) {
      const model = new MLP(3, [5, 4, 2], { activation, seed: 7 });
      const f = numericForward(model.toJSON());
      const x = [0.3, -1.2, 2];
      const want = model.forward(x).map((v) => v.data);
      const got = f(x);
      got.forEach((g, i) => {
        expect(g).toBeCloseTo(want[i] as number, 12);
      });
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
    const out = model.forward(x[0] as number[]).map((v) => v.data);
    const ce = batchLoss(model, x, [2], 3, "ce", 0).loss.data;
    const lse = Math.log(out.reduce((s, v) => s + Math.exp(v), 0));
    expect(ce).toBeCloseTo(lse - (out[2] as number), 12);
    const mse = batchLoss(model, x, [2], 3, "mse", 0).loss.data;
    expect(mse).toBeCloseTo(
      ((out[0] as number) ** 2 + (out[1] as number) ** 2 + ((out[2] as number) - 1) ** 2) / 3,
      12,
    );
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
    expect(a.losses[7]).toBeLessThan(a.losses[0] as number);
  });
});

describe("program-source", () => {
  it("takes the program from the argument or --file, not both, not neither", async () => {
    const { programText, evaluateOrExplain } = await import(
      "../../packages/micrograd-cli/src/cli/program-source.js"
    );
    expect(programText("a = 1", undefined)).toBe("a = 1");
    expect(() => programText("a = 1", "f.txt")).toThrow(/either as an argument or with --file/);
    expect(() => programText(undefined, undefined)).toThrow(/missing program/);
    expect(() => programText(undefined, "/nonexistent/prog.txt")).toThrow(
      /^--file \/nonexistent\/prog.txt: cannot read the file: no such file or folder$/,
    );
    expect(evaluateOrExplain("a = 2; a * 3").output.data).toBe(6);
    expect(() => evaluateOrExplain("a = (1")).toThrow(UsageError);
    expect(() => evaluateOrExplain("a = (1")).toThrow(
      "program 1:7: expected ')'\n  1 | a = (1\n    |       ^",
    );
  });
});
