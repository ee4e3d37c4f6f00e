// README's "Export to ONNX" snippet, run as written (imports pointed at src/, the file written to
// test-results/): ONNX Runtime's outputs must be model.forward's, computed here independently.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MLP } from "../../packages/micrograd-ts/src/index.js";
import { readmeCode, runSnippet } from "../helpers/readme-snippet.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("README ONNX snippet", () => {
  it("writes model.onnx, scores two points with onnxruntime-node and prints model.forward's outputs", async () => {
    const code = readmeCode("onnx");
    // export and scoring: about five lines
    const lines = code.split("\n").filter((l) => /toOnnx\(|session|ort\.Tensor|console\.log/.test(l));
    expect(lines.length).toBeLessThanOrEqual(5);
    let onnxFile = "";
    const logged = await runSnippet(code, "readme-onnx", (c, dir) => {
      onnxFile = join(dir, "model.onnx");
      return c.replaceAll('"model.onnx"', JSON.stringify(onnxFile));
    });
    expect(logged).toHaveLength(1);
    const [dims, data] = logged[0] as [number[], Float32Array];
    expect(dims).toEqual([2, 1]);
    expect(data).toBeInstanceOf(Float32Array);
    const model = new MLP(2, [16, 16, 1], { seed: 1 });
    const expected = [
      [0.5, -0.3],
      [1.0, 0.2],
    ].map((x) => (model.forward(x.map(Math.fround))[0] as { data: number }).data);
    expected.forEach((e, i) => {
      expect(Math.abs(data[i] - e) / Math.max(1, Math.abs(e))).toBeLessThanOrEqual(1e-5);
    });
    expect(readFileSync(onnxFile)[0]).toBe(0x08); // ModelProto field 1 (ir_version) comes first
  });
});
