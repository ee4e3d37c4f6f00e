/**
 * micrograd-ts/onnx: export trained models to ONNX, the standard file that ONNX Runtime (onnxruntime-node,
 * onnxruntime-web) and other tensor runtimes run. Kept out of the zero-dependency core (src/index.ts does
 * not re-export it): it uses protobufjs. Runs in Node and in a browser.
 */

import type { MicroGpt, MicroGptJSON } from "../gpt/index.js";
import { MLP, type MLPJSON } from "../nn/index.js";
import { describeArg } from "../util/describe-arg.js";
import { encodeModel } from "./encode.js";
import { asMicroGpt, gptGraph, isMicroGpt } from "./gpt.js";
import type { OnnxDType, OnnxGraph } from "./graph.js";
import { asMLP, mlpGraph } from "./mlp.js";

export { decodeOnnx, ONNX_IR_VERSION, ONNX_OPSET } from "./encode.js";
export type { OnnxDType } from "./graph.js";

/**
 * A model `toOnnx` can export: an `MLP` or its JSON (`mlp.toJSON()`, a file `micrograd train` wrote), a
 * `MicroGpt` or its JSON (a file `micrograd gpt train` wrote).
 */
export type OnnxExportable = MLP | MLPJSON | MicroGpt | MicroGptJSON;

/** Options of `toOnnx`. */
export interface OnnxOptions {
  /**
   * The float type of the weights, inputs and outputs (default "float64", the engine's own numbers, so the
   * file computes what `model.forward` does to the last bits; "float32" is half the size and what most
   * runtimes and accelerators prefer).
   */
  dtype?: OnnxDType;
  /** Extra key/value pairs stored in the file (ModelProto.metadata_props), e.g. what the outputs mean. */
  metadata?: Readonly<Record<string, string>>;
}

const DTYPES: readonly OnnxDType[] = ["float64", "float32"];

/**
 * The bytes of an ONNX model (opset `ONNX_OPSET`, IR version `ONNX_IR_VERSION`) that computes
 * `model.forward` for a batch of inputs.
 *
 * An MLP becomes input "x" of shape [batch, nin] and output "y" of shape [batch, nout]: one Gemm per
 * layer and its activation (Relu, Tanh, Sigmoid, or none). A MicroGpt becomes input "tokens" (int64) of
 * shape [batch, seq] and output "logits" of shape [batch, seq, vocab]: the whole-sequence forward with a
 * causal mask, logits for every position; its metadata holds the vocabulary ("micrograd.uchars", BOS).
 *
 * ```ts
 * const bytes = toOnnx(mlp, { dtype: "float32" });
 * writeFileSync("model.onnx", bytes);
 * ```
 * @throws TypeError / RangeError for a model that is not an MLP or MicroGpt (or its JSON), an activation
 *   or op with no ONNX counterpart (a custom op), a non-finite parameter, or a bad option
 */
export function toOnnx(model: OnnxExportable, options: OnnxOptions = {}): Uint8Array {
  const where = "toOnnx(model)";
  if (options === null || typeof options !== "object") {
    throw new TypeError(
      `${where}: options must be an object like { dtype: "float32" }, got ${describeArg(options)}`,
    );
  }
  const dtype = options.dtype ?? "float64";
  if (!DTYPES.includes(dtype)) {
    throw new TypeError(`${where}: dtype must be "float64" or "float32", got ${describeArg(dtype)}`);
  }
  const metadata = checkMetadata(where, options.metadata ?? {});
  const { graph, doc, name, metadata: own } = describe(where, model, dtype);
  const made = `exported by micrograd-ts toOnnx as ${dtype}`;
  return encodeModel(graph.toProto(name, doc), {
    doc: `${doc} (${made})`,
    metadata: { ...own, ...metadata },
  });
}

/** The graph of a model, by kind: one branch and one file (mlp.ts, gpt.ts) per kind of model. */
function describe(
  where: string,
  model: unknown,
  dtype: OnnxDType,
): { graph: OnnxGraph; doc: string; name: string; metadata?: Record<string, string> } {
  if (model instanceof MLP || isMLPJSON(model)) {
    const mlp = asMLP(where, model as MLP | MLPJSON);
    return { ...mlpGraph(where, mlp, dtype), name: mlp.signature() };
  }
  if (isMicroGpt(model)) return gptGraph(where, asMicroGpt(where, model), dtype);
  throw new TypeError(
    `${where}: model must be an MLP or a MicroGpt, or its JSON ({ type: "MLP", ... } or { type: "MicroGpt", ... }), got ${describeArg(model)}`,
  );
}

/** Whether `x` looks like an MLP's JSON (its fields are checked by `MLP.fromJSON`). */
function isMLPJSON(x: unknown): boolean {
  return typeof x === "object" && x !== null && (x as { type?: unknown }).type === "MLP";
}

function checkMetadata(where: string, m: unknown): Record<string, string> {
  if (m === null || typeof m !== "object" || Array.isArray(m)) {
    throw new TypeError(`${where}: metadata must be an object of strings, got ${describeArg(m)}`);
  }
  for (const [k, v] of Object.entries(m)) {
    if (typeof v !== "string") {
      throw new TypeError(`${where}: metadata.${k} must be a string, got ${describeArg(v)}`);
    }
  }
  return m as Record<string, string>;
}
