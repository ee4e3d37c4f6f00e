/**
 * `MicroGpt`: microgpt.py's GPT — token and position embeddings, `nLayer` blocks of multi-head causal
 * attention and a ReLU MLP (each after an RMSNorm, with a residual connection), and a linear head; no biases.
 * The forward runs one token at a time with a KV cache, as microgpt's `gpt(token_id, pos_id, keys, values)`.
 */
import { PyRandom } from "../data/pyrandom.js";
import { Value } from "../engine/value.js";
import { describeArg } from "../util/describe-arg.js";
import { type GptConfig, resolveConfig, stateDictShapes } from "./config.js";
import { dot, linear, rmsnorm, softmax } from "./functions.js";
import { checkMicroGptJSON, type MicroGptJSON } from "./json.js";
import { CharTokenizer } from "./tokenizer.js";

/** A weight matrix: `nout` rows of `nin` Values (microgpt's `matrix(nout, nin)`). */
export type Matrix = Value[][];

/** The keys and values of the positions seen so far, per layer: `keys[layer][pos]` is a k vector. */
export interface KvCache {
  readonly keys: Value[][][];
  readonly values: Value[][][];
}

/** The standard deviation of the initial weights: `random.gauss(0, 0.08)` (microgpt's `matrix(..., std=0.08)`). */
export const INIT_STD = 0.08;

/** microgpt's GPT over a character tokenizer. Build one with `new MicroGpt(config, tokenizer, rng)` or `fromJSON`. */
export class MicroGpt {
  /** The hyperparameters. */
  readonly config: GptConfig;
  /** The tokenizer whose ids the model reads and predicts (vocabSize = tokenizer.vocabSize). */
  readonly tokenizer: CharTokenizer;
  /** The weights by name, in microgpt's order: wte, wpe, lm_head, then per layer attn_wq/wk/wv/wo, mlp_fc1/fc2. */
  readonly stateDict: Readonly<Record<string, Matrix>>;
  /**
   * The attention weights of the last `forward`: `lastAttention[layer][head][t]` is how much the current
   * position attends to position t (each row sums to 1). Empty before the first forward.
   */
  lastAttention: number[][][] = [];
  private readonly params: Value[];
  private wteColumns: Value[][] | undefined;

  /**
   * @param config the hyperparameters (some or all; default microgpt's)
   * @param tokenizer the vocabulary
   * @param rng where the initial weights come from: `gauss(0, 0.08)` for each weight in state_dict order,
   *   row by row (as microgpt.py after `random.seed` and `random.shuffle(docs)`)
   */
  constructor(config: Partial<GptConfig>, tokenizer: CharTokenizer, rng: PyRandom) {
    const where = "new MicroGpt(config, tokenizer, rng)";
    this.config = resolveConfig(where, config);
    if (!(tokenizer instanceof CharTokenizer)) {
      throw new TypeError(`${where}: tokenizer must be a CharTokenizer, got ${describeArg(tokenizer)}`);
    }
    if (typeof rng?.gauss !== "function") {
      throw new TypeError(`${where}: rng must be a PyRandom, got ${describeArg(rng)}`);
    }
    this.tokenizer = tokenizer;
    const stateDict: Record<string, Matrix> = {};
    for (const [name, nout, nin] of stateDictShapes(this.config, tokenizer.vocabSize)) {
      stateDict[name] = Array.from({ length: nout }, (_, r) =>
        Array.from({ length: nin }, (_, c) => new Value(rng.gauss(0, INIT_STD), `${name}[${r}][${c}]`)),
      );
    }
    this.stateDict = stateDict;
    this.params = Object.values(stateDict).flatMap((mat) => mat.flat());
  }

  /** Every weight, matrix by matrix in state_dict order, row by row (microgpt's `params`). */
  parameters(): Value[] {
    return this.params.slice();
  }

  /** The number of weights (4,192 for microgpt on the names). */
  get parameterCount(): number {
    return this.params.length;
  }

  /**
   * The token embedding wte[index.data] nodes over wte's columns: the row a compiled graph reads
   * again on every replay, so one graph serves any token ids (the same numbers as indexing wte directly).
   */
  embed(index: Value): Value[] {
    const wte = this.stateDict.wte as Matrix;
    this.wteColumns ??= wte[0].map((_, i) => wte.map((row) => row[i]));
    return this.wteColumns.map((column) => Value.select(column, index));
  }

  /** An empty KV cache for a new sequence. */
  emptyCache(): KvCache {
    const n = this.config.nLayer;
    return { keys: Array.from({ length: n }, () => []), values: Array.from({ length: n }, () => []) };
  }

  /**
   * The logits for the token after `tokenId` at position `posId` (microgpt's `gpt`): appends this position's
   * keys and values to `cache`, which must hold positions 0 .. posId - 1 of the same sequence. `tokenId` may
   * be an index leaf (a Value holding the id): the embedding is then read through `embed`. The cache may
   * hold leaves (a compiled graph of one position refills them: `CompiledMicroGptInference`).
   * @param attention if given, this position's attention weights are appended to it as the graph's Values,
   *   `[layer][head][t]` (`lastAttention` holds their numbers; a compiled replay reads its own from these)
   */
  forward(tokenId: number | Value, posId: number, cache: KvCache, attention?: Value[][][]): Value[] {
    const { nLayer, nHead, nEmbd, blockSize } = this.config;
    const headDim = nEmbd / nHead;
    const sd = this.stateDict;
    const where = "MicroGpt.forward(tokenId, posId, cache)";
    if (
      !(tokenId instanceof Value) &&
      (!Number.isInteger(tokenId) || tokenId < 0 || tokenId >= this.tokenizer.vocabSize)
    ) {
      throw new RangeError(
        `${where}: tokenId must be an integer from 0 to ${this.tokenizer.vocabSize - 1}, got ${describeArg(tokenId)}`,
      );
    }
    if (!Number.isInteger(posId) || posId < 0 || posId >= blockSize) {
      throw new RangeError(
        `${where}: posId must be an integer from 0 to ${blockSize - 1} (the block size), got ${describeArg(posId)}`,
      );
    }
    if (cache.keys.length !== nLayer || cache.keys[0]?.length !== posId) {
      throw new RangeError(
        `${where}: the cache must hold the ${posId} earlier position(s) of this sequence; start a sequence with emptyCache() at posId 0`,
      );
    }
    const tokEmb = tokenId instanceof Value ? this.embed(tokenId) : (sd.wte as Matrix)[tokenId];
    const posEmb = (sd.wpe as Matrix)[posId];
    let x = tokEmb.map((t, i) => t.add(posEmb[i]));
    x = rmsnorm(x); // not redundant: the residual stream starts normalised
    const weights: Value[][][] = []; // [layer][head][t]
    const scale = (headDim ** 0.5) ** -1; // microgpt divides by head_dim ** 0.5, i.e. multiplies by its ** -1
    for (let li = 0; li < nLayer; li++) {
      // 1) multi-head attention
      let xResidual = x;
      x = rmsnorm(x);
      const q = linear(x, sd[`layer${li}.attn_wq`]);
      const k = linear(x, sd[`layer${li}.attn_wk`]);
      const v = linear(x, sd[`layer${li}.attn_wv`]);
      const keys = cache.keys[li];
      const values = cache.values[li];
      keys.push(k);
      values.push(v);
      const xAttn: Value[] = [];
      const heads: Value[][] = [];
      for (let h = 0; h < nHead; h++) {
        const hs = h * headDim;
        const qh = q.slice(hs, hs + headDim);
        const attnLogits = keys.map((kt) => dot(qh, kt, hs).mul(scale));
        const attnWeights = softmax(attnLogits);
        heads.push(attnWeights);
        for (let j = 0; j < headDim; j++) {
          xAttn.push(
            dot(
              attnWeights,
              values.map((vt) => vt[hs + j]),
            ),
          );
        }
      }
      weights.push(heads);
      x = linear(xAttn, sd[`layer${li}.attn_wo`]);
      x = x.map((a, i) => a.add(xResidual[i]));
      // 2) MLP
      xResidual = x;
      x = rmsnorm(x);
      x = linear(x, sd[`layer${li}.mlp_fc1`]);
      x = x.map((xi) => xi.relu());
      x = linear(x, sd[`layer${li}.mlp_fc2`]);
      x = x.map((a, i) => a.add(xResidual[i]));
    }
    this.lastAttention = weights.map((layer) => layer.map((head) => head.map((w) => w.data)));
    attention?.push(...weights);
    return linear(x, sd.lm_head as Matrix);
  }

  /**
   * Runs `tokens` (e.g. `tokenizer.encode(name)`, at most blockSize of them) through the model and returns,
   * for each position, the probabilities of the next token (softmax of the logits) and the attention
   * weights `attention[pos][layer][head][t]` — for drawing what the model predicts and where it looks.
   */
  inspect(tokens: readonly number[]): { probs: number[][]; attention: number[][][][] } {
    checkSequence("MicroGpt.inspect(tokens)", this, tokens);
    const cache = this.emptyCache();
    const probs: number[][] = [];
    const attention: number[][][][] = [];
    tokens.forEach((tokenId, posId) => {
      probs.push(softmax(this.forward(tokenId, posId, cache)).map((p) => p.data));
      attention.push(this.lastAttention);
    });
    return { probs, attention };
  }

  /** The config, the tokenizer's characters and every weight (`JSON.stringify(model)` uses this). */
  toJSON(): MicroGptJSON {
    const stateDict: Record<string, number[][]> = {};
    for (const [name, mat] of Object.entries(this.stateDict))
      stateDict[name] = mat.map((row) => row.map((p) => p.data));
    return { type: "MicroGpt", config: { ...this.config }, uchars: [...this.tokenizer.uchars], stateDict };
  }

  /** Rebuilds a model saved with `toJSON()` (a JSON string or the parsed object), checking every field. */
  static fromJSON(json: string | MicroGptJSON): MicroGpt {
    const { config, uchars, stateDict } = checkMicroGptJSON("MicroGpt.fromJSON(json)", json);
    // the weights are overwritten below; a private generator leaves every caller's stream alone
    const model = new MicroGpt(config, new CharTokenizer(uchars), new PyRandom(0));
    for (const [name, mat] of Object.entries(model.stateDict)) {
      const rows = stateDict[name];
      mat.forEach((row, r) => {
        row.forEach((p, c) => {
          p.data = rows[r][c];
        });
      });
    }
    return model;
  }
}

/**
 * Checks a sequence the model reads from position 0: 1 to blockSize token ids, each an integer from 0 to
 * vocabSize - 1. @internal
 */
export function checkSequence(where: string, model: MicroGpt, tokens: readonly number[]): void {
  const { blockSize } = model.config;
  if (!Array.isArray(tokens) || tokens.length === 0 || tokens.length > blockSize) {
    throw new RangeError(
      `${where}: tokens must be an array of 1 to ${blockSize} token ids (the block size), got ${describeArg(tokens)}`,
    );
  }
  const vocabSize = model.tokenizer.vocabSize;
  const bad = tokens.findIndex((t) => !Number.isInteger(t) || t < 0 || t >= vocabSize);
  if (bad >= 0) {
    throw new RangeError(
      `${where}: tokens[${bad}] must be a token id, an integer from 0 to ${vocabSize - 1}, got ${describeArg(tokens[bad])}`,
    );
  }
}
