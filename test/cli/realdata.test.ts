/**
 * `micrograd train --csv` and `--dataset digits`, and `predict` with named inputs or a CSV file of rows,
 * run as processes on the built command; bad tables, columns and flags get one line naming them.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MLP, type ModelFile, trainTestSplit } from "../../packages/micrograd-ts/src/index.js";
import { buildCli, expectBadInput, pngSize, type Run, root, runCli, scratchDir } from "../helpers/cli.js";

const work = scratchDir("realdata");
const IRIS = join(root, "examples", "iris", "iris.csv");
let main = "";

beforeAll(() => {
  main = buildCli("realdata-build");
}, 120_000);

function run(...args: string[]): Run {
  return runCli(main, work, args);
}

/** The rows of the iris example, parsed independently of the library (the file has no quotes). */
const irisRows = readFileSync(IRIS, "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => l.split(","));

describe("micrograd train --csv", () => {
  const out = join(work, "iris");
  let r: Run;
  let file: ModelFile;
  beforeAll(() => {
    r = run(
      "train",
      "--csv",
      IRIS,
      "--target",
      "species",
      "--optimizer",
      "adam",
      "--steps",
      "150",
      "--out",
      out,
      "--no-progress",
    );
    file = JSON.parse(readFileSync(join(out, "train-iris-model.json"), "utf8")) as ModelFile;
  }, 120_000);

  it("trains on 80% of the rows and prints train and test accuracy", () => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("MLP(4, [16, 16, 3])");
    expect(r.stdout).toContain("120 training rows, 30 test rows, 3 classes, standardized");
    const m = /train accuracy ([\d.]+)%, test accuracy ([\d.]+)% \(30 test rows\)/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    expect(Number(m?.[1])).toBeGreaterThan(90);
    expect(Number(m?.[2])).toBeGreaterThan(85);
    for (const f of ["training", "confusion"])
      expect(pngSize(join(out, `train-iris-${f}.png`)).width).toBeGreaterThan(100);
  });

  it("records how it was trained, the names and the training rows' standardization in the model file", () => {
    const info = file.micrograd;
    expect(info).toMatchObject({
      dataset: "iris",
      loss: "ce",
      nClasses: 3,
      seed: 42,
      layers: [16, 16],
      activation: "relu",
      optimizer: "adam",
      lr: 0.05,
      steps: 150,
      batchSize: 0,
      engine: "compiled",
      trainFraction: 0.8,
      target: "species",
      features: ["sepal_length", "sepal_width", "petal_length", "petal_width"],
      classes: ["setosa", "versicolor", "virginica"],
    });
    const pkg = JSON.parse(readFileSync(join(root, "packages", "micrograd-ts", "package.json"), "utf8"));
    expect(info?.version).toBe(pkg.version);
    // the mean and population std of the training rows only: trainTestSplit's rows for seed 42, 0.8
    const { train } = trainTestSplit(
      {
        name: "iris",
        x: irisRows.map((row) => row.slice(0, 4).map(Number)),
        y: irisRows.map(() => 0),
        nClasses: 1,
      },
      { seed: 42, trainFraction: 0.8 },
    );
    expect(train.x).toHaveLength(120);
    const s = info?.standardization as { mean: number[]; std: number[] };
    for (let j = 0; j < 4; j++) {
      const mean = train.x.reduce((a, row) => a + row[j], 0) / 120;
      const std = Math.sqrt(train.x.reduce((a, row) => a + (row[j] - mean) ** 2, 0) / 120);
      expect(s.mean[j]).toBeCloseTo(mean, 12);
      expect(s.std[j]).toBeCloseTo(std, 12);
      const allMean = irisRows.reduce((a, row) => a + Number(row[j]), 0) / 150;
      expect(Math.abs(s.mean[j] - allMean)).toBeGreaterThan(1e-6);
    }
  });

  it("predict --input: named features, standardized as in training, print the class name", () => {
    const model = MLP.fromJSON(file);
    const s = file.micrograd?.standardization as { mean: number[]; std: number[] };
    const x = [5.1, 3.5, 1.4, 0.2]; // the first row, a setosa
    const expected = model.forward(x.map((v, j) => (v - s.mean[j]) / s.std[j])).map((v) => v.data);
    const p = run(
      "predict",
      "--model",
      join(out, "train-iris-model.json"),
      "--input",
      "petal_width=0.2,sepal_length=5.1,sepal_width=3.5,petal_length=1.4",
    );
    expect(p.code, p.stderr).toBe(0);
    expect(/^outputs: (.*)$/m.exec(p.stdout)?.[1]?.split(" ").map(Number)).toEqual(expected);
    expect(p.stdout).toMatch(
      /^class: setosa \(probabilities setosa [01]\.\d{4}, versicolor [01]\.\d{4}, virginica [01]\.\d{4}\)$/m,
    );
    // the same input as numbers in order
    const q = run("predict", "--model", join(out, "train-iris-model.json"), "5.1", "3.5", "1.4", "0.2");
    expect(q.stdout).toBe(p.stdout);
  });

  it("predict --csv: a class per row and the accuracy against the file's own class column", () => {
    const p = run("predict", "--model", join(out, "train-iris-model.json"), "--csv", IRIS);
    expect(p.code, p.stderr).toBe(0);
    const lines = p.stdout.trim().split("\n");
    expect(lines).toHaveLength(151);
    expect(lines[0]).toMatch(/^line 2: (setosa|versicolor|virginica)/);
    let right = 0;
    lines.slice(0, 150).forEach((l, i) => {
      if (!l.includes("the file says")) {
        right++;
        expect(l).toBe(`line ${i + 2}: ${irisRows[i][4]}`);
      }
    });
    expect(lines[150]).toBe(
      `accuracy ${((right / 150) * 100).toFixed(1)}% (${right} of 150 rows as the column species says)`,
    );
    expect(right).toBeGreaterThan(135);
  });

  it("bad tables and flags: one line naming the file, line, column or flag", () => {
    const bad = join(work, "bad.csv");
    writeFileSync(bad, "a,b,t\n1,2,x\n3,oops,y\n");
    expectBadInput(
      run("train", "--csv", bad, "--target", "t", "--out", join(work, "b1")),
      `--csv ${bad}`,
      "line 3, column 2",
      "'oops' is not a number",
    );
    writeFileSync(bad, 'a,t\n1,"x\n');
    expectBadInput(
      run("train", "--csv", bad, "--target", "t", "--out", join(work, "b1")),
      "line 2, column 2",
      "never closed",
    );
    expectBadInput(
      run("train", "--csv", IRIS, "--target", "kind"),
      "--target kind",
      "no target column 'kind'",
      "'species'",
    );
    expectBadInput(run("train", "--csv", IRIS), "--target");
    expectBadInput(run("train", "--target", "species"), "--target", "only for --csv");
    expectBadInput(
      run("train", "--csv", IRIS, "--target", "species", "--dataset", "moons"),
      "--dataset and --csv",
    );
    expectBadInput(
      run("train", "--csv", join(work, "missing.csv"), "--target", "t"),
      "missing.csv",
      "cannot read",
    );
    expectBadInput(run("train", "--csv", IRIS, "--target", "species", "--split", "0"), "--split", "(0, 1]");
    expectBadInput(run("train", "--dataset", "digits", "--n", "50"), "--n", "1,797");
  });

  it("bad predict inputs: one line saying what the model takes", () => {
    const m = join(out, "train-iris-model.json");
    expectBadInput(
      run("predict", "--model", m, "--input", "sepal_length=5"),
      "no value for sepal_width, petal_length, petal_width",
    );
    expectBadInput(
      run("predict", "--model", m, "--input", "petal=1"),
      "no feature 'petal'",
      "sepal_length, sepal_width",
    );
    expectBadInput(
      run("predict", "--model", m, "--input", "sepal_length=0x10,sepal_width=1,petal_length=1,petal_width=1"),
      "'0x10' is not a number (finite decimals only",
    );
    expectBadInput(run("predict", "--model", m, "1e308", "1", "1", "1"), "overflowed");
    expectBadInput(
      run("predict", "--model", m, "1", "2"),
      "takes 4 inputs (sepal_length, sepal_width, petal_length, petal_width), got 2",
    );
    expectBadInput(run("predict", "--model", m), "give the input");
    expectBadInput(run("predict", "--model", m, "1", "--input", "a=1"), "give one input");
    const moons = join(work, "moons");
    expect(run("train", "--steps", "2", "--out", moons).code).toBe(0);
    expectBadInput(
      run("predict", "--model", join(moons, "train-moons-model.json"), "--input", "x=1"),
      "does not name its inputs",
    );
    expectBadInput(
      run("predict", "--model", join(moons, "train-moons-model.json"), "--csv", IRIS),
      "does not name its inputs",
    );
  });
});

describe("micrograd train --dataset digits", () => {
  const out = join(work, "digits");
  let r: Run;
  beforeAll(() => {
    r = run("train", "--dataset", "digits", "--out", out, "--no-progress");
  }, 300_000);

  it("reaches at least 95% test accuracy with the documented defaults (split 0.8, seed 42)", () => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      "training MLP(64, [32, 10]) (relu) on digits (1,438 training rows, 359 test rows, 10 classes, pixels / 16): loss ce, adam lr 0.01, 400 steps, batch 64, compiled engine",
    );
    const test = Number(/test accuracy ([\d.]+)%/.exec(r.stdout)?.[1]);
    expect(test).toBeGreaterThanOrEqual(95);
    // the CLI README quotes this run's result
    const readme = readFileSync(join(root, "packages", "micrograd-cli", "README.md"), "utf8");
    expect(readme).toContain(
      `It reaches ${test.toFixed(1)}% test accuracy (${Math.round((359 * test) / 100)} of\n359;`,
    );
  });

  it("draws the confusion matrix and the misclassified test digits; their counts agree with the accuracy", () => {
    const test = Number(/test accuracy ([\d.]+)%/.exec(r.stdout)?.[1]);
    const wrong = Math.round(359 * (1 - test / 100));
    const grid = readFileSync(join(out, "train-digits-misclassified.svg"), "utf8");
    expect(grid).toContain(`${wrong} of 359 test digits misclassified`);
    // one captioned image per misclassified digit: "true → predicted" with two different digits
    const captions = [...grid.matchAll(/>(\d) → (\d)</g)];
    expect(captions).toHaveLength(wrong);
    for (const c of captions) expect(c[1]).not.toBe(c[2]);
    const matrix = readFileSync(join(out, "train-digits-confusion.svg"), "utf8");
    const counts = [...matrix.matchAll(/text-anchor="middle" fill="[^"]+">(\d+)</g)].map((m) => Number(m[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(359);
    expect(pngSize(join(out, "train-digits-misclassified.png")).width).toBeGreaterThan(300);
    expect(pngSize(join(out, "train-digits-confusion.png")).width).toBeGreaterThan(300);
  });

  it("predict reads 64 named pixels or numbers and prints the digit", () => {
    const m = join(out, "train-digits-model.json");
    // scikit-learn's digits.images[0], a 0
    const zero = [
      0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0,
      0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0,
    ];
    const p = run("predict", "--model", m, ...zero.map(String));
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toMatch(/^class: 0 \(probabilities 0 [01]\.\d{4}, 1 /m);
  });
});
