/**
 * toOnnx on MLPs, checked by running the exported file with ONNX Runtime (onnxruntime-node, CPU): its
 * outputs equal `model.forward` on random inputs (float64 to 1e-12 relative, float32 to 1e-5) for every
 * activation, random shapes and batches; the file's structure is decoded and checked field by field; and
 * every kind of bad input gets its own clear error.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeOnnx,
  ONNX_IR_VERSION,
  ONNX_OPSET,
  type OnnxDType,
  toOnnx,
} from "../../packages/micrograd-cli/src/onnx/index.js";
import { ACTIVATIONS, defineOp, MLP, Value } from "../../packages/micrograd-ts/src/index.js";
import { forwardRows, maxRelError, randomPoints, runOnnx, sumScales, TOLERANCE } from "./ort.js";

const DTYPES: OnnxDType[] = ["float64", "float32"];

interface Decoded {
  ir_version: number;
  opset_import: { domain?: string; version: number }[];
  producer_name: string;
  doc_string: string;
  metadata_props?: { key: string; value: string }[];
  graph: {
    name: string;
    node: {
      name: string;
      op_type: string;
      input: string[];
      output: string[];
      attribute?: { name: string; i?: number }[];
    }[];
    initializer: { name: string; dims: number[]; data_type: number; raw_data: Uint8Array }[];
    input: ValueInfo[];
    output: ValueInfo[];
  };
}
interface ValueInfo {
  name: string;
  type: { tensor_type: { elem_type: number; shape: { dim: { dim_value?: number; dim_param?: string }[] } } };
}

const neuron = (m: MLP, layer: number, j: number) => m.layers[layer].neurons[j];
const decode = (bytes: Uint8Array) => decodeOnnx(bytes) as unknown as Decoded;

/** The little-endian numbers in a TensorProto's raw_data. */
function rawNumbers(t: Decoded["graph"]["initializer"][number]): number[] {
  const view = new DataView(t.raw_data.buffer, t.raw_data.byteOffset, t.raw_data.byteLength);
  const size = t.data_type === 1 ? 4 : 8;
  return Array.from({ length: t.raw_data.byteLength / size }, (_, i) =>
    size === 4 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true),
  );
}

describe("toOnnx: ONNX Runtime computes what model.forward computes", () => {
  for (const dtype of DTYPES) {
    for (const activation of ACTIVATIONS) {
      it(`${dtype}, ${activation} hidden layers, a batch of 200 points`, async () => {
        // the output activation cycles too, so each of the four appears as a last layer as well
        const outputActivation = ACTIVATIONS[(ACTIVATIONS.indexOf(activation) + 1) % 4];
        const model = new MLP(3, [16, 16, 4], { activation, outputActivation, seed: 7 });
        const xs = randomPoints(200, 3, 11);
        const got = await runOnnx(toOnnx(model, { dtype }), xs, dtype);
        expect(got).toHaveLength(200);
        expect(maxRelError(got, forwardRows(model, xs, dtype))).toBeLessThanOrEqual(TOLERANCE[dtype]);
      });
    }
  }

  // Weights over [-3, 3] through up to 4 layers make sums of size ~1e3 that may cancel: the error is
  // measured relative to the size of those sums (sumScales), as floating-point rounding is.
  it("random shapes, activations, weights and batches (property)", async () => {
    const act = fc.constantFrom(...ACTIVATIONS);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          nin: fc.integer({ min: 1, max: 5 }),
          nouts: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 4 }),
          activation: act,
          outputActivation: act,
          seed: fc.integer({ min: 1, max: 1_000_000 }),
          batch: fc.integer({ min: 1, max: 40 }),
          dtype: fc.constantFrom(...DTYPES),
          init: fc.constantFrom("micrograd" as const, "llm101n" as const),
          fused: fc.boolean(),
        }),
        async (c) => {
          const { activation, outputActivation, seed, init, fused } = c;
          const model = new MLP(c.nin, c.nouts, { activation, outputActivation, seed, init, fused });
          // trained weights are not U(-1, 1): spread them over [-3, 3] and give the biases values too
          const params = model.parameters();
          randomPoints(1, params.length, c.seed + 1)[0]?.forEach((v, i) => {
            params[i].data = v;
          });
          const xs = randomPoints(c.batch, c.nin, c.seed + 2);
          const got = await runOnnx(toOnnx(model, { dtype: c.dtype }), xs, c.dtype);
          const want = forwardRows(model, xs, c.dtype);
          expect(maxRelError(got, want, sumScales(model, xs))).toBeLessThanOrEqual(TOLERANCE[c.dtype]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a model given as its JSON (as the CLI saves it) exports the same bytes as the model", () => {
    const model = new MLP(2, [8, 3], { activation: "tanh", seed: 3 });
    const json = JSON.parse(JSON.stringify(model));
    expect(toOnnx(json)).toEqual(toOnnx(model));
    expect(toOnnx(json, { dtype: "float32" })).toEqual(toOnnx(model, { dtype: "float32" }));
  });

  it("the comparison can fail: a file exported before a weight changed no longer matches", async () => {
    const model = new MLP(2, [4, 1], { seed: 5 });
    const xs = randomPoints(50, 2, 9);
    const bytes = toOnnx(model);
    for (const p of model.parameters()) p.data += 1e-9;
    expect(
      maxRelError(await runOnnx(bytes, xs, "float64"), forwardRows(model, xs, "float64")),
    ).toBeGreaterThan(TOLERANCE.float64);
  });
});

describe("toOnnx: the file", () => {
  const model = new MLP(2, [3, 2], { activation: "sigmoid", outputActivation: "tanh", seed: 2 });

  it("has opset 17, IR version 8, the producer and a doc string saying what made it", () => {
    const m = decode(toOnnx(model, { dtype: "float32" }));
    expect([ONNX_OPSET, ONNX_IR_VERSION]).toEqual([17, 8]);
    expect(m.ir_version).toBe(8);
    expect(m.opset_import).toEqual([{ domain: "", version: 17 }]); // "": the default ONNX domain
    expect(m.producer_name).toBe("micrograd-ts");
    expect(m.doc_string).toBe(
      "MLP(2, [3, 2]), sigmoid hidden layers, tanh output: y = model.forward(x) for each row x of the batch (exported by micrograd-ts toOnnx as float32)",
    );
    expect(m.graph.name).toBe("MLP(2, [3, 2])");
    expect(decode(toOnnx(new MLP(3, [1], { seed: 1 }))).doc_string).toBe(
      "MLP(3, [1]), linear output: y = model.forward(x) for each row x of the batch (exported by micrograd-ts toOnnx as float64)",
    );
  });

  it('names input "x" [batch, nin] and output "y" [batch, nout], typed by dtype', () => {
    for (const [dtype, elem] of [
      ["float64", 11],
      ["float32", 1],
    ] as const) {
      const m = decode(toOnnx(model, { dtype }));
      const shape = (v: ValueInfo) => [
        v.name,
        v.type.tensor_type.elem_type,
        v.type.tensor_type.shape.dim.map((d) => d.dim_param ?? d.dim_value),
      ];
      expect(m.graph.input.map(shape)).toEqual([["x", elem, ["batch", 2]]]);
      expect(m.graph.output.map(shape)).toEqual([["y", elem, ["batch", 2]]]);
    }
  });

  it("one Gemm (transB = 1) per layer, then the layer's activation op", () => {
    const ops = (m: MLP) => decode(toOnnx(m)).graph.node.map((n) => n.op_type);
    expect(ops(model)).toEqual(["Gemm", "Sigmoid", "Gemm", "Tanh"]);
    expect(ops(new MLP(2, [4, 4, 1], { seed: 1 }))).toEqual(["Gemm", "Relu", "Gemm", "Relu", "Gemm"]);
    expect(ops(new MLP(1, [2, 1], { activation: "linear", outputActivation: "relu", seed: 1 }))).toEqual([
      "Gemm",
      "Gemm",
      "Relu",
    ]);
    const nodes = decode(toOnnx(model)).graph.node;
    expect(nodes[0]?.input).toEqual(["x", "layers.0.weight", "layers.0.bias"]);
    expect(nodes[0]?.attribute).toEqual([{ name: "transB", type: 2, i: 1 }]);
    expect(nodes[3]?.output).toEqual(["y"]);
  });

  it("stores each layer's weights neuron by neuron ([nout, nin]) and its biases, exactly", () => {
    const m = decode(toOnnx(model));
    const layer1 = model.layers[1].neurons;
    const [w0, b0, w1, b1] = m.graph.initializer;
    expect(m.graph.initializer.map((t) => [t.name, t.dims, t.data_type])).toEqual([
      ["layers.0.weight", [3, 2], 11],
      ["layers.0.bias", [3], 11],
      ["layers.1.weight", [2, 3], 11],
      ["layers.1.bias", [2], 11],
    ]);
    const params = model.parameters().map((p) => p.data);
    // parameters() is w0 w1 b of neuron 0, then neuron 1, ...: split it back into weights and biases
    expect([...rawNumbers(w0 as never), ...rawNumbers(b0 as never)]).toEqual([
      ...[0, 1, 2].flatMap((j) => params.slice(j * 3, j * 3 + 2)),
      ...[0, 1, 2].map((j) => params[j * 3 + 2]),
    ]);
    expect(rawNumbers(w1 as never)).toEqual(layer1.flatMap((n) => n.w.map((w) => w.data)));
    expect(rawNumbers(b1 as never)).toEqual(layer1.map((n) => n.b.data));
    // float32 rounds each number to nearest
    const f32 = decode(toOnnx(model, { dtype: "float32" })).graph.initializer[2];
    expect(rawNumbers(f32 as never)).toEqual(layer1.flatMap((n) => n.w.map((w) => Math.fround(w.data))));
  });

  it("keeps metadata as metadata_props", () => {
    const m = decode(toOnnx(model, { metadata: { "micrograd.dataset": "moons", note: "hi" } }));
    expect(m.metadata_props).toEqual([
      { key: "micrograd.dataset", value: "moons" },
      { key: "note", value: "hi" },
    ]);
  });
});

describe("toOnnx: bad input is refused with a clear error", () => {
  it("something that is not an MLP or its JSON", () => {
    for (const bad of [undefined, 42, "model.json", [], {}, new Value(1)]) {
      expect(() => toOnnx(bad as never)).toThrow(
        /^toOnnx\(model\): model must be an MLP or a MicroGpt, or its JSON/,
      );
    }
  });

  it("JSON that is not a valid MLP", () => {
    const json = new MLP(2, [2], { seed: 1 }).toJSON();
    expect(() => toOnnx({ ...json, parameters: [1, 2] })).toThrow(
      /^toOnnx\(model\): not an exportable MLP: parameters must have 6 numbers for MLP\(2, \[2\]\)/,
    );
    expect(() => toOnnx({ ...json, activation: "gelu" as never })).toThrow(
      `toOnnx(model): not an exportable MLP: activation must be one of ${ACTIVATIONS.join(", ")}, got string "gelu"`,
    );
  });

  it("an activation with no ONNX export, or mixed activations in a layer", () => {
    const model = new MLP(2, [3, 1], { seed: 1 });
    const n = neuron(model, 0, 1) as { activation: string };
    n.activation = "gelu";
    expect(() => toOnnx(model)).toThrow(
      'toOnnx(model): layer 0 neuron 1 has the activation string "gelu", which has no ONNX export; supported: relu, tanh, sigmoid, linear',
    );
    n.activation = "tanh";
    expect(() => toOnnx(model)).toThrow(
      'toOnnx(model): layer 0 mixes activations ("relu" and "tanh" at neuron 1); ONNX export needs one activation per layer',
    );
  });

  it("a custom op (defineOp) in the model's forward", () => {
    const softplus = defineOp({
      name: "onnx-test-softplus",
      arity: 1,
      forward: (x) => Math.log1p(Math.exp(x)),
      derivatives: ([x]) => [1 / (1 + Math.exp(-(x as number)))],
    });
    class SoftplusMLP extends MLP {
      override forward(x: readonly (Value | number)[]): Value[] {
        return super.forward(x).map((v) => softplus(v));
      }
    }
    expect(() => toOnnx(new SoftplusMLP(2, [2], { seed: 1 }))).toThrow(
      'toOnnx(model): model.forward uses the custom op "onnx-test-softplus", which has no ONNX export',
    );
    class ExpMLP extends MLP {
      override forward(x: readonly (Value | number)[]): Value[] {
        return super.forward(x).map((v) => v.exp());
      }
    }
    expect(() => toOnnx(new ExpMLP(2, [2], { seed: 1 }))).toThrow('model.forward uses the op "exp"');
  });

  it("a parameter that is not finite, or too big for float32", () => {
    const model = new MLP(2, [2, 1], { seed: 1 });
    const w = neuron(model, 1, 0).w[1];
    w.data = Number.NaN;
    expect(() => toOnnx(model)).toThrow(
      "toOnnx(model): layer 1 neuron 0 weight 1 is NaN; only finite parameters can be exported",
    );
    w.data = 1e39;
    expect(toOnnx(model).length).toBeGreaterThan(0);
    expect(() => toOnnx(model, { dtype: "float32" })).toThrow(
      "toOnnx(model): layer 1 neuron 0 weight 1 is 1e+39, beyond float32's range (±3.4e38); export as float64",
    );
    w.data = 0;
    neuron(model, 0, 1).b.data = Number.POSITIVE_INFINITY;
    expect(() => toOnnx(model)).toThrow("toOnnx(model): layer 0 neuron 1 bias is Infinity");
  });

  it("bad options", () => {
    const model = new MLP(1, [1], { seed: 1 });
    expect(() => toOnnx(model, { dtype: "float16" as never })).toThrow(
      'toOnnx(model): dtype must be "float64" or "float32", got string "float16"',
    );
    expect(() => toOnnx(model, null as never)).toThrow("toOnnx(model): options must be an object");
    expect(() => toOnnx(model, { metadata: { n: 3 as never } })).toThrow(
      "toOnnx(model): metadata.n must be a string, got number 3",
    );
  });

  it("decodeOnnx refuses bytes that are not an ONNX model", () => {
    expect(() => decodeOnnx("abc" as never)).toThrow("decodeOnnx(bytes): bytes must be a Uint8Array");
    expect(() => decodeOnnx(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f]))).toThrow(
      /^decodeOnnx\(bytes\): not an ONNX model/,
    );
  });
});
