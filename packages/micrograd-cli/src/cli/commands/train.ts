/**
 * `micrograd train`: train an MLP on a toy dataset with a chosen loss and optimizer; prints each step,
 * draws the decision boundary and the training curves, and saves the model as JSON for `predict`.
 *
 * Before anything is built: the run's size is estimated against the memory limit, and the output folder
 * is checked (created, a probe file written and deleted, no read-only file among the outputs), so neither
 * a too-big run nor an unwritable folder is found after the training. All files are written under
 * temporary names first and renamed together at the end.
 */
import { join } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import {
  ACTIVATIONS,
  type Activation,
  AnomalyError,
  DATASET_NAMES,
  DivergedError,
  ENGINES,
  type Engine,
  getDataset,
  MLP,
  makeOptimizer,
  OPTIMIZER_NAMES,
  type OptimizerName,
  Rng,
  setDetectAnomaly,
  stepBatchSize,
  TRAIN_LOSS_NAMES,
  TRAIN_LOSSES,
  Trainer,
  type TrainLossName,
  train,
} from "micrograd-ts";
import {
  BYTES_PER_VALUE,
  checkMemory,
  estimateStep,
  formatBytes,
  graphBytes,
  largestBatch,
  type MlpShape,
  mlpForwardNodes,
  mlpParameterCount,
  mlpSignature,
} from "micrograd-ts/limits";
import { checkOutputFolder, OutputSet } from "../../render/files.js";
import { intArg, layersArg, numberArg } from "../args.js";
import { UsageError } from "../errors.js";
import { memoryLimit } from "../memory.js";
import {
  addSvgAndPng,
  elapsed,
  lossAccuracySvg,
  modelBoundarySvg,
  modelFileText,
  plural,
  printWritten,
  stepLine,
  svgAndPng,
} from "../output.js";
import { Progress } from "../progress.js";

interface TrainOptions {
  dataset: string;
  n: number;
  layers: number[];
  activation: Activation;
  loss: TrainLossName | "auto";
  optimizer: OptimizerName;
  lr: number | "auto";
  l2: number;
  steps: number;
  batchSize: number;
  seed: number;
  out: string;
  engine: Engine;
  progress: boolean;
  detectAnomaly: boolean;
}

function lrArg(text: string): number | "auto" {
  if (text === "auto") return "auto";
  try {
    return numberArg("positive")(text);
  } catch {
    throw new InvalidArgumentError("expected a number > 0 (e.g. 0.05) or auto");
  }
}

/** The files `train` writes for a dataset: `train-<dataset>-model.json`, `-boundary.svg/.png`, `-training.svg/.png`. */
export function trainOutputNames(dataset: string, twoD: boolean): string[] {
  const base = `train-${dataset}`;
  return [
    `${base}-model.json`,
    ...(twoD ? svgAndPng(`${base}-boundary`) : []),
    ...svgAndPng(`${base}-training`),
  ];
}

/** A Trainer of an untrained model of `shape`, for counting its step graphs (`Trainer.graphSize`). */
export function countingTrainer(
  shape: MlpShape,
  engine: Engine,
  loss: TrainLossName,
  nClasses: number,
  alpha: number,
): Trainer {
  const model = new MLP(shape.nin, shape.nouts, { activation: shape.activation, seed: 1 });
  const optimizer = makeOptimizer("sgd", model.parameters(), 0.1);
  return new Trainer({ model, optimizer, loss, nClasses, alpha, engine });
}

/**
 * Checks the run against the memory limit before building anything big: first the model and the two
 * small graphs the count builds (parameters plus three forward passes), then one step's graph, whose
 * Values the library's `Trainer.graphSize` counts on real graphs of one and two examples. Both engines
 * hold one batch's graph at a time: the compiled engine traces it once and refills it for every batch,
 * the object engine rebuilds it every step.
 * @throws SizeLimitError saying what was asked, the estimate, the limit and what to change
 */
export function checkTrainSize(
  shape: MlpShape,
  n: number,
  batchSize: number,
  engine: Engine,
  loss: TrainLossName,
  nClasses: number,
  alpha: number,
): void {
  const limit = memoryLimit();
  const parameters = mlpParameterCount(shape);
  const bs = stepBatchSize(batchSize, n);
  const batch = bs === n ? "full batch" : `batches of ${bs}`;
  const what = `training ${mlpSignature(shape)} (${plural(parameters, "parameter")}) on ${plural(n, "point")} (${batch}, ${engine} engine)`;
  const small = parameters + 3 * mlpForwardNodes(shape);
  checkMemory(
    what,
    { nodes: small, parameters, bytes: small * BYTES_PER_VALUE },
    limit,
    "use smaller --layers",
  );
  const trainer = countingTrainer(shape, engine, loss, nClasses, alpha);
  const graphSize = (k: number) => trainer.graphSize(k);
  const estimate = estimateStep(graphSize(bs), parameters, engine);
  const oneBatch = largestBatch(graphSize, limit, "object", bs);
  let advice: string;
  if (oneBatch === 0) {
    const one = graphBytes(graphSize(1), "object");
    advice = `use smaller --layers (even one point at a time needs ~${formatBytes(one)})`;
  } else if (engine === "object") {
    advice = `use --batch-size ${oneBatch} or less, or fewer points (--n)`;
  } else {
    const points = largestBatch(graphSize, limit, "compiled", n);
    advice =
      points > 0
        ? `use --n ${points} or fewer, or --engine object --batch-size ${oneBatch} (one batch's graph at a time)`
        : `use --engine object --batch-size ${oneBatch} (one batch's graph at a time)`;
  }
  checkMemory(what, estimate, limit, advice);
}

async function runTrain(o: TrainOptions): Promise<void> {
  const data = getDataset(o.dataset, o.dataset === "lecture" ? {} : { n: o.n, seed: o.seed });
  const classes = o.dataset === "lecture" ? data.y.map((y) => (y > 0 ? 1 : 0)) : data.y;
  const k = data.nClasses;
  const loss: TrainLossName =
    o.loss !== "auto" ? o.loss : o.dataset === "lecture" ? "mse" : k === 2 ? "svm" : "ce";
  const nOut = TRAIN_LOSSES[loss].outputs(k);
  const nin = data.x[0].length;
  const shape = { nin, nouts: [...o.layers, nOut], activation: o.activation };
  checkTrainSize(shape, data.x.length, o.batchSize, o.engine, loss, k, o.l2);
  const names = trainOutputNames(o.dataset, nin === 2);
  checkOutputFolder(o.out, names);

  const model = new MLP(nin, shape.nouts, { activation: o.activation, rng: new Rng(o.seed) });
  const steps = o.steps;
  // auto: the demo's decaying schedule for SGD on the SVM loss; 0.05 otherwise
  const demoSchedule = o.optimizer === "sgd" && loss === "svm";
  const lr = o.lr !== "auto" ? o.lr : demoSchedule ? (s: number) => 1.0 - (0.9 * s) / steps : 0.05;
  const optimizer = makeOptimizer(o.optimizer, model.parameters(), lr);
  const lrText = o.lr === "auto" ? (demoSchedule ? "1.0 -> 0.1" : "0.05") : String(o.lr);
  console.log(
    `training ${model.signature()} (${o.activation}) on ${o.dataset} (${plural(data.x.length, "point")}, ${k} classes): loss ${loss}, ${o.optimizer} lr ${lrText}, ${plural(steps, "step")}, batch ${o.batchSize || "all"}, ${o.engine} engine`,
  );
  const progress = new Progress(steps, "training", o.progress && process.stdout.isTTY === true);
  const start = performance.now();
  let step = 0;
  let r: ReturnType<typeof train>;
  setDetectAnomaly(o.detectAnomaly);
  try {
    r = train({
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
        step = s + 1;
        progress.log(stepLine(s, l, a));
        progress.tick(`loss ${l.toFixed(4)}`);
      },
    });
  } catch (e) {
    progress.stop();
    const advice = `lower --lr (it is ${lrText}; try 0.05 or less)`;
    if (e instanceof DivergedError) {
      throw new UsageError(`${e.message}; ${advice}, or add --detect-anomaly to name the op that overflowed`);
    }
    if (e instanceof AnomalyError) {
      throw new UsageError(`training diverged at step ${step}: ${e.message.split("\n")[0]}; ${advice}`);
    }
    throw e;
  } finally {
    setDetectAnomaly(false);
  }
  progress.stop();
  console.log(`trained in ${elapsed(start)}: final accuracy ${(r.finalAccuracy * 100).toFixed(1)}%`);

  const base = join(o.out, `train-${o.dataset}`);
  const files = new OutputSet({ flag: "--out" });
  files.add(`${base}-model.json`, modelFileText(model, { dataset: o.dataset, loss, nClasses: k }));
  if (nin === 2) {
    const title = `${model.signature()} on ${o.dataset}, accuracy ${(r.finalAccuracy * 100).toFixed(0)}%`;
    addSvgAndPng(files, `${base}-boundary`, modelBoundarySvg(model, { x: data.x, y: classes }, k, title));
  } else {
    console.log(`(no decision boundary picture: ${o.dataset} has ${nin} inputs, not 2)`);
  }
  addSvgAndPng(files, `${base}-training`, lossAccuracySvg(`loss (${loss})`, r.losses, r.accuracies));
  printWritten(files.commit());
}

/** Adds `micrograd train`. */
export function trainCommand(program: Command): void {
  program
    .command("train")
    .summary("train an MLP on a toy dataset; save pictures and the model")
    .description(
      "Train an MLP on a toy dataset; print each step, draw the decision boundary and the training " +
        "curves, and save the model as <out>/train-<dataset>-model.json (for micrograd predict).",
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
        .choices(["auto", ...TRAIN_LOSS_NAMES])
        .default("auto"),
    )
    .addOption(new Option("--optimizer <name>", "update rule").choices([...OPTIMIZER_NAMES]).default("sgd"))
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
        "object: rebuild the graph every step; compiled: trace one batch graph once, refill and replay it",
      )
        .choices(ENGINES)
        .default("compiled"),
    )
    .option(
      "--detect-anomaly",
      "stop at the first op whose value or gradient is NaN or infinite, naming it",
      false,
    )
    .option("--no-progress", "plain lines only, even on a terminal")
    .action(async (opts: TrainOptions) => {
      await runTrain(opts);
    });
}
