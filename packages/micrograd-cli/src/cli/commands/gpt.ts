/**
 * `micrograd gpt train` and `micrograd gpt sample`: microgpt.py from the terminal. `train` prints
 * microgpt's lines (its header, `step    1 / 1000 | loss 3.3660` per step, then the 20 samples), with a
 * progress bar on a terminal, and writes the model JSON and the loss curve; `sample` loads a saved model
 * and prints new documents.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Command, Option } from "commander";
import {
  CharTokenizer,
  ENGINES,
  type Engine,
  MicroGpt,
  MicroGptTrainer,
  names,
  PyRandom,
  sampleMicroGpt,
  splitDocs,
} from "micrograd-ts";
import { checkMemory, estimateGptTraining, formatCount } from "micrograd-ts/limits";
import { curvesSvg } from "../../render/plots.js";
import { intArg, numberArg } from "../args.js";
import { UsageError } from "../errors.js";
import { checkOutputFolder, lockOutputFolder, OutputSet, readError } from "../files.js";
import { memoryLimit } from "../memory.js";
import { readModelText } from "../model.js";
import { addSvgAndPng, printWritten, svgAndPng } from "../output.js";
import { Progress } from "../progress.js";

/** The files `gpt train` writes. */
export const GPT_OUTPUTS = ["microgpt-model.json", ...svgAndPng("microgpt-loss")];

interface GptTrainOptions {
  steps: number;
  seed: number;
  nLayer: number;
  nEmbd: number;
  nHead: number;
  blockSize: number;
  lr: number;
  data?: string;
  engine: Engine;
  out: string;
  count: number;
  temperature: number;
  progress: boolean;
}

interface GptSampleOptions {
  model: string;
  count: number;
  temperature: number;
  seed: number;
}

/** microgpt.py's sample line: `sample  1: kamon`. */
function sampleLine(i: number, text: string): string {
  return `sample ${String(i + 1).padStart(2)}: ${text}`;
}

function readDocs(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw readError(path, e, "--data");
  }
  const docs = splitDocs(text);
  if (docs.length === 0) {
    throw new UsageError(
      `--data ${path}: no documents (the file is empty or has only blank lines); give one document per line`,
    );
  }
  return docs;
}

function runGptTrain(o: GptTrainOptions): void {
  if (o.nEmbd % o.nHead !== 0) {
    throw new UsageError(
      `--n-embd ${o.nEmbd} must be a multiple of --n-head ${o.nHead} (each head gets n-embd / n-head dimensions)`,
    );
  }
  const docs = o.data === undefined ? names() : readDocs(o.data);
  // the size before the model is built (the trainer allocates the parameters)
  const shape = {
    nLayer: o.nLayer,
    nEmbd: o.nEmbd,
    nHead: o.nHead,
    blockSize: o.blockSize,
    vocabSize: CharTokenizer.fromDocs(docs).vocabSize,
  };
  const estimate = estimateGptTraining(shape, o.engine);
  checkMemory(
    `microgpt with --n-layer ${o.nLayer} --n-embd ${o.nEmbd} --block-size ${o.blockSize} (${formatCount(estimate.parameters)} parameters, ${o.engine} engine)`,
    estimate,
    memoryLimit(),
    "use smaller --n-embd, --n-layer or --block-size",
  );
  const outDir = o.out;
  checkOutputFolder(outDir, GPT_OUTPUTS);
  lockOutputFolder(outDir);
  const trainer = new MicroGptTrainer({
    steps: o.steps,
    seed: o.seed,
    docs,
    learningRate: o.lr,
    config: { nLayer: o.nLayer, nEmbd: o.nEmbd, nHead: o.nHead, blockSize: o.blockSize },
    engine: o.engine,
  });
  console.log(`num docs: ${trainer.docs.length}`);
  console.log(`vocab size: ${trainer.tokenizer.vocabSize}`);
  console.log(`num params: ${trainer.model.parameterCount}`);
  if (trainer.truncatedDocs > 0) {
    process.stderr.write(
      `micrograd: note: ${trainer.truncatedDocs} document(s) have ${o.blockSize} or more characters; as microgpt does, only their first ${o.blockSize} positions are trained on (raise --block-size to keep them whole)\n`,
    );
  }
  const progress = new Progress(o.steps, "training", o.progress && process.stdout.isTTY === true);
  const start = performance.now();
  while (!trainer.done) {
    let loss: number;
    try {
      loss = trainer.step();
    } catch (e) {
      if (!(e instanceof RangeError && /has grad (NaN|-?Infinity)/.test(e.message))) throw e;
      progress.stop();
      throw new UsageError(
        `training diverged at step ${trainer.stepCount + 1}: ${e.message.replace(/; refusing.*$/, "")}; lower --lr (it is ${o.lr}; microgpt's is 0.01)`,
      );
    }
    const k = trainer.stepCount;
    // microgpt.py: f"step {step+1:4d} / {num_steps:4d} | loss {loss.data:.4f}"
    progress.log(`step ${String(k).padStart(4)} / ${String(o.steps).padStart(4)} | loss ${loss.toFixed(4)}`);
    progress.tick(`loss ${loss.toFixed(4)}`);
  }
  progress.stop();
  const seconds = (performance.now() - start) / 1000;
  console.log("--- inference (new, hallucinated names) ---");
  trainer.sample({ count: o.count, temperature: o.temperature }).forEach((s, i) => {
    console.log(sampleLine(i, s));
  });
  console.log(
    `trained in ${seconds.toFixed(2)} s (${((1000 * seconds) / o.steps).toFixed(2)} ms per step, ${o.engine} engine)`,
  );

  const files = new OutputSet({ flag: "--out", never: o.data ? [o.data] : [] });
  files.add(join(outDir, "microgpt-model.json"), `${JSON.stringify(trainer.model)}\n`);
  const svg = curvesSvg([
    {
      title: `microgpt loss (${o.steps} steps, seed ${o.seed})`,
      series: [{ label: "loss", values: trainer.losses }],
    },
  ]);
  addSvgAndPng(files, join(outDir, "microgpt-loss"), svg);
  printWritten(files.commit());
}

/** Reads a model file written by `micrograd gpt train`; errors name the file and what is wrong with it. */
export function loadGptFile(path: string): MicroGpt {
  const text = readModelText(path);
  try {
    return MicroGpt.fromJSON(text);
  } catch (e) {
    const msg = (e as Error).message.replace(/^MicroGpt\.fromJSON\(json\): /, "");
    throw new UsageError(
      `--model ${path}: not a microgpt model (one written by micrograd gpt train): ${msg}`,
    );
  }
}

function runGptSample(o: GptSampleOptions): void {
  const model = loadGptFile(o.model);
  const samples = sampleMicroGpt(model, new PyRandom(o.seed), { count: o.count, temperature: o.temperature });
  samples.forEach((s, i) => {
    console.log(sampleLine(i, s));
  });
}

const temperatureOption = () =>
  new Option("--temperature <t>", "sampling temperature in (0, ∞): low = safe, 1 = the model as is")
    .argParser(numberArg("positive"))
    .default(0.5);

/** Adds `micrograd gpt train` and `micrograd gpt sample`; returns the `gpt` command. */
export function gptCommand(program: Command): Command {
  const gpt = program
    .command("gpt")
    .summary("train Karpathy's microgpt on names (or your text) and sample from it")
    .description(
      "microgpt.py (Karpathy, 2026) on this engine: the same run, loss for loss. " +
        "micrograd gpt train [options]; micrograd gpt sample --model FILE",
    );
  gpt
    .command("train")
    .summary("train microgpt; print its steps and samples; save the model and the loss curve")
    .description(
      "Train microgpt as microgpt.py does (seeded shuffle, gauss(0, 0.08) weights, one document per Adam " +
        "step, lr decaying linearly to 0), print each step and 20 samples, and write " +
        "<out>/microgpt-model.json (for micrograd gpt sample) and <out>/microgpt-loss.svg/.png.",
    )
    .option("--steps <n>", "training steps, one document each", intArg(1, 10_000_000), 1000)
    .option("--seed <n>", "seed of Python's random: shuffle, weights, samples", intArg(0), 42)
    .option("--n-layer <n>", "transformer layers", intArg(1, 64), 1)
    .option("--n-embd <n>", "embedding width (a multiple of --n-head)", intArg(1, 4096), 16)
    .option("--n-head <n>", "attention heads", intArg(1, 4096), 4)
    .option("--block-size <n>", "longest context in tokens; longer documents are cut", intArg(1, 4096), 16)
    .option("--lr <x>", "Adam's initial learning rate (decays linearly to 0)", numberArg("positive"), 0.01)
    .option("--data <file>", "a text file, one document per line (default: makemore's 32,033 names)")
    .addOption(
      new Option(
        "--engine <name>",
        "compiled: one graph per document length, replayed; object: rebuilt every step as microgpt.py",
      )
        .choices(ENGINES)
        .default("compiled"),
    )
    .option("--count <n>", "samples to print after training", intArg(0, 100_000), 20)
    .addOption(temperatureOption())
    .option("--out <dir>", "folder for the model and the loss curve", "out")
    .option("--no-progress", "plain lines only, even on a terminal")
    .action((opts: GptTrainOptions) => {
      runGptTrain(opts);
    });
  gpt
    .command("sample")
    .summary("print documents sampled from a model saved by micrograd gpt train")
    .description(
      "Sample documents from a microgpt model saved by micrograd gpt train, as microgpt.py samples.",
    )
    .requiredOption("-m, --model <file>", "a model file written by micrograd gpt train")
    .option("--count <n>", "how many", intArg(0, 100_000), 20)
    .addOption(temperatureOption())
    .option("--seed <n>", "seed of Python's random for the draws", intArg(0), 42)
    .action((opts: GptSampleOptions) => {
      runGptSample(opts);
    });
  return gpt;
}
