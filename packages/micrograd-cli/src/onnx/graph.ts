/**
 * `OnnxGraph`: a small builder for an ONNX graph (inputs, outputs, weights, nodes) as plain objects shaped
 * like onnx.proto's GraphProto, ready for `encodeModel`. Exporters (mlp.ts, ...) describe a model with it;
 * nothing here knows about a particular model.
 */

/** The float types a model can be exported in. */
export type OnnxDType = "float32" | "float64";

/** Element types of the tensors a graph holds: the model's floats, and int64 for indices and shapes. */
export type ElemType = OnnxDType | "int64";

/** onnx.proto's TensorProto.DataType for each element type. */
const DATA_TYPE: Record<ElemType, number> = { float32: 1, int64: 7, float64: 11 };

/** A dimension: a size, or a name for one that is chosen at run time (e.g. "batch"). */
export type Dim = number | string;

/** A node attribute, tagged with its onnx.proto AttributeType so `1` (INT) and `1.0` (FLOAT) stay apart. */
export type Attribute = { int: number } | { float: number } | { ints: readonly number[] };

// onnx.proto AttributeProto.AttributeType
const FLOAT = 1;
const INT = 2;
const INTS = 7;

/** A TensorProto: the weights are stored little-endian in raw_data, as onnx.proto specifies. */
export interface TensorProto {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}

/** A ValueInfoProto for a graph input or output: a tensor type and shape. */
export interface ValueInfoProto {
  name: string;
  doc_string?: string;
  type: {
    tensor_type: { elem_type: number; shape: { dim: ({ dim_value: number } | { dim_param: string })[] } };
  };
}

/** An AttributeProto. */
export interface AttributeProto {
  name: string;
  type: number;
  i?: number;
  f?: number;
  ints?: number[];
}

/** A NodeProto: one operator call. */
export interface NodeProto {
  name: string;
  op_type: string;
  input: string[];
  output: string[];
  attribute: AttributeProto[];
}

/** A GraphProto. */
export interface GraphProto {
  name: string;
  doc_string: string;
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
}

/** Little-endian bytes of `values` as `type` (float32 rounds to nearest, as Math.fround). */
export function tensorBytes(type: ElemType, values: ArrayLike<number>): Uint8Array {
  const size = type === "float32" ? 4 : 8;
  const bytes = new Uint8Array(values.length * size);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (type === "float32") view.setFloat32(i * size, v, true);
    else if (type === "float64") view.setFloat64(i * size, v, true);
    else view.setBigInt64(i * size, BigInt(v), true);
  }
  return bytes;
}

/** A graph under construction. Every name (input, weight, node output) must be unique. */
export class OnnxGraph {
  private readonly nodes: NodeProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly names = new Set<string>();

  /** Declares a graph input; returns its name. */
  input(name: string, type: ElemType, dims: readonly Dim[], doc = ""): string {
    this.inputs.push(valueInfo(this.claim(name), type, dims, doc));
    return name;
  }

  /** Declares a graph output (a name some node writes); returns its name. */
  output(name: string, type: ElemType, dims: readonly Dim[], doc = ""): string {
    this.outputs.push(valueInfo(name, type, dims, doc));
    return name;
  }

  /** Adds a constant tensor (a weight); `values` in row-major order. Returns its name. */
  initializer(name: string, type: ElemType, dims: readonly number[], values: ArrayLike<number>): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (values.length !== count) {
      throw new RangeError(`OnnxGraph: ${name} has ${values.length} values for dims [${dims.join(", ")}]`);
    }
    this.initializers.push({
      name: this.claim(name),
      dims: [...dims],
      data_type: DATA_TYPE[type],
      raw_data: tensorBytes(type, values),
    });
    return name;
  }

  /** Adds a node `opType(inputs) -> output` named `name`; returns the output's name. */
  node(
    opType: string,
    inputs: readonly string[],
    output: string,
    name: string,
    attributes: Record<string, Attribute> = {},
  ): string {
    this.nodes.push({
      name: this.claim(name),
      op_type: opType,
      input: [...inputs],
      output: [this.claim(output)],
      attribute: Object.entries(attributes).map(([key, a]) => attribute(key, a)),
    });
    return output;
  }

  /** The GraphProto. */
  toProto(name: string, doc: string): GraphProto {
    return {
      name,
      doc_string: doc,
      node: this.nodes,
      initializer: this.initializers,
      input: this.inputs,
      output: this.outputs,
    };
  }

  private claim(name: string): string {
    if (this.names.has(name)) throw new Error(`OnnxGraph: the name "${name}" is used twice`);
    this.names.add(name);
    return name;
  }
}

function valueInfo(name: string, type: ElemType, dims: readonly Dim[], doc: string): ValueInfoProto {
  return {
    name,
    ...(doc ? { doc_string: doc } : {}),
    type: {
      tensor_type: {
        elem_type: DATA_TYPE[type],
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dim_value: d } : { dim_param: d })) },
      },
    },
  };
}

function attribute(name: string, a: Attribute): AttributeProto {
  if ("int" in a) return { name, type: INT, i: a.int };
  if ("float" in a) return { name, type: FLOAT, f: a.float };
  return { name, type: INTS, ints: [...a.ints] };
}
