// README's "Export to ONNX" snippet, run as written (imports pointed at src/, the file written to
// test-results/): ONNX Runtime's outputs must be model.forward's, computed here independently.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MLP } from "../../src/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("README ONNX snippet", () => {
  it("writes model.onnx, scores two points with onnxruntime-node and prints model.forward's outputs", async () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const section = /<!-- section:onnx -->([\s\S]*?)<!-- \/section:onnx -->/.exec(readme)?.[1] ?? "";
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code).toBeDefined();
    // export and scoring: about five lines
    expect(
      (code as string).split("\n").filter((l) => /toOnnx\(|session|ort\.Tensor|console\.log/.test(l)).length,
    ).toBeLessThanOrEqual(5);
    const dir = join(root, "test-results", "readme-onnx");
    mkdirSync(dir, { recursive: true });
    const onnxFile = join(dir, "model.onnx");
    const file = join(dir, "snippet.ts");
    writeFileSync(
      file,
      (code as string)
        .replace('from "micrograd-ts"', 'from "../../src/index.js"')
        .replace('from "micrograd-ts/onnx"', 'from "../../src/onnx/index.js"')
        .replaceAll('"model.onnx"', JSON.stringify(onnxFile)),
    );
    const logged: unknown[][] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
    await import(/* @vite-ignore */ `${file}?t=${Date.now()}`);
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
      expect(Math.abs((data[i] as number) - e) / Math.max(1, Math.abs(e))).toBeLessThanOrEqual(1e-5);
    });
    expect(readFileSync(onnxFile)[0]).toBe(0x08); // ModelProto field 1 (ir_version) comes first
  });
});
