/**
 * `micrograd train`: train an MLP on a toy dataset with a chosen loss and optimizer; prints each step,
 * draws the decision boundary and the training curves, and saves the model as JSON for `predict`.
 */
import { join } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import {
  ACTIVATIONS,
  type Activation,
  Adam,
  AdamW,
  DATASET_NAMES,
  getDataset,
  MLP,
  type Optimizer,
  Rng,
  SGD,
} from "../../index.js";
import { ensureDir, writeOutput } from "../../node/files.js";
import { curvesSvg, decisionBoundarySvg } from "../../node/plots.js";
import { svgToPng } from "../../node/render.js";
import { intArg, layersArg, numberArg } from "../args.js";
import { UsageError } from "../errors.js";
import { type LossName, type ModelFile, numericForward, predictClass } from "../model.js";
import { elapsed, stepLine, writeSvgAndPng } from "../output.js";
import { Progress } from "../progress.js";
import { type Engine, train } from "../trainer.js";

interface TrainOptions {
  dataset: string;
  n: number;
  layers: number[];
  activation: Activation;
  loss: LossName | "auto";
  optimizer: "sgd" | "adam" | "adamw";
  lr: number | "auto";
  l2: number;
  steps: number;
  batchSize: number;
  seed: number;
  out: string;
  engine: Engine;
  progress: boolean;
}

function lrArg(text: string): number | "auto" {
  if (text === "auto") return "auto";
  try {
    return numberArg("positive")(text);
  } catch {
    throw new InvalidArgumentError("expected a number > 0 (e.g. 0.05) or auto");
  }
}

async function runTrain(o: TrainOptions): Promise<void> {
  const data = getDataset(o.dataset, o.dataset === "lecture" ? {} : { n: o.n, seed: o.seed });
  const classes = o.dataset === "lecture" ? data.y.map((y) => (y > 0 ? 1 : 0)) : data.y;
  const k = data.nClasses;
  const loss: LossName =
    o.loss !== "auto" ? o.loss : o.dataset === "lecture" ? "mse" : k === 2 ? "svm" : "ce";
  if (loss === "svm" && k !== 2) {
    throw new UsageError(
      `--loss svm: the SVM loss needs 2 classes, but dataset ${o.dataset} has ${k}; use --loss ce or --loss mse`,
    );
  }
  const nOut = loss === "ce" ? k : k === 2 ? 1 : k;
  const nin = (data.x[0] as number[]).length;
  const model = new MLP(nin, [...o.layers, nOut], { activation: o.activation, rng: new Rng(o.seed) });
  const steps = o.steps;
  // auto: the demo's decaying schedule for SGD on the SVM loss; 0.05 otherwise
  const demoSchedule = o.optimizer === "sgd" && loss === "svm";
  const lr = o.lr !== "auto" ? o.lr : demoSchedule ? (s: number) => 1.0 - (0.9 * s) / steps : 0.05;
  const params = model.parameters();
  const optimizer: Optimizer =
    o.optimizer === "sgd"
      ? new SGD(params, { lr })
      : o.optimizer === "adam"
        ? new Adam(params, { lr })
        : new AdamW(params, { lr });
  const outDir = o.out;
  ensureDir(outDir, "--out");

  console.log(
    `training ${model.signature()} (${o.activation}) on ${o.dataset} (${data.x.length} points, ${k} classes): loss ${loss}, ${o.optimizer} lr ${o.lr === "auto" ? (demoSchedule ? "1.0 -> 0.1" : "0.05") : o.lr}, ${steps} steps, batch ${o.batchSize || "all"}, ${o.engine} engine`,
  );
  const progress = new Progress(steps, "training", o.progress && process.stdout.isTTY === true);
  const start = performance.now();
  const r = train({
    model,
    optimizer,
    x: data.x,
    classes,
    nClasses: k,
    loss,
    alpha: o.l2,
    steps,
    batchSize: o.batchSize,
    engine: o.engine,
    onStep: (s, l, a) => {
      progress.log(stepLine(s, l, a));
      progress.tick(`loss ${l.toFixed(4)}`);
    },
  });
  progress.stop();
  console.log(`trained in ${elapsed(start)}: final accuracy ${(r.finalAccuracy * 100).toFixed(1)}%`);

  const written: string[] = [];
  const json: ModelFile = { ...model.toJSON(), micrograd: { dataset: o.dataset, loss, nClasses: k } };
  written.push(writeOutput(join(outDir, `${o.dataset}-model.json`), `${JSON.stringify(json, null, 1)}\n`));
  if (nin === 2) {
    const forward = numericForward(json);
    const svg = decisionBoundarySvg({
      x: data.x,
      y: classes,
      nClasses: k,
      classify: (a, b) => predictClass(forward([a, b])),
      title: `${model.signature()} on ${o.dataset}, accuracy ${(r.finalAccuracy * 100).toFixed(0)}%`,
    });
    written.push(...writeSvgAndPng(join(outDir, `${o.dataset}-boundary`), svg));
  } else {
    console.log(`(no decision boundary picture: ${o.dataset} has ${nin} inputs, not 2)`);
  }
  const curves = curvesSvg([
    { title: `loss (${loss})`, series: [{ label: "loss", values: r.losses }] },
    {
      title: "accuracy",
      yLabel: "%",
      yRange: [0, 100],
      series: [{ label: "accuracy", values: r.accuracies.map((a) => a * 100), color: "#c8312a" }],
    },
  ]);
  written.push(writeOutput(join(outDir, `${o.dataset}-training.svg`), curves));
  written.push(writeOutput(join(outDir, `${o.dataset}-training.png`), svgToPng(curves)));
  console.log("wrote:");
  for (const p of written) console.log(`  ${p}`);
}

/** Adds `micrograd train`. */
export function trainCommand(program: Command): void {
  program
    .command("train")
    .summary("train an MLP on a toy dataset; save pictures and the model")
    .description(
      "Train an MLP on a toy dataset; print each step, draw the decision boundary and the training " +
        "curves, and save the model as <out>/<dataset>-model.json (for micrograd predict).",
    )
    .addOption(new Option("--dataset <name>", "the data").choices([...DATASET_NAMES]).default("moons"))
    .option("--n <count>", "number of points (not for lecture, which has 4)", intArg(1, 1_000_000), 100)
    .addOption(
      new Option("--layers <sizes>", "hidden layer sizes, comma-separated (the output layer is added)")
        .argParser(layersArg)
        .default([16, 16], "16,16"),
    )
    .addOption(
      new Option("--activation <name>", "hidden-layer nonlinearity").choices(ACTIVATIONS).default("relu"),
    )
    .addOption(
      new Option("--loss <name>", "auto = svm for 2 classes, ce for more, mse for lecture")
        .choices(["auto", "svm", "ce", "mse"])
        .default("auto"),
    )
    .addOption(
      new Option("--optimizer <name>", "update rule").choices(["sgd", "adam", "adamw"]).default("sgd"),
    )
    .option(
      "--lr <x>",
      "learning rate; auto = 1.0 decaying to 0.1 for sgd with svm (as the demo), else 0.05",
      lrArg,
      "auto",
    )
    .option("--l2 <alpha>", "L2 regularisation alpha * sum(p*p)", numberArg("nonnegative"), 1e-4)
    .option("--steps <n>", "number of optimizer steps", intArg(1, 1_000_000), 100)
    .option("--batch-size <n>", "examples per step; 0 = all (full batch)", intArg(0), 0)
    .option("--seed <n>", "seed of the data and the initial weights", intArg(0), 42)
    .option("--out <dir>", "folder for the model and the pictures", "out")
    .addOption(
      new Option(
        "--engine <name>",
        "object: rebuild the graph every step; compiled: trace once per batch, replay",
      )
        .choices(["object", "compiled"])
        .default("compiled"),
    )
    .option("--no-progress", "plain lines only, even on a terminal")
    .action(async (opts: TrainOptions) => {
      await runTrain(opts);
    });
}
