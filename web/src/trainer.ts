/**
 * The training view's model, data and step, without any DOM: the worker runs it, tests drive it in Node.
 *
 * The batch's loss graph is built once with leaves for the inputs and targets. On the compiled path it is
 * traced with `compile()` and each step only assigns the leaves (`.data`) and replays forward/backward on
 * typed arrays; on the object path the graph is rebuilt every step, as micrograd does. Either way the
 * optimizer updates the parameters from their `.grad`. Loss: the data loss averaged over the batch plus
 * micrograd's 1e-4 * sum(p²).
 */
import {
  Adam,
  AdamW,
  type CompiledGraph,
  compile,
  getDataset,
  l2,
  MLP,
  type MLPJSON,
  type Optimizer,
  Rng,
  SGD,
  sumValues,
  Value,
} from "../../src/index.js";
import { type GraphSnapshot, snapshotGraph } from "./graph-snapshot.js";
import type { TrainConfig } from "./train-config.js";

/** L2 regularization strength (micrograd's demo). */
export const ALPHA = 1e-4;
/** Most points a dataset may grow to by clicking. */
export const MAX_POINTS = 1000;

/** The data being trained on. */
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
  /** Target leaves: "-y" (binary svm), "y" (binary mse), one-hot t_j (ce, multi svm), ±1 u_j (multi mse). */
  t: Value[];
  /** Multi-class svm: 1 - t_j; ce: the logsumexp shift m. */
  aux: Value[];
  out: Value[];
}

/** Everything the loss graph of a batch needs. */
interface BatchGraph {
  slots: Slot[];
  dataLoss: Value;
  loss: Value;
  compiled: CompiledGraph | null;
}

function mlpOutputs(config: TrainConfig, nClasses: number): number {
  return nClasses === 2 && config.loss !== "ce" ? 1 : nClasses;
}

/** Squares the data's bounding box and pads it, so the boundary plot keeps the aspect ratio. */
export function boundsOf(x: readonly (readonly number[])[]): Bounds {
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const p of x) {
    x0 = Math.min(x0, p[0] as number);
    x1 = Math.max(x1, p[0] as number);
    y0 = Math.min(y0, p[1] as number);
    y1 = Math.max(y1, p[1] as number);
  }
  if (!(x1 >= x0)) return { x0: -1, x1: 1, y0: -1, y1: 1 };
  const half = Math.max(x1 - x0, y1 - y0, 1e-6) * 0.5 * 1.15;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return { x0: cx - half, x1: cx + half, y0: cy - half, y1: cy + half };
}

/** A model, its optimizer and its data, trained one step at a time. */
export class Trainer {
  readonly config: TrainConfig;
  readonly data: TrainData;
  readonly bounds: Bounds;
  readonly model: MLP;
  readonly optimizer: Optimizer;
  /** Steps taken. */
  steps = 0;
  /** The last step's loss (NaN before the first). */
  lastLoss = Number.NaN;
  /** Set when a step met a non-finite loss or gradient (the step then changes nothing). */
  diverged = false;
  private readonly nOut: number;
  private readonly params: Value[];
  private readonly batchRng: Rng;
  private order: number[] = [];
  private cursor = 0;
  private batch: BatchGraph | null = null;
  private predictor: { x: [Value, Value]; out: Value[]; g: CompiledGraph; idx: number[] } | null = null;

  /** @throws RangeError for settings the data does not allow (e.g. the svm loss is binary-or-multi only) */
  constructor(config: TrainConfig) {
    this.config = { ...config, hidden: [...config.hidden] };
    const ds = getDataset(config.dataset, { n: config.n, seed: config.seed });
    this.data = { x: ds.x.map((p) => [p[0] as number, p[1] as number]), y: [...ds.y], nClasses: ds.nClasses };
    this.bounds = boundsOf(this.data.x);
    this.nOut = mlpOutputs(config, ds.nClasses);
    this.model = new MLP(2, [...config.hidden, this.nOut], {
      activation: config.activation,
      seed: config.seed + 1,
    });
    this.params = this.model.parameters();
    const { lr } = config;
    this.optimizer =
      config.optimizer === "sgd"
        ? new SGD(this.params, { lr })
        : config.optimizer === "adam"
          ? new Adam(this.params, { lr })
          : new AdamW(this.params, { lr });
    this.batchRng = new Rng(config.seed + 2);
  }

  /** Number of points. */
  get size(): number {
    return this.data.y.length;
  }

  /** Points per step (the whole set when batchSize is 0 or larger than the set). */
  get batchSize(): number {
    const b = this.config.batchSize;
    return b <= 0 || b >= this.size ? this.size : b;
  }

  /** How many Values one step's loss graph has. */
  get graphSize(): number {
    const b = this.ensureBatch();
    return b.compiled ? b.compiled.size : -1;
  }

  /** Adds a point of class `cls` (the batch graph is rebuilt on the next step). */
  addPoint(x: number, y: number, cls: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y))
      throw new RangeError("addPoint: x and y must be finite numbers");
    if (!Number.isInteger(cls) || cls < 0 || cls >= this.data.nClasses) {
      throw new RangeError(
        `addPoint: class must be an integer from 0 to ${this.data.nClasses - 1}, got ${cls}`,
      );
    }
    if (this.size >= MAX_POINTS) throw new RangeError(`addPoint: at most ${MAX_POINTS} points`);
    this.data.x.push([x, y]);
    this.data.y.push(cls);
    this.batch = null;
    this.order = [];
  }

  /** Builds the per-sample loss of one slot (its leaves get their numbers from `fill`). */
  private sampleLoss(slot: Slot): Value {
    const k = this.data.nClasses;
    const { out, t, aux } = slot;
    const s = out[0] as Value;
    if (this.nOut === 1) {
      // binary, one score: svm relu(1 + (-y)·s) as micrograd's demo, or mse (s - y)²
      if (this.config.loss === "svm")
        return s
          .mul(t[0] as Value)
          .add(1)
          .relu();
      return s.sub(t[0] as Value).pow(2);
    }
    // k scores; z_y = Σ t_j z_j with one-hot t
    const zy = sumValues(out.map((z, j) => z.mul(t[j] as Value)));
    if (this.config.loss === "ce") {
      // log Σ exp(z_j - m) + m - z_y: exact for any m; m is set to the slot's last max logit for stability
      const m = aux[0] as Value;
      return sumValues(out.map((z) => z.sub(m).exp()))
        .log()
        .add(m)
        .sub(zy);
    }
    if (this.config.loss === "svm") {
      // multi-class hinge: Σ_{j≠y} relu(1 + z_j - z_y), with aux_j = 1 - t_j
      return sumValues(
        out.map((z, j) =>
          z
            .sub(zy)
            .add(1)
            .relu()
            .mul(aux[j] as Value),
        ),
      );
    }
    return sumValues(out.map((z, j) => z.sub(t[j] as Value).pow(2))).mul(1 / k);
  }

  /**
   * A slot: fresh leaves, filled with sample `i` if given, and the network's outputs on them. (The object
   * engine computes as it builds, so the leaves must hold their numbers first; the compiled path fills
   * them before every replay.)
   */
  private newSlot(i: number | null): Slot {
    const k = this.data.nClasses;
    const x: [Value, Value] = [new Value(0, "x1"), new Value(0, "x2")];
    let t: Value[];
    let aux: Value[] = [];
    if (this.nOut === 1) t = [new Value(0, this.config.loss === "svm" ? "-y" : "y")];
    else {
      t = Array.from({ length: k }, (_, j) => new Value(0, this.config.loss === "mse" ? `u${j}` : `t${j}`));
      if (this.config.loss === "ce") aux = [new Value(0, "m")];
      if (this.config.loss === "svm") aux = Array.from({ length: k }, (_, j) => new Value(0, `1-t${j}`));
    }
    const slot: Slot = { x, t, aux, out: [] };
    if (i !== null) this.fill(slot, i);
    slot.out = this.model.forward(x);
    if (i !== null && this.config.loss === "ce" && this.nOut > 1) {
      (aux[0] as Value).data = Math.max(...slot.out.map((z) => z.data));
    }
    return slot;
  }

  /** Puts sample `i` into a slot's leaves. */
  private fill(slot: Slot, i: number): void {
    const p = this.data.x[i] as [number, number];
    const c = this.data.y[i] as number;
    slot.x[0].data = p[0];
    slot.x[1].data = p[1];
    if (this.nOut === 1) {
      const y = c === 1 ? 1 : -1;
      (slot.t[0] as Value).data = this.config.loss === "svm" ? -y : y;
      return;
    }
    slot.t.forEach((t, j) => {
      t.data = this.config.loss === "mse" ? (j === c ? 1 : -1) : j === c ? 1 : 0;
    });
    if (this.config.loss === "svm") {
      slot.aux.forEach((a, j) => {
        a.data = j === c ? 0 : 1;
      });
    }
  }

  /** The loss graph of a batch: of samples `indices`, or of `size` empty slots (filled later). */
  private buildBatch(size: number, indices: number[] | null = null): BatchGraph {
    const slots = Array.from({ length: size }, (_, s) =>
      this.newSlot(indices ? (indices[s] as number) : null),
    );
    const losses = slots.map((s) => this.sampleLoss(s));
    const dataLoss = sumValues(losses).mul(1 / size);
    dataLoss.label = "data loss";
    const loss = dataLoss.add(l2(this.params, ALPHA));
    loss.label = "loss";
    return { slots, dataLoss, loss, compiled: null };
  }

  private ensureBatch(): BatchGraph {
    if (!this.batch) {
      this.batch = this.buildBatch(this.batchSize);
      if (this.config.engine === "compiled") this.batch.compiled = compile(this.batch.loss);
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
          [this.order[i], this.order[j]] = [this.order[j] as number, this.order[i] as number];
        }
        this.cursor = 0;
      }
      out.push(this.order[this.cursor++] as number);
    }
    return out;
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
      b.slots.forEach((slot, s) => {
        this.fill(slot, indices[s] as number);
      });
      loss = g.forward();
      if (this.config.loss === "ce" && this.nOut > 1) this.updateShifts(b, g);
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
    this.optimizer.step();
    this.steps++;
    return loss;
  }

  /** Sets each slot's logsumexp shift to its largest logit of this forward (used by the next one). */
  private updateShifts(b: BatchGraph, g: CompiledGraph): void {
    for (const slot of b.slots) {
      let m = Number.NEGATIVE_INFINITY;
      for (const z of slot.out) m = Math.max(m, g.values[g.indexOf(z)] as number);
      if (Number.isFinite(m)) (slot.aux[0] as Value).data = m;
    }
  }

  private ensurePredictor() {
    if (!this.predictor) {
      const x: [Value, Value] = [new Value(0, "x1"), new Value(0, "x2")];
      const out = this.model.forward(x);
      const g = compile(out.length === 1 ? (out[0] as Value) : sumValues(out));
      this.predictor = { x, out, g, idx: out.map((v) => g.indexOf(v)) };
    }
    return this.predictor;
  }

  /** The model with its current parameters, as a file (see `ModelFile`). */
  modelFile(): ModelFile {
    const { dataset, loss } = this.config;
    return { ...this.model.toJSON(), micrograd: { dataset, loss, nClasses: this.data.nClasses } };
  }

  /** The network's outputs for one point (current parameters). */
  scores(x: number, y: number): number[] {
    const p = this.ensurePredictor();
    p.x[0].data = x;
    p.x[1].data = y;
    p.g.forward();
    return p.idx.map((i) => p.g.values[i] as number);
  }

  /** The predicted class and confidence (0..1) from the outputs. */
  decide(scores: readonly number[]): { cls: number; conf: number } {
    if (scores.length === 1) {
      const s = scores[0] as number;
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

  /** Fraction of all points classified correctly by the current parameters. */
  accuracy(): number {
    let right = 0;
    for (let i = 0; i < this.size; i++) {
      const p = this.data.x[i] as [number, number];
      if (this.decide(this.scores(p[0], p[1])).cls === this.data.y[i]) right++;
    }
    return this.size === 0 ? 0 : right / this.size;
  }

  /** The decision over a res x res grid covering `bounds`. */
  grid(res: number): Grid {
    const cls = new Uint8Array(res * res);
    const conf = new Float32Array(res * res);
    const { x0, x1, y0, y1 } = this.bounds;
    for (let r = 0; r < res; r++) {
      const y = y1 - ((r + 0.5) / res) * (y1 - y0);
      for (let c = 0; c < res; c++) {
        const x = x0 + ((c + 0.5) / res) * (x1 - x0);
        const d = this.decide(this.scores(x, y));
        cls[r * res + c] = d.cls;
        conf[r * res + c] = d.conf;
      }
    }
    return { res, cls, conf };
  }

  /**
   * Sample `index`'s data loss through the current network, after backward: every node's data and grad,
   * the `cap` values nearest the loss. The parameters' grads are restored afterwards.
   */
  sampleGraph(index: number, cap: number): SampleGraph {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`sample must be an integer from 0 to ${this.size - 1}, got ${index}`);
    }
    const slot = this.newSlot(index);
    const loss = this.sampleLoss(slot);
    loss.label = "loss";
    const saved = this.params.map((p) => p.grad);
    for (const p of this.params) p.grad = 0;
    loss.backward();
    const snapshot = snapshotGraph(loss, cap);
    this.params.forEach((p, i) => {
      p.grad = saved[i] as number;
    });
    const p = this.data.x[index] as [number, number];
    return {
      index,
      x: [p[0], p[1]],
      y: this.data.y[index] as number,
      predicted: this.decide(slot.out.map((z) => z.data)).cls,
      loss: loss.data,
      snapshot,
    };
  }
}
