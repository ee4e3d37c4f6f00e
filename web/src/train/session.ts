/**
 * The training view's model, data and step, without any DOM: the worker runs it, tests drive it in Node.
 *
 * The generated points are split into a training set (the first `trainRatio` of them, plus any points
 * clicked in) and a test set. The step is the library's (`Trainer` in micrograd-ts, as the CLI's): the
 * batch's loss graph is built once with leaves for the inputs, the targets and a weight per sample (1, or
 * 0 for a spare slot); on the compiled path each step only refills the leaves and replays forward/backward
 * on typed arrays; on the object path the graph is rebuilt every step, as micrograd does. Loss: the
 * library's loss table, averaged over the batch, plus the regularization (micrograd's demo: L2,
 * 1e-4 * sum(p²)). This file adds what a live page needs: shuffled mini-batches, clicked-in points, the
 * decision grid and neuron maps (the library's `CompiledForward`), one sample's graph.
 *
 * A full-batch graph keeps spare slots, so a point clicked in only fills a slot and sets its weight: no
 * rebuild per click. When the slots run out the graph is rebuilt once, at the next step, with room for
 * a quarter more.
 */

import {
  CompiledForward,
  DivergedError,
  getDataset,
  MLP,
  type ModelFile,
  makeOptimizer,
  modelFile,
  type Optimizer,
  predictClass,
  Rng,
  TRAIN_LOSSES,
  Trainer,
  type Value,
} from "micrograd-ts";
import { buildBatchGraph } from "micrograd-ts/internals";
import { type GraphSnapshot, snapshotGraph } from "micrograd-ts/limits";
import type { Bounds, Grid } from "../shared/grid.js";
import {
  type AddedPoint,
  LIMITS,
  NOISY_DATASETS,
  type TrainConfig,
  trainCount,
} from "../shared/train-config.js";

export type { AddedPoint } from "../shared/train-config.js";

/** Most points the training set may grow to by clicking. */
export const MAX_POINTS = LIMITS.points.max;
/** Largest loss graph (values per step) the playground builds; bigger settings are refused. */
export const MAX_GRAPH_VALUES = 1_500_000;
/** Samples per slot block of the evaluation graph (train/test loss and accuracy are computed in blocks). */
export const EVAL_SLOTS = 64;

/** A set of points. */
export interface TrainData {
  x: [number, number][];
  /** Class indices 0..nClasses-1. */
  y: number[];
  nClasses: number;
}

/**
 * A model as a file: the library's `ModelFile`, the format `micrograd train` saves (so `micrograd predict`
 * and `micrograd export` read a file downloaded from the page).
 */
export type { ModelFile } from "micrograd-ts";

/** Every hidden neuron's output over an nres x nres grid (rows from the top), neuron after neuron. */
export interface NeuronMaps {
  res: number;
  /** Neurons per hidden layer. */
  layers: number[];
  values: Float32Array;
}

/** Loss (the data loss, without regularization) and accuracy on a set of points. */
export interface SetScore {
  loss: number;
  accuracy: number;
  count: number;
}

/** One sample's forward and backward through the current network. */
export interface SampleGraph {
  index: number;
  x: [number, number];
  y: number;
  predicted: number;
  loss: number;
  snapshot: GraphSnapshot;
}

function mlpOutputs(config: TrainConfig, nClasses: number): number {
  return TRAIN_LOSSES[config.loss].outputs(nClasses);
}

/** Squares the data's bounding box and pads it, so the boundary plot keeps the aspect ratio. */
export function boundsOf(x: readonly (readonly number[])[]): Bounds {
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const p of x) {
    x0 = Math.min(x0, p[0]);
    x1 = Math.max(x1, p[0]);
    y0 = Math.min(y0, p[1]);
    y1 = Math.max(y1, p[1]);
  }
  if (!(x1 >= x0)) return { x0: -1, x1: 1, y0: -1, y1: 1 };
  const half = Math.max(x1 - x0, y1 - y0, 1e-6) * 0.5 * 1.15;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return { x0: cx - half, x1: cx + half, y0: cy - half, y1: cy + half };
}

/** A model, its optimizer and its data, trained one step at a time. */
export class TrainingSession {
  readonly config: TrainConfig;
  /** The training set: the first `trainRatio` of the generated points, then the points clicked in. */
  readonly data: TrainData;
  /** The test set: the rest of the generated points (empty for trainRatio 1). */
  readonly test: TrainData;
  /** How many of the generated points are in the training set (the clicked-in ones follow them). */
  readonly generated: number;
  readonly bounds: Bounds;
  readonly model: MLP;
  readonly optimizer: Optimizer;
  /** The last step's loss (NaN before the first). */
  lastLoss = Number.NaN;
  /** Set when a step met a non-finite loss or gradient (the step then changes nothing). */
  diverged = false;
  /** How much the last step changed each parameter (in `parameters()` order). */
  readonly lastUpdate: Float64Array;
  private readonly params: Value[];
  private readonly core: Trainer;
  private readonly batchRng: Rng;
  private order: number[] = [];
  private cursor = 0;
  private forward: CompiledForward | null = null;

  /**
   * @param config the settings (already validated)
   * @param points points clicked in earlier, added to the training set
   * @throws RangeError for a point with a bad class or coordinates, or too many points
   */
  constructor(config: TrainConfig, points: readonly AddedPoint[] = []) {
    this.config = { ...config, hidden: [...config.hidden] };
    const ds = getDataset(config.dataset, {
      n: config.n,
      seed: config.seed,
      ...(NOISY_DATASETS.includes(config.dataset) ? { noise: config.noise } : {}),
    });
    const all = ds.x.map((p) => [p[0], p[1]] as [number, number]);
    this.generated = trainCount(config);
    this.data = { x: all.slice(0, this.generated), y: ds.y.slice(0, this.generated), nClasses: ds.nClasses };
    this.test = { x: all.slice(this.generated), y: ds.y.slice(this.generated), nClasses: ds.nClasses };
    this.bounds = boundsOf(all);
    this.model = new MLP(2, [...config.hidden, mlpOutputs(config, ds.nClasses)], {
      activation: config.activation,
      seed: config.seed + 1,
    });
    this.params = this.model.parameters();
    this.lastUpdate = new Float64Array(this.params.length);
    const { lr } = config;
    this.optimizer = makeOptimizer(config.optimizer, this.params, lr);
    const { regularization: kind, regRate: rate } = config;
    this.core = new Trainer({
      model: this.model,
      optimizer: this.optimizer,
      loss: config.loss,
      nClasses: ds.nClasses,
      ...(kind === "none" ? {} : { regularization: { kind, rate } }),
      engine: config.engine,
      capacity: (n) => this.room(n),
      evaluationSlots: EVAL_SLOTS,
    });
    this.batchRng = new Rng(config.seed + 2);
    for (const p of points) this.addPoint(p.x, p.y, p.cls);
  }

  /** Number of training points. */
  get size(): number {
    return this.data.y.length;
  }

  /** Points per step (the whole training set when batchSize is 0 or larger than the set). */
  get batchSize(): number {
    const b = this.config.batchSize;
    return b <= 0 || b >= this.size ? this.size : b;
  }

  /** Passes over the training set so far (steps x batch size / training points). */
  get epoch(): number {
    return (this.steps * this.batchSize) / this.size;
  }

  /** Steps taken. */
  get steps(): number {
    return this.core.steps;
  }

  /** How many times the batch graph was built (for tests: clicks must not rebuild it every time). */
  get builds(): number {
    return this.core.builds;
  }

  /** How many numbers one compiled step holds (the library's `Trainer.compiledSize`; -1 on the object engine). */
  get graphSize(): number {
    return this.core.compiledSize(this.batchSize);
  }

  /** The model's parameters, in `parameters()` order. */
  get parameters(): readonly Value[] {
    return this.params;
  }

  /**
   * Adds a training point of class `cls`. On the compiled full-batch path it takes a spare slot of the
   * batch graph (no rebuild); when none is left the graph is rebuilt at the next step.
   */
  addPoint(x: number, y: number, cls: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y))
      throw new RangeError("addPoint: x and y must be finite numbers");
    if (!Number.isInteger(cls) || cls < 0 || cls >= this.data.nClasses) {
      throw new RangeError(
        `addPoint: class must be an integer from 0 to ${this.data.nClasses - 1}, got ${cls}`,
      );
    }
    if (this.size >= MAX_POINTS) throw new RangeError(`addPoint: at most ${MAX_POINTS} training points`);
    this.data.x.push([x, y]);
    this.data.y.push(cls);
    this.order = [];
  }

  /**
   * Slots for a step graph of `n` samples: a full batch with points clicked in gets room for a quarter
   * more (at least 16, at most `MAX_POINTS`), so further clicks fill spare slots; otherwise exactly n.
   */
  private room(n: number): number {
    if (n !== this.size || this.size <= this.generated) return n;
    return Math.min(MAX_POINTS, n + Math.max(16, Math.ceil(n / 4)));
  }

  private nextIndices(size: number): number[] {
    const out: number[] = [];
    while (out.length < size) {
      if (this.cursor >= this.order.length) {
        this.order = this.data.y.map((_, i) => i);
        for (let i = this.order.length - 1; i > 0; i--) {
          const j = this.batchRng.int(i + 1);
          [this.order[i], this.order[j]] = [this.order[j], this.order[i]];
        }
        this.cursor = 0;
      }
      out.push(this.order[this.cursor++]);
    }
    return out;
  }

  /**
   * One optimization step on the next batch; returns the batch's loss (before the update). If the loss or
   * a gradient is not finite, nothing is updated and `diverged` is set.
   */
  step(): number {
    const size = this.batchSize;
    let x: [number, number][] = this.data.x;
    let y: number[] = this.data.y;
    if (size < this.size) {
      const indices = this.nextIndices(size);
      x = indices.map((i) => this.data.x[i]);
      y = indices.map((i) => this.data.y[i]);
    }
    const before = this.params.map((p) => p.data);
    try {
      this.lastLoss = this.core.step(x, y);
    } catch (e) {
      if (!(e instanceof DivergedError)) throw e;
      this.diverged = true; // the library's step made no update
      this.lastLoss = this.core.lastLoss;
      return this.lastLoss;
    }
    this.params.forEach((p, i) => {
      this.lastUpdate[i] = p.data - before[i];
    });
    return this.lastLoss;
  }

  /**
   * The data loss (no regularization) and accuracy of the current parameters on the training or the
   * test set: the library's `Trainer.evaluate` (in blocks, forward only: the step graph on the compiled
   * engine, a graph of `EVAL_SLOTS` samples on the object engine). NaN loss for an empty set.
   */
  evaluate(which: "train" | "test"): SetScore {
    const set = which === "train" ? this.data : this.test;
    const count = set.y.length;
    if (count === 0) return { loss: Number.NaN, accuracy: Number.NaN, count: 0 };
    return { ...this.core.evaluate(set.x, set.y), count };
  }

  /** The network on many points at once (the library's `CompiledForward`, built at the first use). */
  private get plane(): CompiledForward {
    this.forward ??= new CompiledForward(this.model);
    return this.forward;
  }

  /** The model with its current parameters, as a file recording how it was trained (see `ModelFile`). */
  modelFile(): ModelFile {
    const c = this.config;
    return modelFile(this.model, {
      dataset: c.dataset,
      loss: c.loss,
      nClasses: this.data.nClasses,
      seed: c.seed,
      layers: [...c.hidden],
      activation: c.activation,
      optimizer: c.optimizer,
      lr: c.lr,
      ...(c.regularization === "none" ? {} : { [c.regularization]: c.regRate }),
      steps: this.steps,
      batchSize: c.batchSize,
      engine: c.engine,
      trainFraction: c.trainRatio,
    });
  }

  /** The network's outputs for one point (current parameters). */
  scores(x: number, y: number): number[] {
    return Array.from(this.plane.outputs([x, y]));
  }

  /** The predicted class (the library's `predictClass`) and confidence (0..1) from the outputs. */
  decide(scores: readonly number[]): { cls: number; conf: number } {
    const cls = predictClass(scores);
    return { cls, conf: confidence(scores, cls) };
  }

  /** Fraction of the training points classified correctly by the current parameters. */
  accuracy(): number {
    return this.evaluate("train").accuracy;
  }

  /** The cell centres of a res x res grid over `bounds`, row by row from the top: x0, y0, x1, y1, … */
  private cells(res: number): Float64Array {
    const { x0, x1, y0, y1 } = this.bounds;
    const out = new Float64Array(2 * res * res);
    for (let r = 0; r < res; r++) {
      const y = y1 - ((r + 0.5) / res) * (y1 - y0);
      for (let c = 0; c < res; c++) {
        out[2 * (r * res + c)] = x0 + ((c + 0.5) / res) * (x1 - x0);
        out[2 * (r * res + c) + 1] = y;
      }
    }
    return out;
  }

  /** The decision over a res x res grid covering `bounds`. */
  grid(res: number): Grid {
    const cls = new Uint8Array(res * res);
    const conf = new Float32Array(res * res);
    const scores: number[] = [];
    this.plane.run(this.cells(res), (cell, values, slot) => {
      scores.length = 0;
      for (const i of slot.out) scores.push(values[i]);
      const d = this.decide(scores);
      cls[cell] = d.cls;
      conf[cell] = d.conf;
    });
    return { res, cls, conf };
  }

  /** Every hidden neuron's output over a res x res grid (what the network diagram draws per neuron). */
  neuronMaps(res: number): NeuronMaps {
    const count = this.config.hidden.reduce((s, n) => s + n, 0);
    const cells = res * res;
    const values = new Float32Array(count * cells);
    this.plane.run(this.cells(res), (cell, v, slot) => {
      for (let j = 0; j < count; j++) values[j * cells + cell] = v[slot.hidden[j]];
    });
    return { res, layers: [...this.config.hidden], values };
  }

  /**
   * Training sample `index`'s data loss through the current network, after backward: every node's data
   * and grad, the `cap` values nearest the loss. The parameters' grads are restored afterwards.
   */
  sampleGraph(index: number, cap: number): SampleGraph {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`sample must be an integer from 0 to ${this.size - 1}, got ${index}`);
    }
    const p = this.data.x[index];
    // the library's batch graph for one sample, without the regularization: its data loss
    const { loss, outputs } = buildBatchGraph(this.core.spec(1, false), [p], [this.data.y[index]]);
    const saved = this.params.map((q) => q.grad);
    for (const q of this.params) q.grad = 0;
    loss.backward();
    const snapshot = snapshotGraph(loss, cap);
    this.params.forEach((q, i) => {
      q.grad = saved[i];
    });
    return {
      index,
      x: [p[0], p[1]],
      y: this.data.y[index],
      predicted: predictClass(outputs[0].map((z) => z.data)),
      loss: loss.data,
      snapshot,
    };
  }

  /** Values of a step graph of `examples` samples (the library's `Trainer.graphSize`: real graphs counted). */
  graphSizeOf(examples: number): number {
    return this.core.graphSize(examples);
  }
}

/**
 * How sure outputs `scores` are of class `cls`, 0..1, for the shading: tanh |s| for one output; for k
 * outputs softmax(s)_cls rescaled so a uniform 1/k is 0 and a certain 1 is 1. 0 for non-finite scores.
 */
export function confidence(scores: readonly number[], cls: number): number {
  if (scores.length === 1) {
    const s = scores[0];
    return Number.isFinite(s) ? Math.tanh(Math.abs(s)) : 0;
  }
  const top = scores[cls];
  let sum = 0;
  for (const s of scores) sum += Math.exp(s - top);
  const k = scores.length;
  const p = 1 / sum;
  return Number.isFinite(p) ? Math.max(0, (p - 1 / k) / (1 - 1 / k)) : 0;
}

/** What `estimateGraph` found: the values per step, and whether that is within `MAX_GRAPH_VALUES`. */
export interface GraphEstimate {
  values: number;
  /** Training points (generated share plus the clicked-in ones). */
  points: number;
  /** Samples per step. */
  batch: number;
  /** The largest batch size that fits the limit. */
  maxBatch: number;
  ok: boolean;
}

/**
 * How many Values one training step's loss graph would have for these settings, before building it
 * (counted on one- and two-sample graphs: 0.33 s for hidden 64,64,64,64, which would be 12.65 million
 * values, on this 2-core machine under load; the default settings take milliseconds).
 */
export function estimateGraph(config: TrainConfig, points: readonly AddedPoint[] = []): GraphEstimate {
  // the form asks again for the same settings (check, then the busy message): ~0.3 s for the biggest
  const key = `${JSON.stringify(config)}|${points.length}`;
  if (lastEstimate?.key === key) return { ...lastEstimate.result };
  const result = countGraph(config, points);
  lastEstimate = { key, result };
  return { ...result };
}

let lastEstimate: { key: string; result: GraphEstimate } | null = null;

function countGraph(config: TrainConfig, points: readonly AddedPoint[]): GraphEstimate {
  const t = new TrainingSession(config, points);
  const batch = t.batchSize;
  const one = t.graphSizeOf(1);
  const perSlot = t.graphSizeOf(2) - one;
  const values = one + (batch - 1) * perSlot;
  const maxBatch = Math.max(0, Math.floor((MAX_GRAPH_VALUES - one) / perSlot) + 1);
  return { values, points: t.size, batch, maxBatch, ok: values <= MAX_GRAPH_VALUES };
}
