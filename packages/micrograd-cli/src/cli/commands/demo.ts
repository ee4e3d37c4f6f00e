/**
 * `micrograd demo`: micrograd's demo notebook end to end — two moons, MLP(2, [16, 16, 1]), SVM loss +
 * 1e-4 L2, 100 steps of SGD with lr = 1 - 0.9 k / 100 — printing `step K loss L, accuracy A%` per step,
 * then the pictures: decision boundary, training curves and the lecture's neuron graph.
 */
import { join } from "node:path";
import { type Command, Option } from "commander";
import { ENGINES, type Engine, evaluateProgram, serializeModelFile, toDot } from "micrograd-ts";
import { runMoonsDemo, runMoonsDemoCompiled } from "micrograd-ts/examples";
import { checkMemory, estimateStep, mlpParameterCount } from "micrograd-ts/limits";
import { dotToSvg } from "../../render/render.js";
import { intArg } from "../args.js";
import { checkOutputFolder, lockOutputFolder, OutputSet } from "../files.js";
import { memoryLimit } from "../memory.js";
import {
  addSvgAndPng,
  elapsed,
  lossAccuracySvg,
  modelBoundarySvg,
  printWritten,
  stepLine,
  svgAndPng,
} from "../output.js";
import { Progress } from "../progress.js";
import { countingTrainer } from "./train.js";

/** The lecture's 2-input neuron (o = tanh(x1*w1 + x2*w2 + b)), in the expression language. */
export const NEURON_PROGRAM = `x1 = 2.0; x2 = 0.0
w1 = -3.0; w2 = 1.0
b = 6.8813735870195432
x1w1 = x1*w1; x2w2 = x2*w2
x1w1x2w2 = x1w1 + x2w2
n = x1w1x2w2 + b
o = tanh(n)`;

/** The files `demo` writes. */
export const DEMO_OUTPUTS = [
  "demo-model.json",
  ...svgAndPng("demo-boundary"),
  ...svgAndPng("demo-training"),
  ...svgAndPng("demo-neuron"),
];

/** What `runDemo` needs. */
interface DemoOptions {
  steps: number;
  engine: Engine;
  out: string;
  seed: number;
  progress: boolean;
}

async function runDemo(o: DemoOptions): Promise<void> {
  const shape = { nin: 2, nouts: [16, 16, 1] };
  checkMemory(
    `the demo (MLP(2, [16, 16, 1]) on 100 points, ${o.engine} engine)`,
    // micrograd's demo loss is the trainer's svm with alpha 1e-4 (test/cli/units.test.ts)
    estimateStep(
      countingTrainer(shape, o.engine, "svm", 2, 1e-4).graphSize(100),
      mlpParameterCount(shape),
      o.engine,
    ),
    memoryLimit(),
    "raise MICROGRAD_MEMORY_LIMIT",
  );
  checkOutputFolder(o.out, DEMO_OUTPUTS);
  lockOutputFolder(o.out);
  const progress = new Progress(o.steps, "training", o.progress && process.stdout.isTTY === true);
  const onStep = (k: number, loss: number, acc: number) => {
    progress.log(stepLine(k, loss, acc));
    progress.tick(`loss ${loss.toFixed(4)}, accuracy ${(acc * 100).toFixed(0)}%`);
  };
  const start = performance.now();
  const run = o.engine === "object" ? runMoonsDemo : runMoonsDemoCompiled;
  const { model, xs, ys, losses, accuracies, finalAccuracy } = run({ steps: o.steps, seed: o.seed, onStep });
  progress.stop();
  const time = elapsed(start);
  console.log(
    `trained ${o.steps} steps with the ${o.engine} engine in ${time}: final accuracy ${(finalAccuracy * 100).toFixed(1)}%`,
  );

  const base = (name: string) => join(o.out, `demo-${name}`);
  const files = new OutputSet({ flag: "--out" });
  files.add(
    base("model.json"),
    serializeModelFile(model, {
      dataset: "moons",
      loss: "svm",
      nClasses: 2,
      seed: o.seed,
      layers: [16, 16],
      activation: "relu",
      optimizer: "sgd",
      lr: "1.0 -> 0.1",
      l2: 1e-4,
      steps: o.steps,
      batchSize: 0,
      engine: o.engine,
    }),
  );
  const classes = ys.map((y) => (y > 0 ? 1 : 0));
  const title = `MLP(2, [16, 16, 1]) on two moons, accuracy ${(finalAccuracy * 100).toFixed(0)}%`;
  addSvgAndPng(files, base("boundary"), modelBoundarySvg(model, { x: xs, y: classes }, 2, title));
  addSvgAndPng(files, base("training"), lossAccuracySvg("loss (svm)", losses, accuracies));
  const { output } = evaluateProgram(NEURON_PROGRAM);
  output.backward();
  addSvgAndPng(files, base("neuron"), await dotToSvg(toDot(output)));
  printWritten(files.commit());
}

/** Adds `micrograd demo`. */
export function demoCommand(program: Command): void {
  program
    .command("demo")
    .summary("micrograd's demo notebook: train on two moons, print each step, draw pictures")
    .description(
      "micrograd's demo notebook: train MLP(2, [16, 16, 1]) on two moons with an SVM loss and SGD, print " +
        "`step K loss L, accuracy A%` per step, and draw the decision boundary, the training curves and " +
        "the lecture's neuron graph into the output folder.",
    )
    .option("--steps <n>", "number of SGD steps (lr = 1 - 0.9 k / steps)", intArg(1, 100_000), 100)
    .addOption(
      new Option("--engine <name>", "object: rebuild the graph every step; compiled: trace once, replay")
        .choices(ENGINES)
        .default("compiled"),
    )
    .option("--seed <n>", "seed of the data and the initial weights", intArg(0), 1337)
    .option("--out <dir>", "folder for the pictures", "out")
    .option("--no-progress", "plain lines only, even on a terminal")
    .action(async (opts: DemoOptions) => {
      await runDemo(opts);
    });
}
