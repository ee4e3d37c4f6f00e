/**
 * `micrograd export --model FILE --out model.onnx [--dtype float32]`: writes a saved model as an ONNX file
 * that ONNX Runtime (or any ONNX runtime) runs. An MLP (train, yinyang): input "x" [batch, nin], output
 * "y" [batch, nout]. A microgpt (gpt train): input "tokens" [batch, seq], output "logits" [batch, seq, vocab].
 */
import { readFileSync } from "node:fs";
import { type Command, Option } from "commander";
import type { ModelInfo } from "micrograd-ts";
import { ONNX_IR_VERSION, ONNX_OPSET, type OnnxDType, toOnnx } from "../../onnx/index.js";
import { UsageError } from "../errors.js";
import { writeOutput } from "../files.js";
import { loadModelFile } from "../model.js";
import { loadGptFile } from "./gpt.js";

interface ExportOptions {
  model: string;
  out: string;
  dtype: OnnxDType;
}

/** What the file's metadata says about the outputs: what `predict` does with them (see `predictClass`). */
function metadataOf(meta: ModelInfo | undefined, nout: number): Record<string, string> {
  if (!meta) return {};
  const cls = nout === 1 ? "1 if y > 0 else 0" : "argmax(y)";
  return {
    "micrograd.dataset": meta.dataset,
    "micrograd.loss": meta.loss,
    "micrograd.classes": String(meta.nClasses),
    "micrograd.prediction": `class = ${cls}${meta.loss === "ce" ? "; probabilities = softmax(y)" : ""}`,
  };
}

/** The file's "type" field, if it is JSON with one (the loaders report every other problem). */
function fileType(path: string): unknown {
  try {
    return (JSON.parse(readFileSync(path, "utf8")) as { type?: unknown } | null)?.type;
  } catch {
    return undefined;
  }
}

/** The model in the file, what to pass to toOnnx besides it, and its input and output for the summary. */
function load(path: string) {
  if (fileType(path) === "MicroGpt") {
    const model = loadGptFile(path);
    const { nLayer, nEmbd, nHead, blockSize } = model.config;
    const name = `MicroGpt(nLayer ${nLayer}, nEmbd ${nEmbd}, nHead ${nHead}, blockSize ${blockSize})`;
    const io = `input "tokens" [batch, seq <= ${blockSize}] -> output "logits" [batch, seq, ${model.tokenizer.vocabSize}]`;
    return { model, metadata: {}, name, io };
  }
  const { model, meta } = loadModelFile(path);
  const nout = model.nouts[model.nouts.length - 1];
  const io = `input "x" [batch, ${model.nin}] -> output "y" [batch, ${nout}]`;
  return { model, metadata: metadataOf(meta, nout), name: model.signature(), io };
}

function runExport(o: ExportOptions): void {
  const { model, metadata, name, io } = load(o.model);
  let bytes: Uint8Array;
  try {
    bytes = toOnnx(model, { dtype: o.dtype, metadata });
  } catch (e) {
    throw new UsageError(
      `--model ${o.model}: cannot export: ${(e as Error).message.replace(/^toOnnx\(model\): /, "")}`,
    );
  }
  writeOutput(o.out, bytes, { never: [o.model], flag: "--out" });
  console.log(
    `wrote ${o.out}: ${name} as ${o.dtype}, ONNX opset ${ONNX_OPSET} (IR version ${ONNX_IR_VERSION}), ` +
      `${io}, ${bytes.length.toLocaleString("en-US")} bytes`,
  );
}

/** Adds `micrograd export`. */
export function exportCommand(program: Command): void {
  program
    .command("export")
    .summary("write a saved model as an ONNX file (for ONNX Runtime)")
    .description(
      "Write a model saved by micrograd train, yinyang or gpt train as an ONNX file (opset 17) that ONNX " +
        'Runtime and other ONNX runtimes run. An MLP: input "x" [batch, nin], output "y" [batch, nout]; ' +
        'microgpt: input "tokens" [batch, seq], output "logits" [batch, seq, vocab]. ' +
        "E.g. micrograd export --model out/train-moons-model.json --out out/moons.onnx",
    )
    .requiredOption("-m, --model <file>", "a model file written by micrograd train, yinyang or gpt train")
    .requiredOption("-o, --out <file>", "the ONNX file to write, e.g. model.onnx")
    .addOption(
      new Option("--dtype <type>", "float type of the weights, inputs and outputs")
        .choices(["float64", "float32"])
        .default("float64"),
    )
    .action((opts: ExportOptions) => {
      runExport(opts);
    });
}
