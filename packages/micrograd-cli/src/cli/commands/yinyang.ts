/**
 * `micrograd yinyang`: the LLM101n micrograd run — yin-yang data, MLP(2, [8, 3]) with tanh, cross-entropy,
 * AdamW, 100 steps — with its pictures (three-class decision boundary, loss curves).
 */
import { join } from "node:path";
import type { Command } from "commander";
import { CompiledForward, predictClass, serializeModelFile } from "micrograd-ts";
import { runYinYang } from "micrograd-ts/examples";
import { checkMemory, estimateStep, mlpParameterCount } from "micrograd-ts/limits";
import { curvesSvg } from "../../render/plots.js";
import { intArg } from "../args.js";
import { checkOutputFolder, lockOutputFolder, OutputSet } from "../files.js";
import { memoryLimit } from "../memory.js";
import { addSvgAndPng, elapsed, modelBoundarySvg, printWritten, svgAndPng } from "../output.js";
import { Progress } from "../progress.js";
import { countingTrainer } from "./train.js";

interface YinYangOptions {
  steps: number;
  out: string;
  progress: boolean;
}

/** The files `yinyang` writes. */
export const YINYANG_OUTPUTS = [
  "yinyang-model.json",
  ...svgAndPng("yinyang-boundary"),
  ...svgAndPng("yinyang-training"),
];

function runCommand(o: YinYangOptions): void {
  const shape = { nin: 2, nouts: [8, 3], activation: "tanh" as const };
  checkMemory(
    "the yin-yang run (MLP(2, [8, 3]) on 100 points)",
    // the example's cross-entropy (LLM101n's formula) builds the graph of the trainer's "ce"
    estimateStep(
      countingTrainer(shape, "object", "ce", 3, 0).graphSize(100),
      mlpParameterCount(shape),
      "object",
    ),
    memoryLimit(),
    "raise MICROGRAD_MEMORY_LIMIT",
  );
  checkOutputFolder(o.out, YINYANG_OUTPUTS);
  lockOutputFolder(o.out);
  const progress = new Progress(o.steps, "training", o.progress && process.stdout.isTTY === true);
  const start = performance.now();
  const r = runYinYang({
    steps: o.steps,
    onStep: (step, train, val) => {
      if (val !== undefined) progress.log(`step ${step}, val loss ${val.toFixed(6)}`);
      progress.log(`step ${step}, train loss ${train}`);
      progress.tick(`train loss ${train.toFixed(4)}`);
    },
  });
  progress.stop();
  const forward = new CompiledForward(r.model);
  const accuracy = (split: { x: number[][]; y: number[] }) => {
    const out = forward.outputs(split.x.flat());
    const k = out.length / split.x.length;
    const right = split.y.filter((c, i) => predictClass(Array.from(out.subarray(i * k, i * k + k))) === c);
    return right.length / split.x.length;
  };
  console.log(
    `trained in ${elapsed(start)}: final train loss ${r.finalTrainLoss.toFixed(6)}, accuracy train ${(accuracy(r.splits.train) * 100).toFixed(1)}%, val ${(accuracy(r.splits.val) * 100).toFixed(1)}%, test ${(accuracy(r.splits.test) * 100).toFixed(1)}%`,
  );
  const all = {
    x: [...r.splits.train.x, ...r.splits.val.x, ...r.splits.test.x],
    y: [...r.splits.train.y, ...r.splits.val.y, ...r.splits.test.y],
  };
  const base = (name: string) => join(o.out, `yinyang-${name}`);
  const files = new OutputSet({ flag: "--out" });
  files.add(
    base("model.json"),
    serializeModelFile(r.model, {
      dataset: "yinyang",
      loss: "ce",
      nClasses: 3,
      seed: 42,
      layers: [8],
      activation: "tanh",
      optimizer: "adamw",
      lr: 0.1,
      steps: o.steps,
      batchSize: 0,
      engine: "object",
      trainFraction: 0.8,
    }),
  );
  const title = "LLM101n: MLP(2, [8, 3]) tanh, AdamW, on yin-yang";
  addSvgAndPng(files, base("boundary"), modelBoundarySvg(r.model, all, 3, title, 0.3));
  const curves = curvesSvg([
    {
      title: "cross-entropy loss",
      series: [
        { label: "train", values: r.trainLosses },
        {
          label: "val (every 10 steps)",
          values: r.trainLosses.map((_, step) => r.valLosses.find(([vs]) => vs === step)?.[1] ?? Number.NaN),
          markers: true,
        },
      ],
    },
  ]);
  addSvgAndPng(files, base("training"), curves);
  printWritten(files.commit());
}

/** Adds `micrograd yinyang`. */
export function yinyangCommand(program: Command): void {
  program
    .command("yinyang")
    .summary("the LLM101n micrograd run (yin-yang, 3 classes, AdamW) with pictures")
    .description(
      "The LLM101n micrograd run: yin-yang data (Rng 42), MLP(2, [8, 3]) tanh with the llm101n init, " +
        "cross-entropy, AdamW (lr 0.1, betas 0.9/0.95, weight decay 1e-4); prints the train loss per step " +
        "and the val loss every 10 steps; draws the three-class decision boundary.",
    )
    .option("--steps <n>", "number of AdamW steps", intArg(1, 100_000), 100)
    .option("--out <dir>", "folder for the pictures and the model", "out")
    .option("--no-progress", "plain lines only, even on a terminal")
    .action((opts: YinYangOptions) => {
      runCommand(opts);
    });
}
