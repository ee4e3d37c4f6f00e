/**
 * ModelProto <-> bytes with protobufjs and the official ONNX schema (schema.ts, from onnx.proto): the
 * protobuf wire format is protobufjs's job, never written by hand here.
 */
import protobuf from "protobufjs/light.js";
import type { GraphProto } from "./graph.js";
import { ONNX_SCHEMA } from "./schema.js";

/** The opset toOnnx writes (ONNX 1.12's default domain; every op used here exists in it). */
export const ONNX_OPSET = 17;
/**
 * The IR version that goes with opset 17 (ONNX 1.12 released both): runtimes read a file whose IR version
 * is at most theirs, so the lowest IR version that has the opset is the most portable.
 */
export const ONNX_IR_VERSION = 8;

/** What `encodeModel` writes around the graph. */
export interface ModelInfo {
  /** ModelProto.doc_string: what the model is and what made it. */
  doc: string;
  /** ModelProto.metadata_props. */
  metadata?: Readonly<Record<string, string>>;
}

let modelType: protobuf.Type | null = null;

/** onnx.ModelProto, built once from the schema. */
function ModelProto(): protobuf.Type {
  modelType ??= protobuf.Root.fromJSON(ONNX_SCHEMA).lookupType("onnx.ModelProto");
  return modelType;
}

/** The bytes of an ONNX model holding `graph` (opset `ONNX_OPSET`, IR version `ONNX_IR_VERSION`). */
export function encodeModel(graph: GraphProto, info: ModelInfo): Uint8Array {
  const type = ModelProto();
  const model = {
    ir_version: ONNX_IR_VERSION,
    opset_import: [{ domain: "", version: ONNX_OPSET }],
    producer_name: "micrograd-ts",
    doc_string: info.doc,
    graph,
    metadata_props: Object.entries(info.metadata ?? {}).map(([key, value]) => ({ key, value })),
  };
  const problem = type.verify(model);
  if (problem) throw new Error(`toOnnx: internal error, the ModelProto is malformed: ${problem}`);
  return type.encode(type.fromObject(model)).finish();
}

/**
 * Decodes the bytes of an ONNX model into a plain object with onnx.proto's field names (`ir_version`,
 * `opset_import`, `graph.node[i].op_type`, ...); 64-bit integers become numbers, bytes stay Uint8Array.
 * @throws TypeError if `bytes` is not a Uint8Array; Error naming the problem if they are not a ModelProto
 */
export function decodeOnnx(bytes: Uint8Array): Record<string, unknown> {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`decodeOnnx(bytes): bytes must be a Uint8Array, got ${typeof bytes}`);
  }
  const type = ModelProto();
  let message: protobuf.Message;
  try {
    message = type.decode(bytes);
  } catch (e) {
    throw new Error(`decodeOnnx(bytes): not an ONNX model (${(e as Error).message})`);
  }
  return type.toObject(message, { longs: Number, enums: Number, bytes: Uint8Array, defaults: false });
}
