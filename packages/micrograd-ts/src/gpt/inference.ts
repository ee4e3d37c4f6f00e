/**
 * microgpt's inference on the compiled path: `MicroGpt.forward` itself, traced once per position and then
 * replayed on numbers, a token at a time, like a KV cache — no Value is built after a position's first use.
 *
 * The graph of position p is `model.forward(token, p, cache)` where `token` is an index leaf and `cache`
 * holds LEAVES for positions 0 .. p - 1 (one per number of each layer's keys and values). A replay re-reads
 * every leaf (so the model's current weights, whatever training did since) and the run copies the
 * position's new keys and values out of the graph into the leaves the later positions' graphs read. Each
 * graph also holds softmax(logits * invTemperature), the temperature a leaf, and the attention weights.
 * The numbers are the object engine's bit for bit (same expressions, same order; tested): the same names
 * as `sampleMicroGpt` from the same generator, the same probabilities and attention as `MicroGpt.inspect`.
 */
import { type CompiledGraph, compile } from "../compile/compile.js";
import type { PyRandom } from "../data/pyrandom.js";
import { Value } from "../engine/value.js";
import { describeArg } from "../util/describe-arg.js";
import { softmax } from "./functions.js";
import { checkSequence, type KvCache, MicroGpt } from "./model.js";
import { type SampleOptions, sampleDocuments } from "./sample.js";

/** One position's compiled forward and where its outputs are in `graph.values`. */
interface PositionGraph {
  readonly graph: CompiledGraph;
  /** The leaves that change within a call (token, 1/temperature, the cache) and their indices in the graph. */
  readonly inputs: readonly Value[];
  readonly inputIndex: Int32Array;
  /** The call (`calls`) in which the graph last read all its leaves. */
  readAt: number;
  /** softmax(logits * invTemperature), by token id. */
  readonly probs: Int32Array;
  /** This position's keys and values, `[layer * nEmbd + i]`. */
  readonly keys: Int32Array;
  readonly values: Int32Array;
  /** The attention weights, `[layer][head]` → one index per earlier position and this one. */
  readonly attention: Int32Array[][];
}

/**
 * Sampling and inspection of a `MicroGpt` by replaying compiled graphs of its own forward (at most
 * blockSize of them, built on first use and kept). For a model that keeps changing (a live view during
 * training): each call reads the current weights.
 */
export class CompiledMicroGptInference {
  /** The token id the traced position reads (`MicroGpt.embed`). */
  private readonly tokenId = new Value(0, "tokenId");
  /** 1 / temperature; 1 for `inspect` (l * 1 is l exactly, so the probabilities are softmax(logits)). */
  private readonly invTemperature = new Value(1, "1/temperature");
  /** `keys[layer][pos][i]`: the current sequence's keys and values as leaves, written after each position. */
  private readonly cache: KvCache;
  private readonly positions: PositionGraph[] = [];
  /**
   * Counts the calls of `sample` and `inspect`. A graph's first replay in a call reads every leaf (the
   * weights may have changed since the last call); its later replays in the same call read only its
   * inputs: the weights cannot change during a call, and reading the ~4,000 parameters on every token
   * cost as much as the replay itself.
   */
  private calls = 0;

  /** @param model the model whose forward is compiled and whose parameters every replay reads */
  constructor(readonly model: MicroGpt) {
    if (!(model instanceof MicroGpt)) {
      throw new TypeError(
        `new CompiledMicroGptInference(model): model must be a MicroGpt, got ${describeArg(model)}`,
      );
    }
    const { nLayer, blockSize, nEmbd } = model.config;
    const leaves = (kind: string) =>
      Array.from({ length: nLayer }, (_, l) =>
        Array.from({ length: blockSize }, (_, p) =>
          Array.from({ length: nEmbd }, (_, i) => new Value(0, `${kind}[${l}][${p}][${i}]`)),
        ),
      );
    this.cache = { keys: leaves("key"), values: leaves("value") };
  }

  /** How many positions have a compiled graph so far (at most blockSize). */
  get graphCount(): number {
    return this.positions.filter(Boolean).length;
  }

  /**
   * `sampleMicroGpt(model, rng, options)` on compiled replays: the same documents from the same generator
   * state (and `rng` moved on the same way).
   */
  sample(rng: PyRandom, options: SampleOptions = {}): string[] {
    const where = "CompiledMicroGptInference.sample(rng, options)";
    this.calls++;
    return sampleDocuments(where, this.model, rng, options, (invTemperature) => {
      this.invTemperature.data = invTemperature;
      return (tokenId, posId) => {
        const entry = this.run(tokenId, posId);
        return read(entry.graph, entry.probs);
      };
    });
  }

  /**
   * `MicroGpt.inspect(tokens)` on compiled replays: for each position, the next token's probabilities and
   * the attention weights `attention[pos][layer][head][t]` (the same numbers).
   */
  inspect(tokens: readonly number[]): { probs: number[][]; attention: number[][][][] } {
    checkSequence("CompiledMicroGptInference.inspect(tokens)", this.model, tokens);
    this.calls++;
    this.invTemperature.data = 1;
    const probs: number[][] = [];
    const attention: number[][][][] = [];
    tokens.forEach((tokenId, posId) => {
      const entry = this.run(tokenId, posId);
      probs.push(read(entry.graph, entry.probs));
      attention.push(entry.attention.map((heads) => heads.map((head) => read(entry.graph, head))));
    });
    return { probs, attention };
  }

  /**
   * Replays position `posId` after `tokenId` (the positions before it must have been run for this
   * sequence) and writes its keys and values into the cache leaves of the later positions.
   */
  private run(tokenId: number, posId: number): PositionGraph {
    const entry = this.positions[posId] ?? this.build(posId);
    this.tokenId.data = tokenId;
    const v = entry.graph.values;
    if (entry.readAt === this.calls) {
      const { inputs, inputIndex } = entry;
      for (let j = 0; j < inputs.length; j++) v[inputIndex[j]] = inputs[j].data;
      entry.graph.forward({ readLeaves: false });
    } else {
      entry.graph.forward();
      entry.readAt = this.calls;
    }
    const { keys, values } = this.cache;
    const nEmbd = this.model.config.nEmbd;
    for (let l = 0; l < keys.length; l++) {
      const k = keys[l][posId];
      const vl = values[l][posId];
      for (let i = 0; i < nEmbd; i++) {
        k[i].data = v[entry.keys[l * nEmbd + i]];
        vl[i].data = v[entry.values[l * nEmbd + i]];
      }
    }
    return entry;
  }

  /** Traces and compiles `model.forward` at `posId` over the cache leaves of the positions before it. */
  private build(posId: number): PositionGraph {
    const cache: KvCache = {
      keys: this.cache.keys.map((layer) => layer.slice(0, posId)),
      values: this.cache.values.map((layer) => layer.slice(0, posId)),
    };
    const attention: Value[][][] = [];
    const logits = this.model.forward(this.tokenId, posId, cache, attention);
    const probs = softmax(logits.map((l) => l.mul(this.invTemperature)));
    // forward appended this position's keys and values (computed nodes) to the cache's copies
    const keys = cache.keys.flatMap((layer) => layer[posId]);
    const values = cache.values.flatMap((layer) => layer[posId]);
    const graph = compile(Value.sum([...probs, ...keys, ...values, ...attention.flat(2)]));
    const at = (nodes: readonly Value[]) => Int32Array.from(nodes, (node) => graph.indexOf(node));
    const inputs = [this.tokenId, this.invTemperature, ...cache.keys.flat(2), ...cache.values.flat(2)].filter(
      (leaf) => graph.indexOf(leaf) >= 0,
    );
    const entry: PositionGraph = {
      graph,
      inputs,
      inputIndex: at(inputs),
      readAt: -1,
      probs: at(probs),
      keys: at(keys),
      values: at(values),
      attention: attention.map((heads) => heads.map(at)),
    };
    this.positions[posId] = entry;
    return entry;
  }
}

/** The last replay's numbers of the nodes at `indices`. */
function read(graph: CompiledGraph, indices: Int32Array): number[] {
  const v = graph.values;
  return Array.from(indices, (i) => v[i]);
}
