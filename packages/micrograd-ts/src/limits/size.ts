/**
 * How big a run will be, before it is built: graph nodes, parameters and bytes for an MLP's training
 * step or a saved model, checked against a memory limit. A run above the limit gets one sentence — what
 * was asked, the estimate, the limit, what to do instead — instead of V8 running out of heap after
 * minutes. `micrograd train`, `predict`, `demo`, `yinyang` and the playground use these functions with
 * the Values counted on real graphs (`Trainer.graphSize`); a new model only needs its own node count and
 * `checkMemory`.
 *
 * The byte figures are measured (README, "Bytes and time per node"; node 20, 64-bit): a live `Value` is
 * 134 bytes, a compiled graph adds 47-52 bytes per node. Peak memory of `micrograd train --steps 2` on
 * moons with `MLP(2, [16, 16, 1])`, full batch of 10,000 points (6.8 million nodes): 1.98 GB RSS on the
 * object engine (~290 bytes per node: the last step's graph is garbage not yet collected while the next is
 * built), 1.18 GB on the compiled one (~175 bytes per node). Browser-safe: no Node imports.
 */
import type { Activation } from "../nn/activation.js";
import type { Engine } from "../train/engines.js";

/** Bytes one live `Value` takes (measured 134, rounded up). */
export const BYTES_PER_VALUE = 140;
/** Bytes a compiled graph adds per node (typed arrays and the node list; measured 47-52). */
export const BYTES_PER_COMPILED_NODE = 50;
/**
 * Peak graphs alive at once on the object engine, which rebuilds the graph every step: the last step's
 * graph is garbage that V8 has not collected yet while the next one is built (measured ~2.1x one graph).
 */
export const OBJECT_ENGINE_PEAK = 2;
/**
 * The limit where nothing better is known (the playground): 1 GiB, a quarter of a browser tab's usual
 * 4 GiB heap. The CLI uses 75% of Node's heap limit instead (`micrograd` prints it).
 */
export const DEFAULT_MEMORY_LIMIT = 2 ** 30;

/** What an MLP looks like: the fields of `MLP.toJSON()` that decide its size. */
export interface MlpShape {
  /** Inputs. */
  nin: number;
  /** Layer sizes, the last one being the outputs. */
  nouts: readonly number[];
  /** Hidden-layer activation (default "relu"); "linear" adds no node. */
  activation?: Activation;
  /** Last-layer activation (default "linear"). */
  outputActivation?: Activation;
  /** Each neuron's b + w·x as one `dot` node (`MLPOptions.fused`; default false). */
  fused?: boolean;
}

/** A size estimate. */
export interface SizeEstimate {
  /** Graph nodes (Values), parameters included. */
  nodes: number;
  /** Parameters of the model. */
  parameters: number;
  /** Bytes at the peak. */
  bytes: number;
}

function checkShape(where: string, shape: MlpShape): void {
  const ok = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 1;
  if (shape === null || typeof shape !== "object" || !ok(shape.nin)) {
    throw new RangeError(`${where}: nin must be an integer >= 1`);
  }
  if (!Array.isArray(shape.nouts) || shape.nouts.length === 0 || !shape.nouts.every(ok)) {
    throw new RangeError(`${where}: nouts must be a non-empty list of integers >= 1`);
  }
}

/** Number of parameters of an MLP: for each layer, nout × (fan-in + 1). */
export function mlpParameterCount(shape: MlpShape): number {
  checkShape("mlpParameterCount(shape)", shape);
  let fanIn = shape.nin;
  let total = 0;
  for (const nout of shape.nouts) {
    total += nout * (fanIn + 1);
    fanIn = nout;
  }
  return total;
}

/**
 * Nodes that one example's forward pass creates (parameters not counted): each neuron computes
 * b + w0*x0 + w1*x1 + … (one `*` and one `+` per input, or one `dot` node when fused), then its
 * activation (none for "linear"); the input numbers become `nin` leaves.
 */
export function mlpForwardNodes(shape: MlpShape): number {
  checkShape("mlpForwardNodes(shape)", shape);
  const hidden = (shape.activation ?? "relu") === "linear" ? 0 : 1;
  const last = (shape.outputActivation ?? "linear") === "linear" ? 0 : 1;
  let fanIn = shape.nin;
  let total = shape.nin;
  shape.nouts.forEach((nout, i) => {
    const act = i === shape.nouts.length - 1 ? last : hidden;
    total += nout * ((shape.fused ? 1 : 2 * fanIn) + act);
    fanIn = nout;
  });
  return total;
}

/** Peak bytes of a graph of `nodes` nodes run by `engine` (see the constants above). */
export function graphBytes(nodes: number, engine: Engine): number {
  return engine === "compiled"
    ? nodes * (BYTES_PER_VALUE + BYTES_PER_COMPILED_NODE)
    : nodes * BYTES_PER_VALUE * OBJECT_ENGINE_PEAK;
}

/**
 * The size of one training step whose loss graph has `nodes` Values (count them with
 * `Trainer.graphSize`, which counts real graphs) for a model of `parameters` parameters.
 */
export function estimateStep(nodes: number, parameters: number, engine: Engine): SizeEstimate {
  return { nodes, parameters, bytes: graphBytes(nodes, engine) };
}

/**
 * The size of loading a saved model and running one input through it (`micrograd predict`): its
 * parameters as Values plus one forward pass, on the object engine.
 */
export function estimateMlpModel(shape: MlpShape): SizeEstimate {
  const parameters = mlpParameterCount(shape);
  const nodes = parameters + mlpForwardNodes(shape);
  return { nodes, parameters, bytes: nodes * BYTES_PER_VALUE };
}

/**
 * The largest batch whose training step fits in `limit` bytes on `engine` (0 if not even one example
 * fits), at most `cap`. `graphSize(examples)` counts a step's Values (`Trainer.graphSize`), which grow by
 * the same number per example.
 */
export function largestBatch(
  graphSize: (examples: number) => number,
  limit: number,
  engine: Engine,
  cap: number,
): number {
  const fixed = graphBytes(graphSize(1), engine);
  const perExample = graphBytes(graphSize(2), engine) - fixed;
  if (fixed > limit) return 0;
  return Math.max(1, Math.min(cap, Math.floor((limit - fixed) / perExample) + 1));
}

/** What decides microgpt's size: its `GptConfig` and the vocabulary. */
export interface GptShape {
  nLayer: number;
  nEmbd: number;
  nHead: number;
  blockSize: number;
  vocabSize: number;
}

/** microgpt's parameters: token and position embeddings, the head, and 12 nEmbd² per layer. */
export function gptParameterCount(g: GptShape): number {
  return 2 * g.vocabSize * g.nEmbd + g.blockSize * g.nEmbd + 12 * g.nLayer * g.nEmbd * g.nEmbd;
}

/**
 * An upper bound of the nodes of one document's loss graph over `positions` positions (parameters not
 * counted), as microgpt's forward builds them with n-ary `dot`/`sum` nodes: per position t, the embedding
 * (read through `select` on the compiled path) and an RMSNorm (~4 nEmbd), each layer's ~18 nEmbd plus
 * 6 nHead t for attention over the t positions so far, and ~6 vocabSize for the head and the softmax of
 * the loss. At most 20% above the real graph (tested; 1-8% for full-length documents of microgpt's default).
 */
export function gptDocumentNodes(g: GptShape, positions: number): number {
  const perPosition = 4 * g.nEmbd + 6 * g.vocabSize + 15 + g.nLayer * (18 * g.nEmbd + 4 * g.nHead + 14);
  const attention = 6 * g.nHead * g.nLayer * ((positions * (positions + 1)) / 2);
  return positions * perPosition + attention + 2 * positions + 4;
}

/**
 * The size of training microgpt: the parameters plus, on the compiled engine, one cached graph for every
 * document length up to blockSize (so the worst case: all of them), or on the object engine the longest
 * document's graph, twice (see `OBJECT_ENGINE_PEAK`).
 */
export function estimateGptTraining(g: GptShape, engine: Engine): SizeEstimate {
  const parameters = gptParameterCount(g);
  let graph = 0;
  if (engine === "compiled") for (let n = 1; n <= g.blockSize; n++) graph += gptDocumentNodes(g, n);
  else graph = gptDocumentNodes(g, g.blockSize);
  const nodes = parameters + graph;
  return { nodes, parameters, bytes: parameters * BYTES_PER_VALUE + graphBytes(graph, engine) };
}

/** A size as people write it: "512 B", "3.5 MB", "12.0 GB", "1.4 TB" (powers of 1024). */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let x = bytes;
  let u = 0;
  while (x >= 1024 && u < units.length - 1) {
    x /= 1024;
    u++;
  }
  return u === 0
    ? `${Math.round(x)} B`
    : `${x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString("en-US")} ${units[u]}`;
}

/** A count as people say it: "980", "65,814", "68.1 million", "10.0 billion". */
export function formatCount(n: number): string {
  if (n < 1e6) return Math.round(n).toLocaleString("en-US");
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} million`;
  if (n < 1e12) return `${(n / 1e9).toFixed(1)} billion`;
  return `${(n / 1e12).toFixed(1)} trillion`;
}

/** A run that would need more memory than the limit. Its message is one sentence, ready to print. */
export class SizeLimitError extends RangeError {
  /** The estimated peak bytes. */
  readonly bytes: number;
  /** The limit in bytes. */
  readonly limit: number;
  constructor(message: string, bytes: number, limit: number) {
    super(message);
    this.name = "SizeLimitError";
    this.bytes = bytes;
    this.limit = limit;
  }
}

/**
 * Throws a `SizeLimitError` when `estimate.bytes` exceeds `limit`, with the message
 * `<what> needs ~<bytes> (<nodes> graph nodes); the limit is <limit>; <advice>`.
 * @param what what was asked, e.g. "one step on 100,000 points with MLP(2, [16, 16, 1])"
 * @param advice what to do instead, e.g. "use --batch-size 2000 or fewer"
 */
export function checkMemory(what: string, estimate: SizeEstimate, limit: number, advice: string): void {
  if (!(limit > 0)) throw new RangeError(`checkMemory: limit must be a number of bytes > 0, got ${limit}`);
  if (estimate.bytes <= limit) return;
  throw new SizeLimitError(
    `${what} needs ~${formatBytes(estimate.bytes)} (${formatCount(estimate.nodes)} graph nodes); the limit is ${formatBytes(limit)}; ${advice}`,
    estimate.bytes,
    limit,
  );
}

/** `MLP(2, [16, 16, 1])`, as `MLP.signature()` writes it. */
export function mlpSignature(shape: MlpShape): string {
  return `MLP(${shape.nin}, [${shape.nouts.join(", ")}])`;
}
