/**
 * The training view's model, data and step, without any DOM: the worker runs it, tests drive it in Node.
 *
 * The generated points are split into a training set (the first `trainRatio` of them, plus any points
 * clicked in) and a test set. A batch's loss graph is built once with leaves for the inputs, the targets
 * and a weight per sample (1, or 0 for a spare slot); on the compiled path it is traced with `compile()`
 * and each step only assigns the leaves (`.data`) and replays forward/backward on typed arrays; on the
 * object path the graph is rebuilt every step, as micrograd does. Either way the optimizer updates the
 * parameters from their `.grad`. Loss: the data loss averaged over the batch, plus the regularization
 * (micrograd's demo: L2, 1e-4 * sum(p²)).
 *
 * A full-batch graph keeps spare slots, so a point clicked in only fills a slot and sets its weight: no
 * rebuild per click. When the slots run out the graph is rebuilt once, at the next step, with room for
 * a quarter more.
 */
import {
  type CompiledGraph,
  compile,
  getDataset,
  l2,
  MLP,
  type MLPJSON,
  makeOptimizer,
  type Optimizer,
  Rng,
  sumValues,
  TRAIN_LOSSES,
  topoOrder,
  Value,
} from "micrograd-ts";
import { type GraphSnapshot, snapshotGraph } from "./graph-snapshot.js";
import { type AddedPoint, LIMITS, NOISY_DATASETS, type TrainConfig, trainCount } from "./train-config.js";

export type { AddedPoint } from "./train-config.js";

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
 * A model as a file: `MLP.toJSON()` plus what it was trained for, the format `micrograd train` saves (so
 * `micrograd predict` and `micrograd export` read a file downloaded from the page).
 */
export type ModelFile = MLPJSON & { micrograd: { dataset: string; loss: string; nClasses: number } };

/** A square region of the plane: [x0, x1] x [y0, y1]. */
export interface Bounds {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The model's decision over a res x res grid, row by row from y1 (top) down to y0. */
export interface Grid {
  res: number;
  /** Predicted class per cell. */
  cls: Uint8Array;
  /** How sure the model is, 0..1, per cell. */
  conf: Float32Array;
}

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

/** The leaves and outputs of one sample's slot in a loss graph. */
interface Slot {
  x: [Value, Value];
  /** Target leaves, filled from the library's loss table (`TRAIN_LOSSES[loss].targets(c, k)`). */
  t: Value[];
  /** ce: the logsumexp shift m (empty for the other losses). */
  aux: Value[];
  out: Value[];
  /** The sample's weight in the sum: 1, or 0 for a spare slot. */
  w: Value;
}

/** One point's slot in the plane graph (see `ensurePlane`). */
interface PlaneSlot {
  x: [Value, Value];
  hidden: Value[];
  out: Value[];
}

/** A plane slot by positions in the compiled graph. */
interface PlaneSlotIndex {
  x: [Value, Value];
  out: number[];
  hidden: number[];
}

/** The network on many points at once. */
interface PlaneGraph {
  g: CompiledGraph;
  slots: PlaneSlotIndex[];
}

/** Everything the loss graph of a batch needs. */
interface BatchGraph {
  slots: Slot[];
  /** 1 / (samples in the batch): the mean's factor, a leaf so the count can change without a rebuild. */
  scale: Value;
  dataLoss: Value;
  loss: Value;
  compiled: CompiledGraph | null;
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

/** rate * sum |p| (the engine's abs: slope sign(p), 0 at 0). */
function l1(params: readonly Value[], rate: number): Value {
  return sumValues(params.map((p) => p.abs())).mul(rate);
}

/** A model, its optimizer and its data, trained one step at a time. */
export class Trainer {
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
  /** Steps taken. */
  steps = 0;
  /** The last step's loss (NaN before the first). */
  lastLoss = Number.NaN;
  /** Set when a step met a non-finite loss or gradient (the step then changes nothing). */
  diverged = false;
  /** How much the last step changed each parameter (in `parameters()` order). */
  readonly lastUpdate: Float64Array;
  /** How many times the batch graph was built (for tests: clicks must not rebuild it every time). */
  builds = 0;
  private readonly nOut: number;
  private readonly params: Value[];
  private readonly batchRng: Rng;
  private order: number[] = [];
  private cursor = 0;
  private batch: BatchGraph | null = null;
  private evalGraph: BatchGraph | null = null;
  private plane: PlaneGraph | null = null;

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
    this.nOut = mlpOutputs(config, ds.nClasses);
    this.model = new MLP(2, [...config.hidden, this.nOut], {
      activation: config.activation,
      seed: config.seed + 1,
    });
    this.params = this.model.parameters();
    this.lastUpdate = new Float64Array(this.params.length);
    const { lr } = config;
    this.optimizer = makeOptimizer(config.optimizer, this.params, lr);
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

  /** How many Values one step's loss graph has (-1 on the object engine, which rebuilds it). */
  get graphSize(): number {
    if (this.config.engine !== "compiled") return -1;
    const b = this.ensureBatch();
    return b.compiled ? b.compiled.size : -1;
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
   * Builds the per-sample loss of one slot (its leaves get their numbers from `fill`): the library's
   * definition (`TRAIN_LOSSES`, the same as the CLI's), except cross-entropy, written here with a shift leaf.
   */
  private sampleLoss(slot: Slot): Value {
    const { out, t, aux } = slot;
    if (this.config.loss === "ce") {
      // log Σ exp(z_j - m) + m - z_c, z_c = Σ t_j z_j: exact for any m; m is a leaf set to the slot's last
      // max logit, so a replayed graph stays stable as the logits grow (a detached max would be frozen)
      const m = aux[0];
      const zc = sumValues(out.map((z, j) => z.mul(t[j])));
      return sumValues(out.map((z) => z.sub(m).exp()))
        .log()
        .add(m)
        .sub(zc);
    }
    return TRAIN_LOSSES[this.config.loss].sample(out, t);
  }

  /**
   * A slot: fresh leaves, filled with point `p` of class `c` if given, and the network's outputs on them.
   * (The object engine computes as it builds, so the leaves must hold their numbers first; the compiled
   * path fills them before every replay.)
   */
  private newSlot(p: [number, number] | null, c: number): Slot {
    const x: [Value, Value] = [new Value(0, "x1"), new Value(0, "x2")];
    const t = Array.from({ length: this.nOut }, (_, j) => new Value(0, this.nOut === 1 ? "y" : `t${j}`));
    const aux = this.config.loss === "ce" ? [new Value(0, "m")] : [];
    const slot: Slot = { x, t, aux, out: [], w: new Value(1, "w") };
    if (p !== null) this.fill(slot, p, c);
    slot.out = this.model.forward(x);
    if (p !== null && this.config.loss === "ce") {
      aux[0].data = Math.max(...slot.out.map((z) => z.data));
    }
    return slot;
  }

  /** Puts point `p` of class `c` into a slot's leaves (the targets from the library's loss table). */
  private fill(slot: Slot, p: readonly [number, number], c: number): void {
    slot.x[0].data = p[0];
    slot.x[1].data = p[1];
    const targets = TRAIN_LOSSES[this.config.loss].targets(c, this.data.nClasses);
    slot.t.forEach((t, j) => {
      t.data = targets[j];
    });
  }

  /** The regularization term (null for none or rate 0). */
  private regularization(): Value | null {
    const { regularization, regRate } = this.config;
    if (regularization === "none" || regRate === 0) return null;
    return regularization === "l2" ? l2(this.params, regRate) : l1(this.params, regRate);
  }

  /**
   * The loss graph of `capacity` slots: filled with training samples `indices`, or empty (filled before
   * each replay). `withRegularization` false gives the data loss alone (the evaluation graph).
   */
  private buildBatch(capacity: number, indices: number[] | null, withRegularization = true): BatchGraph {
    const slots = Array.from({ length: capacity }, (_, s) => {
      const i = indices ? indices[s] : -1;
      return this.newSlot(i >= 0 ? this.data.x[i] : null, this.data.y[i] ?? 0);
    });
    const losses = slots.map((s) => this.sampleLoss(s).mul(s.w));
    const scale = new Value(1 / capacity, "1/n");
    const dataLoss = sumValues(losses).mul(scale);
    dataLoss.label = "data loss";
    const reg = withRegularization ? this.regularization() : null;
    const loss = reg ? dataLoss.add(reg) : dataLoss;
    loss.label = "loss";
    return { slots, scale, dataLoss, loss, compiled: null };
  }

  private ensureBatch(): BatchGraph {
    // a mini-batch graph keeps its size; a full-batch one is rebuilt once its spare slots are used up
    if (this.batch && this.batch.slots.length < this.batchSize) this.batch = null;
    if (!this.batch) {
      // full batch: room for a quarter more points (clicks fill the spare slots); mini-batch: exact
      const size = this.batchSize;
      const capacity =
        size === this.size && this.size > this.generated ? size + Math.max(16, Math.ceil(size / 4)) : size;
      this.batch = this.buildBatch(Math.min(capacity, MAX_POINTS), null);
      this.batch.compiled = compile(this.batch.loss);
      this.builds++;
    }
    return this.batch;
  }

  private nextIndices(size: number): number[] {
    if (size === this.size) return this.data.y.map((_, i) => i);
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

  /** Fills a compiled batch graph's slots with samples `indices` of `set`; spare slots get weight 0. */
  private fillBatch(b: BatchGraph, set: TrainData, indices: readonly number[]): void {
    b.slots.forEach((slot, s) => {
      const i = indices[s];
      // a spare slot holds a real sample (so its loss is finite) with weight 0
      const j = i ?? indices[0];
      this.fill(slot, set.x[j], set.y[j]);
      slot.w.data = i === undefined ? 0 : 1;
    });
    b.scale.data = 1 / indices.length;
  }

  /**
   * One optimization step on the next batch; returns the batch's loss (before the update). If the loss or
   * a gradient is not finite, nothing is updated and `diverged` is set.
   */
  step(): number {
    const size = this.batchSize;
    const indices = this.nextIndices(size);
    let loss: number;
    if (this.config.engine === "compiled") {
      const b = this.ensureBatch();
      const g = b.compiled as CompiledGraph;
      this.fillBatch(b, this.data, indices);
      loss = g.forward();
      if (this.config.loss === "ce") this.updateShifts(b, g);
      g.backward();
    } else {
      const b = this.buildBatch(size, indices);
      loss = b.loss.data;
      this.model.zeroGrad();
      b.loss.backward();
    }
    this.lastLoss = loss;
    if (!Number.isFinite(loss) || this.params.some((p) => !Number.isFinite(p.grad))) {
      this.diverged = true; // the optimizer would refuse these grads: stop here, parameters unchanged
      return loss;
    }
    const before = this.params.map((p) => p.data);
    this.optimizer.step();
    this.params.forEach((p, i) => {
      this.lastUpdate[i] = p.data - before[i];
    });
    this.steps++;
    return loss;
  }

  /** Sets each slot's logsumexp shift to its largest logit of this forward (used by the next one). */
  private updateShifts(b: BatchGraph, g: CompiledGraph): void {
    for (const slot of b.slots) {
      let m = Number.NEGATIVE_INFINITY;
      for (const z of slot.out) m = Math.max(m, g.values[g.indexOf(z)]);
      if (Number.isFinite(m)) slot.aux[0].data = m;
    }
  }

  /**
   * The data loss (no regularization) and accuracy of the current parameters on the training or the
   * test set, computed in blocks of `EVAL_SLOTS` samples on one compiled graph. NaN loss for an empty set.
   */
  evaluate(which: "train" | "test"): SetScore {
    const set = which === "train" ? this.data : this.test;
    const n = set.y.length;
    if (n === 0) return { loss: Number.NaN, accuracy: Number.NaN, count: 0 };
    if (!this.evalGraph) {
      this.evalGraph = this.buildBatch(EVAL_SLOTS, null, false);
      this.evalGraph.compiled = compile(this.evalGraph.loss);
    }
    const b = this.evalGraph;
    const g = b.compiled as CompiledGraph;
    const outIdx = b.slots.map((s) => s.out.map((z) => g.indexOf(z)));
    let total = 0;
    let right = 0;
    for (let start = 0; start < n; start += EVAL_SLOTS) {
      const indices: number[] = [];
      for (let i = start; i < Math.min(n, start + EVAL_SLOTS); i++) indices.push(i);
      this.fillBatch(b, set, indices);
      b.scale.data = 1; // a sum: the blocks are added up and divided by n at the end
      let sum = g.forward();
      if (this.config.loss === "ce") {
        this.updateShifts(b, g); // stable shifts for these samples, then the loss again
        sum = g.forward();
      }
      total += sum;
      indices.forEach((i, s) => {
        const scores = outIdx[s].map((k) => g.values[k]);
        if (this.decide(scores).cls === set.y[i]) right++;
      });
    }
    return { loss: total / n, accuracy: right / n, count: n };
  }

  /**
   * The network on `slots` points at once, compiled: for the decision grid and the neuron maps, which
   * evaluate thousands of points. One forward per block of points instead of per point, since each
   * forward re-reads every leaf (the parameters too): measured on the default network, a 64 x 64 grid
   * took 113 ms point by point and 38-44 ms in blocks (Node, this 2-core machine under load).
   */
  private ensurePlane(): PlaneGraph {
    if (!this.plane) {
      // about 200k values at most, whatever the network's size
      const perPoint = topoOrder(sumValues(this.model.forward([new Value(0), new Value(0)]))).length;
      const count = Math.max(1, Math.min(256, Math.floor(200_000 / perPoint)));
      const slots: PlaneSlot[] = [];
      for (let s = 0; s < count; s++) {
        const x: [Value, Value] = [new Value(0, "x1"), new Value(0, "x2")];
        const hidden: Value[] = [];
        let h: Value[] = x;
        this.model.layers.forEach((layer, l) => {
          h = layer.forward(h);
          if (l < this.model.layers.length - 1) hidden.push(...h);
        });
        slots.push({ x, hidden, out: h });
      }
      // every hidden neuron feeds the outputs, so all of them are in the compiled graph
      const g = compile(sumValues(slots.flatMap((s) => s.out)));
      this.plane = {
        g,
        slots: slots.map((s) => ({
          x: s.x,
          out: s.out.map((v) => g.indexOf(v)),
          hidden: s.hidden.map((v) => g.indexOf(v)),
        })),
      };
    }
    return this.plane;
  }

  /**
   * Runs the network on many points: `visit(k, values, slot)` gets point k's results in the compiled
   * graph's `values`, read through `slot.out` and `slot.hidden`.
   */
  private onPoints(
    points: ArrayLike<number>,
    visit: (k: number, values: Float64Array, slot: { out: number[]; hidden: number[] }) => void,
  ): void {
    const plane = this.ensurePlane();
    const n = points.length / 2;
    const size = plane.slots.length;
    for (let start = 0; start < n; start += size) {
      const end = Math.min(n, start + size);
      for (let k = start; k < end; k++) {
        const slot = plane.slots[k - start];
        slot.x[0].data = points[2 * k];
        slot.x[1].data = points[2 * k + 1];
      }
      plane.g.forward();
      for (let k = start; k < end; k++) visit(k, plane.g.values, plane.slots[k - start]);
    }
  }

  /** The model with its current parameters, as a file (see `ModelFile`). */
  modelFile(): ModelFile {
    const { dataset, loss } = this.config;
    return { ...this.model.toJSON(), micrograd: { dataset, loss, nClasses: this.data.nClasses } };
  }

  /** The network's outputs for one point (current parameters). */
  scores(x: number, y: number): number[] {
    let result: number[] = [];
    this.onPoints([x, y], (_, values, slot) => {
      result = slot.out.map((i) => values[i]);
    });
    return result;
  }

  /** The predicted class and confidence (0..1) from the outputs. */
  decide(scores: readonly number[]): { cls: number; conf: number } {
    if (scores.length === 1) {
      const s = scores[0];
      return { cls: s > 0 ? 1 : 0, conf: Number.isFinite(s) ? Math.tanh(Math.abs(s)) : 0 };
    }
    let best = 0;
    let max = Number.NEGATIVE_INFINITY;
    scores.forEach((s, j) => {
      if (s > max) {
        max = s;
        best = j;
      }
    });
    let sum = 0;
    for (const s of scores) sum += Math.exp(s - max);
    const k = scores.length;
    const p = 1 / sum;
    return { cls: best, conf: Number.isFinite(p) ? Math.max(0, (p - 1 / k) / (1 - 1 / k)) : 0 };
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
    this.onPoints(this.cells(res), (cell, values, slot) => {
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
    this.onPoints(this.cells(res), (cell, v, slot) => {
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
    const slot = this.newSlot(p, this.data.y[index]);
    const loss = this.sampleLoss(slot);
    loss.label = "loss";
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
      predicted: this.decide(slot.out.map((z) => z.data)).cls,
      loss: loss.data,
      snapshot,
    };
  }

  /**
   * The size of one step's loss graph as a function of its samples: `one` value for a one-sample graph
   * and `perSlot` more for each further sample, counted on graphs of one and two samples (the graph
   * grows by the same amount per sample). Builds no big graph.
   */
  graphCounts(): { one: number; perSlot: number } {
    const count = (k: number) => topoOrder(this.buildBatch(k, null).loss).length;
    const one = count(1);
    return { one, perSlot: count(2) - one };
  }
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
  const t = new Trainer(config, points);
  const batch = t.batchSize;
  const { one, perSlot } = t.graphCounts();
  const values = one + (batch - 1) * perSlot;
  const maxBatch = Math.max(0, Math.floor((MAX_GRAPH_VALUES - one) / perSlot) + 1);
  return { values, points: t.size, batch, maxBatch, ok: values <= MAX_GRAPH_VALUES };
}
