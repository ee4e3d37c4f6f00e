/**
 * The graph builder on its own, beyond what the MLP exporter uses: int64 weights, INT / FLOAT / INTS
 * attributes and name checks, run with ONNX Runtime on numbers worked out by hand.
 */
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { encodeModel } from "../../src/onnx/encode.js";
import { OnnxGraph, tensorBytes } from "../../src/onnx/graph.js";

describe("OnnxGraph", () => {
  it("Transpose (INTS perm), Gather (int64 indices, INT axis), LeakyRelu (FLOAT alpha) run as specified", async () => {
    const g = new OnnxGraph();
    const x = g.input("x", "float64", [2, 3]);
    const idx = g.initializer("idx", "int64", [2], [1, 0]);
    const t = g.node("Transpose", [x], "t", "transpose", { perm: { ints: [1, 0] } });
    const s = g.node("Gather", [t, idx], "s", "gather", { axis: { int: 1 } });
    g.node("LeakyRelu", [s], "y", "leaky", { alpha: { float: 0.5 } });
    g.output("y", "float64", [3, 2]);
    const bytes = encodeModel(g.toProto("test", "a test graph"), { doc: "test" });
    const session = await ort.InferenceSession.create(bytes);
    const input = new ort.Tensor("float64", Float64Array.from([1, -2, 3, 4, 5, -6]), [2, 3]);
    const { y } = await session.run({ x: input });
    // xᵀ = [[1, 4], [-2, 5], [3, -6]]; columns swapped: [[4, 1], [5, -2], [-6, 3]]; negatives halved
    expect(y?.dims).toEqual([3, 2]);
    expect(Array.from(y?.data as Float64Array)).toEqual([4, 1, 5, -1, -3, 3]);
  });

  it("writes tensors little-endian: float32 rounded to nearest, float64 and int64 exact", () => {
    expect([...tensorBytes("float32", [1, 0.1])]).toEqual([0, 0, 0x80, 0x3f, 0xcd, 0xcc, 0xcc, 0x3d]);
    expect([...tensorBytes("float64", [-2])]).toEqual([0, 0, 0, 0, 0, 0, 0, 0xc0]);
    expect([...tensorBytes("int64", [-1, 258])]).toEqual([
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 1, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it("refuses a name used twice and a tensor whose values do not fill its dims", () => {
    const g = new OnnxGraph();
    g.input("x", "float32", ["batch", 2]);
    expect(() => g.initializer("x", "float32", [1], [0])).toThrow('OnnxGraph: the name "x" is used twice');
    expect(() => g.initializer("w", "float32", [2, 2], [1, 2, 3])).toThrow(
      "OnnxGraph: w has 3 values for dims [2, 2]",
    );
  });
});
