/**
 * microgpt's inference on plain numbers, for the GPT view's live samples and typed name: the same ops in the
 * same order as `MicroGpt.forward`, `MicroGpt.inspect` and `sampleMicroGpt` (so the same numbers and, from
 * the same generator, the same names; test/web checks them bit for bit), but no Value objects. Why: ten
 * names and one inspection every 50 steps built ~300k Values each time, which took about a quarter of the
 * run's time in the worker and slowed the replays in between (GC). The run's final names still come from
 * the library's `sampleMicroGpt`.
 */
import type { MicroGpt, PyRandom, SampleOptions } from "micrograd-ts";

type Mat = number[][];

/** sum(w[i] * x[start + i]), added left to right from 0 (as `Value.dot`). */
function dot(w: readonly number[], x: readonly number[], start = 0): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i] * x[start + i];
  return s;
}

function linear(x: readonly number[], w: Mat): number[] {
  return w.map((row) => dot(row, x));
}

/** microgpt's softmax: exp(l - max) * (sum of them) ** -1. */
function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  let total = 0;
  for (const e of exps) total += e;
  const inv = total ** -1;
  return exps.map((e) => e * inv);
}

function rmsnorm(x: readonly number[]): number[] {
  const scale = (dot(x, x) * x.length ** -1 + 1e-5) ** -0.5;
  return x.map((xi) => xi * scale);
}

/** A snapshot of a model's weights as numbers, with microgpt's per-token forward. */
export class NumericMicroGpt {
  /** The attention weights of the last `forward`, `[layer][head][t]` (as `MicroGpt.lastAttention`). */
  lastAttention: number[][][] = [];
  private readonly sd: Record<string, Mat> = {};

  /** @param model the model whose current weights are copied */
  constructor(readonly model: MicroGpt) {
    for (const [name, mat] of Object.entries(model.stateDict))
      this.sd[name] = mat.map((row) => row.map((p) => p.data));
  }

  private mat(name: string): Mat {
    return this.sd[name];
  }

  /**
   * The logits after `tokenId` at position `posId`, appending this position's keys and values to the
   * cache (`keys[layer][pos]`), as `MicroGpt.forward`.
   */
  forward(tokenId: number, posId: number, keys: number[][][], values: number[][][]): number[] {
    const { nLayer, nHead, nEmbd } = this.model.config;
    const headDim = nEmbd / nHead;
    const tok = this.mat("wte")[tokenId];
    const pos = this.mat("wpe")[posId];
    let x = rmsnorm(tok.map((t, i) => t + pos[i]));
    const scale = (headDim ** 0.5) ** -1;
    const attention: number[][][] = [];
    for (let li = 0; li < nLayer; li++) {
      let residual = x;
      x = rmsnorm(x);
      const q = linear(x, this.mat(`layer${li}.attn_wq`));
      const ks = keys[li];
      const vs = values[li];
      ks.push(linear(x, this.mat(`layer${li}.attn_wk`)));
      vs.push(linear(x, this.mat(`layer${li}.attn_wv`)));
      const xAttn: number[] = [];
      const heads: number[][] = [];
      for (let h = 0; h < nHead; h++) {
        const hs = h * headDim;
        const qh = q.slice(hs, hs + headDim);
        const weights = softmax(ks.map((kt) => dot(qh, kt, hs) * scale));
        heads.push(weights);
        for (let j = 0; j < headDim; j++) {
          xAttn.push(
            dot(
              weights,
              vs.map((vt) => vt[hs + j]),
            ),
          );
        }
      }
      attention.push(heads);
      x = linear(xAttn, this.mat(`layer${li}.attn_wo`)).map((a, i) => a + residual[i]);
      residual = x;
      x = linear(rmsnorm(x), this.mat(`layer${li}.mlp_fc1`)).map((a) => Math.max(0, a));
      x = linear(x, this.mat(`layer${li}.mlp_fc2`)).map((a, i) => a + residual[i]);
    }
    this.lastAttention = attention;
    return linear(x, this.mat("lm_head"));
  }

  /** `MicroGpt.inspect(tokens)` on these weights: next-token probabilities and attention, per position. */
  inspect(tokens: readonly number[]): { probs: number[][]; attention: number[][][][] } {
    const { nLayer } = this.model.config;
    const keys: number[][][] = Array.from({ length: nLayer }, () => []);
    const values: number[][][] = Array.from({ length: nLayer }, () => []);
    const probs: number[][] = [];
    const attention: number[][][][] = [];
    tokens.forEach((tokenId, posId) => {
      probs.push(softmax(this.forward(tokenId, posId, keys, values)));
      attention.push(this.lastAttention);
    });
    return { probs, attention };
  }

  /** `sampleMicroGpt(model, rng, options)` on these weights: the same names for the same generator. */
  sample(rng: PyRandom, options: Required<SampleOptions>): string[] {
    const { BOS, vocabSize } = this.model.tokenizer;
    const { nLayer, blockSize } = this.model.config;
    const ids = Array.from({ length: vocabSize }, (_, i) => i);
    const invTemperature = options.temperature ** -1;
    const names: string[] = [];
    for (let s = 0; s < options.count; s++) {
      const keys: number[][][] = Array.from({ length: nLayer }, () => []);
      const values: number[][][] = Array.from({ length: nLayer }, () => []);
      let tokenId = BOS;
      const out: number[] = [];
      for (let posId = 0; posId < blockSize; posId++) {
        const logits = this.forward(tokenId, posId, keys, values);
        tokenId = rng.choices(ids, softmax(logits.map((l) => l * invTemperature)))[0];
        if (tokenId === BOS) break;
        out.push(tokenId);
      }
      names.push(this.model.tokenizer.decode(out));
    }
    return names;
  }
}
