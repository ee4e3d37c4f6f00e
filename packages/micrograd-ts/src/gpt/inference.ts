/**
 * microgpt's inference on the compiled path: `MicroGpt.forward` itself, traced once and then replayed on
 * numbers a token at a time, like a KV cache — no Value is built after the first call.
 *
 * Position p is traced as `model.forward(token, p, cache)` where `token` is an index leaf and `cache` holds
 * LEAVES for positions 0 .. p - 1 (one per number of each layer's keys and values), plus
 * softmax(logits * invTemperature) (the temperature a leaf) and the attention weights. All positions go
 * into ONE compiled graph: they share the ~4,000 parameter leaves, and each position's nodes lie side by
 * side in the trace (they reach one another only through leaves), so a token replays just its position's
 * range (`forwardRange`), ~1/5 of a one-position graph with its parameters. After a position, its new keys
 * and values are copied into the cache leaves' slots, which the later positions read.
 *
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

/** Where one position's nodes and outputs are in the graph's `values`. */
interface Position {
  /** Its nodes are `start` .. `end - 1` (leaves among them are skipped by a replay). */
  readonly start: number;
  readonly end: number;
  /** softmax(logits * invTemperature), by token id. */
  readonly probs: Int32Array;
  /**
   * The keys and values it computes, `[layer * nEmbd + i]`, and the cache leaves the later positions read
   * them from (none for the last position traced).
   */
  readonly keys: Int32Array;
  readonly values: Int32Array;
  readonly keyLeaves: Int32Array;
  readonly valueLeaves: Int32Array;
  /** The attention weights, `[layer][head]` → one index per earlier position and this one. */
  readonly attention: Int32Array[][];
}

/** The compiled forward of positions 0 .. positions.length - 1. */
interface SequenceGraph {
  readonly graph: CompiledGraph;
  readonly positions: readonly Position[];
  readonly token: number;
  readonly invTemperature: number;
}

/**
 * Sampling and inspection of a `MicroGpt` by replaying a compiled graph of its own forward. For a model
 * that keeps changing (a live view during training): each call reads the current weights.
 */
export class CompiledMicroGptInference {
  private sequence: SequenceGraph | null = null;

  /** @param model the model whose forward is compiled and whose parameters every call reads */
  constructor(readonly model: MicroGpt) {
    if (!(model instanceof MicroGpt)) {
      throw new TypeError(
        `new CompiledMicroGptInference(model): model must be a MicroGpt, got ${describeArg(model)}`,
      );
    }
  }

  /**
   * How many positions the compiled graph holds: 0 before the first call, then min(16, blockSize), doubled
   * (at most blockSize) when a longer sequence comes — a long block is traced only as far as it is used.
   */
  get positionCount(): number {
    return this.sequence?.positions.length ?? 0;
  }

  /**
   * `sampleMicroGpt(model, rng, options)` on compiled replays: the same documents from the same generator
   * state (and `rng` moved on the same way).
   */
  sample(rng: PyRandom, options: SampleOptions = {}): string[] {
    const where = "CompiledMicroGptInference.sample(rng, options)";
    // the weights are read once per call (they cannot change during it), the inputs per token
    let s: SequenceGraph | null = null;
    return sampleDocuments(where, this.model, rng, options, (invTemperature) => {
      const tokens: number[] = []; // this document's so far
      return (tokenId, posId) => {
        tokens.push(tokenId);
        if (s === null || posId >= s.positions.length) {
          s = this.begin(posId + 1);
          // a new, longer graph has none of this document's keys and values: replay its earlier positions
          for (let p = 0; p < posId; p++) this.run(s, tokens[p], p);
        }
        s.graph.values[s.invTemperature] = invTemperature;
        return read(s.graph, this.run(s, tokenId, posId).probs);
      };
    });
  }

  /**
   * `MicroGpt.inspect(tokens)` on compiled replays: for each position, the next token's probabilities and
   * the attention weights `attention[pos][layer][head][t]` (the same numbers).
   */
  inspect(tokens: readonly number[]): { probs: number[][]; attention: number[][][][] } {
    checkSequence("CompiledMicroGptInference.inspect(tokens)", this.model, tokens);
    const s = this.begin(tokens.length);
    s.graph.values[s.invTemperature] = 1; // l * 1 is l exactly: the probabilities are softmax(logits)
    const probs: number[][] = [];
    const attention: number[][][][] = [];
    tokens.forEach((tokenId, posId) => {
      const p = this.run(s, tokenId, posId);
      probs.push(read(s.graph, p.probs));
      attention.push(p.attention.map((heads) => heads.map((head) => read(s.graph, head))));
    });
    return { probs, attention };
  }

  /** The graph for at least `length` positions, with every leaf read (the current weights). */
  private begin(length: number): SequenceGraph {
    let s = this.sequence;
    if (s === null || s.positions.length < length) {
      const blockSize = this.model.config.blockSize;
      s = this.build(Math.min(blockSize, Math.max(length, 2 * (s?.positions.length ?? 8))));
      this.sequence = s;
    }
    s.graph.readLeaves();
    return s;
  }

  /**
   * Replays position `posId` after `tokenId` (positions 0 .. posId - 1 of this sequence must have run) and
   * copies its keys and values into the cache leaves' slots the later positions read.
   */
  private run(s: SequenceGraph, tokenId: number, posId: number): Position {
    const p = s.positions[posId];
    const v = s.graph.values;
    v[s.token] = tokenId;
    s.graph.forwardRange(p.start, p.end);
    const { keys, values, keyLeaves, valueLeaves } = p;
    for (let i = 0; i < keyLeaves.length; i++) {
      v[keyLeaves[i]] = v[keys[i]];
      v[valueLeaves[i]] = v[values[i]];
    }
    return p;
  }

  /** Traces positions 0 .. n - 1 of `model.forward` into one compiled graph. */
  private build(n: number): SequenceGraph {
    const { nLayer, nEmbd } = this.model.config;
    const token = new Value(0, "tokenId");
    const invTemperature = new Value(1, "1/temperature");
    // cacheLeaves.keys[layer][pos][i]: the keys of position pos as the later positions read them
    const leaves = (kind: string) =>
      Array.from({ length: nLayer }, (_, l) =>
        Array.from({ length: n }, (_, p) =>
          Array.from({ length: nEmbd }, (_, i) => new Value(0, `${kind}[${l}][${p}][${i}]`)),
        ),
      );
    const cacheLeaves: KvCache = { keys: leaves("key"), values: leaves("value") };
    const parts = Array.from({ length: n }, (_, posId) => {
      const cache: KvCache = {
        keys: cacheLeaves.keys.map((layer) => layer.slice(0, posId)),
        values: cacheLeaves.values.map((layer) => layer.slice(0, posId)),
      };
      const attention: Value[][][] = [];
      const logits = this.model.forward(token, posId, cache, attention);
      return {
        probs: softmax(logits.map((l) => l.mul(invTemperature))),
        // forward appended this position's keys and values (computed nodes) to the cache's copies
        keys: cache.keys.flatMap((layer) => layer[posId]),
        values: cache.values.flatMap((layer) => layer[posId]),
        keyLeaves: cacheLeaves.keys.flatMap((layer) => layer[posId]),
        valueLeaves: cacheLeaves.values.flatMap((layer) => layer[posId]),
        attention,
      };
    });
    const outputs = parts.flatMap((q) => [...q.probs, ...q.keys, ...q.values, ...q.attention.flat(2)]);
    const graph = compile(Value.sum(outputs));
    const at = (nodes: readonly Value[]) => Int32Array.from(nodes, (node) => graph.indexOf(node));
    // the trace numbers each node after its parents, depth first from the root's inputs in order: position
    // p's nodes come right after position p - 1's and end at its last output
    let start = 0;
    const last = parts[n - 1];
    const positions = parts.map((q): Position => {
      const ends = [...q.probs, ...q.keys, ...q.values].map((node) => graph.indexOf(node));
      const end = Math.max(...ends) + 1;
      const position = {
        start,
        end,
        probs: at(q.probs),
        keys: at(q.keys),
        values: at(q.values),
        // the last position's cache leaves are read by no traced position: not in the graph, not written
        keyLeaves: q === last ? new Int32Array(0) : at(q.keyLeaves),
        valueLeaves: q === last ? new Int32Array(0) : at(q.valueLeaves),
        attention: q.attention.map((heads) => heads.map(at)),
      };
      start = end;
      return position;
    });
    return {
      graph,
      positions,
      token: graph.indexOf(token),
      invTemperature: graph.indexOf(invTemperature),
    };
  }
}

/** The last replay's numbers of the nodes at `indices`. */
function read(graph: CompiledGraph, indices: Int32Array): number[] {
  const v = graph.values;
  return Array.from(indices, (i) => v[i]);
}
