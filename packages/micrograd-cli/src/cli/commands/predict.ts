/**
 * `micrograd predict --model FILE`: loads a model saved by `micrograd train` and prints its outputs and
 * predicted class for one input (numbers in input order, or `--input name=value,...` for a model that
 * names its features), or its class for every row of a CSV file (`--csv FILE`). A model trained on real
 * data applies its standardization first and prints class names.
 */
import type { Command } from "commander";
import {
  CsvError,
  csvColumns,
  type MLP,
  type ModelInfo,
  parseCsv,
  predictClass,
  softmaxNumbers,
  standardize,
  Value,
} from "micrograd-ts";
import { decimalNumber } from "../args.js";
import { UsageError } from "../errors.js";
import { readInput } from "../files.js";
import { loadModelFile } from "../model.js";
import { plural } from "../output.js";

interface PredictOptions {
  model: string;
  input?: string;
  csv?: string;
}

/** A number typed on the command line (`decimalNumber`: no hex, no Infinity). */
function numberOf(text: string, what: string, example: string): number {
  const v = decimalNumber(text);
  if (v === undefined)
    throw new UsageError(
      `${what} '${text}' is not a number (finite decimals only, e.g. 0.5 or -1.2e3); ${example}`,
    );
  return v;
}

/**
 * Refuses outputs that are NaN or infinite (no class can be read from them): names the first layer whose
 * values overflowed and the largest input, which is what to change.
 * @throws UsageError
 */
function checkFinite(model: MLP, x: readonly number[], outputs: number[], where: string): void {
  const bad = outputs.findIndex((v) => !Number.isFinite(v));
  if (bad < 0) return;
  let h: readonly number[] = x;
  let layer = 0;
  for (; layer < model.layers.length; layer++) {
    h = model.layers[layer].forward(h).map((v) => v.data);
    if (h.some((v) => !Number.isFinite(v))) break;
  }
  const big = x.reduce((best, v, i) => (Math.abs(v) > Math.abs(x[best]) ? i : best), 0);
  throw new UsageError(
    `${where}output ${bad + 1} is ${outputs[bad]}: the values of layer ${layer + 1} of ${model.signature()} overflowed ` +
      `(the largest input is input ${big + 1}, ${x[big]}); give inputs of the size the model was trained on`,
  );
}

/** `--input a=1,b=2` as numbers in the model's feature order. */
function namedInput(text: string, features: readonly string[] | undefined, model: string): number[] {
  if (!features) {
    throw new UsageError(
      `--input: the model ${model} does not name its inputs (it was not trained on a CSV table or the digits); give the numbers in order instead`,
    );
  }
  const example = `e.g. --input ${features
    .slice(0, 2)
    .map((f) => `${f}=1.5`)
    .join(",")}`;
  const values = new Map<string, number>();
  for (const part of text.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) throw new UsageError(`--input: '${part}' is not name=value; ${example}`);
    const name = part.slice(0, eq).trim();
    if (!features.includes(name)) {
      throw new UsageError(
        `--input: the model has no feature '${name}'; its features are ${features.join(", ")}`,
      );
    }
    if (values.has(name)) throw new UsageError(`--input: '${name}' is given twice`);
    values.set(name, numberOf(part.slice(eq + 1), `--input ${name}=`, example));
  }
  const missing = features.filter((f) => !values.has(f));
  if (missing.length > 0) throw new UsageError(`--input: no value for ${missing.join(", ")}; ${example}`);
  return features.map((f) => values.get(f) as number);
}

/** The model's outputs for one raw input (standardized first when the model says so), all finite. */
function outputsOf(model: MLP, meta: ModelInfo | undefined, x: readonly number[], where: string): number[] {
  const input = meta?.standardization ? standardize([x], meta.standardization)[0] : x;
  const outputs = model.forward(input.map((v) => new Value(v))).map((v) => v.data);
  checkFinite(model, input, outputs, where);
  return outputs;
}

/** A class by name when the model has names. */
const className = (meta: ModelInfo | undefined, c: number) => meta?.classes?.[c] ?? String(c);

/** The class line: `class: NAME` plus the probabilities of a cross-entropy model. */
function classLine(meta: ModelInfo, outputs: readonly number[]): string {
  const c = predictClass(outputs);
  let line = `class: ${className(meta, c)}`;
  if (meta.loss === "ce") {
    const p = softmaxNumbers(outputs);
    line += meta.classes
      ? ` (probabilities ${p.map((q, k) => `${meta.classes?.[k]} ${q.toFixed(4)}`).join(", ")})`
      : ` (probabilities ${p.map((q) => q.toFixed(4)).join(" ")})`;
  }
  return line;
}

/** Every row of a CSV file: its line, the predicted class; the accuracy when the file has the class column. */
function predictRows(path: string, model: MLP, meta: ModelInfo | undefined, file: string): void {
  const features = meta?.features;
  if (!features) {
    throw new UsageError(
      `--csv: the model ${file} does not name its inputs, so it cannot find them in a CSV file's columns`,
    );
  }
  const text = readInput(path, "--csv");
  let table: ReturnType<typeof parseCsv>;
  let rows: number[][];
  try {
    table = parseCsv(text);
    rows = csvColumns(table, features);
  } catch (e) {
    const msg = (e as Error).message.replace(/^csvColumns\(csv, names\): /, "");
    throw new UsageError(`--csv ${path}: ${msg}${e instanceof CsvError ? "" : ` (the model's inputs)`}`);
  }
  if (rows.length === 0) throw new UsageError(`--csv ${path}: the file has a header but no rows`);
  const t = meta.target !== undefined ? table.header.indexOf(meta.target) : -1;
  let right = 0;
  rows.forEach((x, i) => {
    const where = `--csv ${path}: line ${table.lines[i]}: `;
    const c = predictClass(outputsOf(model, meta, x, where));
    const name = className(meta, c);
    let line = `line ${table.lines[i]}: ${name}`;
    if (t >= 0) {
      const truth = table.rows[i][t].trim();
      const same = truth === name || (meta.classes === undefined && Number(truth) === c);
      if (same) right++;
      line += same ? "" : ` (the file says ${truth})`;
    }
    console.log(line);
  });
  if (t >= 0) {
    console.log(
      `accuracy ${((right / rows.length) * 100).toFixed(1)}% (${right} of ${plural(rows.length, "row")} as the column ${meta.target} says)`,
    );
  }
}

function runPredict(args: string[], o: PredictOptions): void {
  const { model, meta } = loadModelFile(o.model);
  const given = [args.length > 0, o.input !== undefined, o.csv !== undefined].filter(Boolean).length;
  if (given !== 1) {
    throw new UsageError(
      given === 0
        ? `give the input: ${model.nin} numbers, --input name=value,... or --csv FILE`
        : "give one input: numbers, --input name=value,... or --csv FILE",
    );
  }
  if (o.csv !== undefined) {
    predictRows(o.csv, model, meta, o.model);
    return;
  }
  let x: number[];
  if (o.input !== undefined) {
    x = namedInput(o.input, meta?.features, o.model);
  } else {
    x = args.map((a, i) => numberOf(a, `input ${i + 1}`, `give ${model.nin} numbers, e.g. 0.5 -1.2`));
    if (x.length !== model.nin) {
      const names = meta?.features ? ` (${meta.features.join(", ")})` : "";
      throw new UsageError(
        `--model ${o.model}: the model ${model.signature()} takes ${plural(model.nin, "input")}${names}, got ${x.length}`,
      );
    }
  }
  const outputs = outputsOf(model, meta, x, "");
  console.log(`outputs: ${outputs.join(" ")}`);
  if (meta) console.log(classLine(meta, outputs));
}

/** Adds `micrograd predict`. */
export function predictCommand(program: Command): void {
  program
    .command("predict")
    .summary("print a trained model's class for one input or the rows of a CSV file")
    .description(
      "Print a trained model's outputs and predicted class for one input, e.g. micrograd predict " +
        "--model out/train-moons-model.json 0.5 -0.3; a model of a CSV table or the digits takes named " +
        "inputs (--input sepal_length=5.1,sepal_width=3.5,...) or a CSV file with those columns (--csv), " +
        "standardizes them as in training, and prints class names.",
    )
    .requiredOption("-m, --model <file>", "a model file written by micrograd train")
    .option("--input <pairs>", "named inputs: name=value,name=value,... (every feature of the model)")
    .option("--csv <file>", "predict every row of a CSV file with the model's feature columns")
    .argument("[inputs...]", "the input numbers x1 x2 ... in the model's input order")
    .action((args: string[], opts: PredictOptions) => {
      runPredict(args, opts);
    });
}
