/**
 * Test helpers: run an exported ONNX file with ONNX Runtime (onnxruntime-node, CPU) and compare its
 * outputs with the engine's.
 */
import * as ort from "onnxruntime-node";
import { expect } from "vitest";
import type { OnnxDType } from "../../packages/micrograd-cli/src/onnx/index.js";
import { type MicroGpt, type MLP, Rng } from "../../packages/micrograd-ts/src/index.js";

/** Runs the model in `bytes` (or a file path) on the rows `xs`; returns the rows of output `name`. */
export async function runOnnx(
  model: Uint8Array | string,
  xs: readonly (readonly number[])[],
  dtype: OnnxDType,
  name = "y",
): Promise<number[][]> {
  const session = await (typeof model === "string"
    ? ort.InferenceSession.create(model)
    : ort.InferenceSession.create(model));
  const nin = xs[0]?.length ?? 0;
  const flat = xs.flat();
  const data = dtype === "float64" ? Float64Array.from(flat) : Float32Array.from(flat);
  const result = await session.run({ x: new ort.Tensor(dtype, data, [xs.length, nin]) });
  const y = result[name];
  if (!y) throw new Error(`the session has no output "${name}"`);
  const [rows, cols] = y.dims as [number, number];
  const values = Array.from(y.data as Float64Array | Float32Array);
  return Array.from({ length: rows }, (_, r) => values.slice(r * cols, (r + 1) * cols));
}

/** The engine's outputs for each row, on the inputs the runtime saw (rounded to float32 for float32). */
export function forwardRows(model: MLP, xs: readonly (readonly number[])[], dtype: OnnxDType): number[][] {
  return xs.map((x) => model.forward(dtype === "float32" ? x.map(Math.fround) : [...x]).map((v) => v.data));
}

/**
 * The largest |a - e| / max(1, |e|, scale) over all outputs: relative error (absolute near zero). Without
 * `scales` it is relative to the output; with them (see `sumScales`), to the size of the sums that made it.
 */
export function maxRelError(
  actual: readonly number[][],
  expected: readonly number[][],
  scales?: readonly number[][],
): number {
  let worst = 0;
  expected.forEach((row, r) => {
    if (actual[r]?.length !== row.length) {
      throw new Error(`row ${r}: ${actual[r]?.length} outputs, expected ${row.length}`);
    }
    row.forEach((e, c) => {
      const a = actual[r]?.[c];
      const scale = Math.max(1, Math.abs(e), scales?.[r]?.[c] ?? 0);
      worst = Math.max(worst, Number.isNaN(a) ? Number.POSITIVE_INFINITY : Math.abs(a - e) / scale);
    });
  });
  return worst;
}

/**
 * For each output, a bound on the size of the numbers summed to make it: the network run on |x| with
 * |w|, |b| and no cancellation (each layer: max(1, |b| + sum |w| h), as |relu(z)|, |tanh(z)| <= |z| and
 * sigmoid <= 1). Rounding a sum in floating point errs relative to this size, not to the (possibly
 * cancelled) result: a float32 dot product of 5 terms of size 100 that cancel to 0.01 is off by ~1e-5.
 */
export function sumScales(model: MLP, xs: readonly (readonly number[])[]): number[][] {
  return xs.map((x) => {
    let h = x.map(Math.abs);
    for (const layer of model.layers) {
      h = layer.neurons.map((n) =>
        Math.max(
          1,
          n.w.reduce((s, w, i) => s + Math.abs(w.data) * h[i], Math.abs(n.b.data)),
        ),
      );
    }
    return h;
  });
}

/** Tolerances of issue 15: float64 to 1e-12 relative, float32 to 1e-5. */
export const TOLERANCE: Record<OnnxDType, number> = { float64: 1e-12, float32: 1e-5 };

/** `n` points with coordinates uniform in [-scale, scale]. */
export function randomPoints(n: number, nin: number, seed: number, scale = 3): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => Array.from({ length: nin }, () => rng.uniform(-scale, scale)));
}

/** The tokens a microgpt reads for a name: BOS and its characters (it predicts after each), cut to blockSize. */
export function gptInput(model: MicroGpt, name: string): number[] {
  return model.tokenizer.encode(name).slice(0, -1).slice(0, model.config.blockSize);
}

/** MicroGpt.forward's logits at each position of `tokens` (one position at a time, KV cache). */
export function tsLogits(model: MicroGpt, tokens: readonly number[]): number[][] {
  const cache = model.emptyCache();
  return tokens.map((t, pos) => model.forward(t, pos, cache).map((v) => v.data));
}

/** ONNX Runtime's "logits" for a batch of equally long token rows: [batch][position][vocab]. */
export async function ortLogits(
  model: Uint8Array | string,
  rows: readonly (readonly number[])[],
  dtype: OnnxDType,
): Promise<number[][][]> {
  const session = await (typeof model === "string"
    ? ort.InferenceSession.create(model)
    : ort.InferenceSession.create(model));
  const seq = rows[0]?.length ?? 0;
  const tokens = new ort.Tensor("int64", BigInt64Array.from(rows.flat().map(BigInt)), [rows.length, seq]);
  const { logits } = await session.run({ tokens });
  if (!logits) throw new Error("the session has no output named logits");
  expect(logits.type).toBe(dtype);
  const [batch, t, vocab] = logits.dims as [number, number, number];
  const data = Array.from(logits.data as Float64Array | Float32Array);
  return Array.from({ length: batch }, (_, b) =>
    Array.from({ length: t }, (_, p) => data.slice((b * t + p) * vocab, (b * t + p + 1) * vocab)),
  );
}
