/**
 * `micrograd yinyang`: the LLM101n micrograd run — yin-yang data, MLP(2, [8, 3]) with tanh, cross-entropy,
 * AdamW, 100 steps — with its pictures (three-class decision boundary, loss curves).
 */
import { join } from "node:path";
import type { Command } from "commander";
import { runYinYang } from "micrograd-ts/examples";
import { ensureDir, writeOutput } from "../../render/files.js";
import { curvesSvg, decisionBoundarySvg } from "../../render/plots.js";
import { svgToPng } from "../../render/render.js";
import { intArg } from "../args.js";
import { numericForward, predictClass } from "../model.js";
import { elapsed, writeSvgAndPng } from "../output.js";
import { Progress } from "../progress.js";

interface YinYangOptions {
  steps: number;
  out: string;
  progress: boolean;
}

function runCommand(o: YinYangOptions): void {
  ensureDir(o.out, "--out");
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
  const forward = numericForward(r.model.toJSON());
  const accuracy = (split: { x: number[][]; y: number[] }) =>
    split.x.filter((x, i) => predictClass(forward(x)) === split.y[i]).length / split.x.length;
  console.log(
    `trained in ${elapsed(start)}: final train loss ${r.finalTrainLoss.toFixed(6)}, accuracy train ${(accuracy(r.splits.train) * 100).toFixed(1)}%, val ${(accuracy(r.splits.val) * 100).toFixed(1)}%, test ${(accuracy(r.splits.test) * 100).toFixed(1)}%`,
  );
  const all = {
    x: [...r.splits.train.x, ...r.splits.val.x, ...r.splits.test.x],
    y: [...r.splits.train.y, ...r.splits.val.y, ...r.splits.test.y],
  };
  const written: string[] = [];
  const svg = decisionBoundarySvg({
    x: all.x,
    y: all.y,
    nClasses: 3,
    margin: 0.3,
    classify: (a, b) => predictClass(forward([a, b])),
    title: "LLM101n: MLP(2, [8, 3]) tanh, AdamW, on yin-yang",
  });
  written.push(...writeSvgAndPng(join(o.out, "yinyang"), svg));
  const val = r.valLosses;
  const curves = curvesSvg([
    {
      title: "cross-entropy loss",
      series: [
        { label: "train", values: r.trainLosses },
        {
          label: "val (every 10)",
          values: r.trainLosses.map((_, s) => {
            // piecewise-linear between the validation points
            const i = val.findIndex(([vs]) => vs >= s);
            if (i <= 0) return i === 0 ? (val[0] as [number, number])[1] : Number.NaN;
            const [s0, v0] = val[i - 1] as [number, number];
            const [s1, v1] = val[i] as [number, number];
            return v0 + ((v1 - v0) * (s - s0)) / (s1 - s0);
          }),
        },
      ],
    },
  ]);
  written.push(writeOutput(join(o.out, "yinyang-training.svg"), curves));
  written.push(writeOutput(join(o.out, "yinyang-training.png"), svgToPng(curves)));
  written.push(
    writeOutput(
      join(o.out, "yinyang-model.json"),
      `${JSON.stringify({ ...r.model.toJSON(), micrograd: { dataset: "yinyang", loss: "ce", nClasses: 3 } }, null, 1)}\n`,
    ),
  );
  console.log("wrote:");
  for (const p of written) console.log(`  ${p}`);
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
