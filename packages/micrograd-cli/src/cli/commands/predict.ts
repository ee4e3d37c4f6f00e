/**
 * `micrograd predict --model FILE x1 x2 ...`: loads a model saved by `micrograd train` and prints its
 * outputs (and the predicted class) for one input.
 */
import type { Command } from "commander";
import { type MLP, predictClass, softmaxNumbers } from "micrograd-ts";
import { decimalNumber } from "../args.js";
import { UsageError } from "../errors.js";
import { loadModelFile } from "../model.js";

interface PredictOptions {
  model: string;
}

/**
 * Refuses outputs that are NaN or infinite (no class can be read from them): names the first layer whose
 * values overflowed and the largest input, which is what to change.
 * @throws UsageError
 */
function checkFinite(model: MLP, x: number[], outputs: number[]): void {
  const bad = outputs.findIndex((v) => !Number.isFinite(v));
  if (bad < 0) return;
  let h: number[] = x;
  let layer = 0;
  for (; layer < model.layers.length; layer++) {
    h = model.layers[layer].forward(h).map((v) => v.data);
    if (h.some((v) => !Number.isFinite(v))) break;
  }
  const big = x.reduce((best, v, i) => (Math.abs(v) > Math.abs(x[best]) ? i : best), 0);
  throw new UsageError(
    `output ${bad + 1} is ${outputs[bad]}: the values of layer ${layer + 1} of ${model.signature()} overflowed ` +
      `(the largest input is input ${big + 1}, ${x[big]}); give inputs of the size the model was trained on`,
  );
}

function runPredict(args: string[], o: PredictOptions): void {
  const { model, meta } = loadModelFile(o.model);
  const x = args.map((a, i) => {
    const v = decimalNumber(a);
    if (v === undefined) {
      throw new UsageError(
        `input ${i + 1} '${a}' is not a finite decimal number; give ${model.nin} numbers, e.g. 0.5 -1.2`,
      );
    }
    return v;
  });
  if (x.length !== model.nin) {
    throw new UsageError(
      `--model ${o.model}: the model ${model.signature()} takes ${model.nin} input${model.nin === 1 ? "" : "s"}, got ${x.length}`,
    );
  }
  const outputs = model.forward(x).map((v) => v.data);
  checkFinite(model, x, outputs);
  console.log(`outputs: ${outputs.join(" ")}`);
  if (meta) {
    let line = `class: ${predictClass(outputs)}`;
    if (meta.loss === "ce") {
      line += ` (probabilities ${softmaxNumbers(outputs)
        .map((p) => p.toFixed(4))
        .join(" ")})`;
    }
    console.log(line);
  }
}

/** Adds `micrograd predict`. */
export function predictCommand(program: Command): void {
  program
    .command("predict")
    .summary("print a trained model's outputs for one input")
    .description(
      "Print a trained model's outputs (and predicted class) for one input, " +
        "e.g. micrograd predict --model out/train-moons-model.json 0.5 -0.3",
    )
    .requiredOption("-m, --model <file>", "a model file written by micrograd train")
    .argument("<inputs...>", "the input numbers x1 x2 ...")
    .action((args: string[], opts: PredictOptions) => {
      runPredict(args, opts);
    });
}
