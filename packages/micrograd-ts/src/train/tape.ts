/**
 * An MLP's training step as a tape of typed arrays, built straight from the model's shape: no `Value` per
 * node, no tracing. Each neuron is one dot product (b + w0*x0 + w1*x1 + …, left to right: a fused neuron),
 * each example's loss is the table loss's own small graph compiled once and replayed per example, and the
 * backward pass adds every gradient in the order the compiled loss graph of `buildBatchGraph` adds it, so
 * losses and gradients are that graph's bit for bit (and so the object engine's).
 *
 * Why the order is the graph's: a node's gradient is the sum of its consumers' contributions, added in
 * reverse trace order of the consumers, and floating-point addition is not associative. In the batch
 * graph (trace order = micrograd's depth-first topological order) the consumers of
 * - a parameter are: one neuron per example, examples in order, then the penalty's term (traced after
 *   the data loss): so its gradient starts with the penalty's and adds the examples last to first;
 * - a hidden activation are: the next layer's neurons of that example, in neuron order (the first of them
 *   reached reads its inputs in argument order); the last layer's neurons are reached in the order the
 *   loss first reads the outputs, which is their order in the example's compiled loss graph;
 * - an output: nodes of the loss graph itself, replayed by the interpreter.
 * The backward also skips a neuron exactly when the interpreter skips its dot node (zero gradient, finite
 * value), so even non-finite values give the same numbers.
 */
import { type CompiledGraph, compile } from "../compile/compile.js";
import { type OpDef, RELU } from "../engine/ops.js";
import { Value } from "../engine/value.js";
import type { MLP } from "../nn/mlp.js";
import type { Regularization } from "./batch.js";
import { TRAIN_LOSSES, type TrainLoss } from "./losses.js";
import { NetTape } from "./net-tape.js";

/** True when the tape can run `loss`: the table's losses (pure ops of their inputs, no branches on data). */
export function tapeRuns(loss: TrainLoss): boolean {
  return Object.values(TRAIN_LOSSES).includes(loss);
}

/** One example's loss, compiled once: out and target leaves in, `sample * w` out (see `MLPTape`). */
class ExampleLoss {
  readonly g: CompiledGraph;
  /** Positions of the output leaves, the target leaves, the weight and 1/n leaves, and `sample * w`. */
  readonly out: Int32Array;
  readonly target: Int32Array;
  readonly weight: number;
  readonly scale: number;
  readonly weighted: number;
  /** The outputs in the order the loss first reads them (the order of their neurons in the trace). */
  readonly order: Int32Array;

  constructor(loss: TrainLoss, nOut: number) {
    const outs = Array.from({ length: nOut }, () => new Value(0));
    const targets = Array.from({ length: nOut }, () => new Value(0));
    const w = new Value(1);
    const scale = new Value(1);
    // as buildBatchGraph: the sample times its weight; times 1/n, so the backward's seed is the batch
    // graph's gradient of the sample (scale * 1, then * w)
    const weighted = loss.sample(outs, targets).mul(w);
    this.g = compile(weighted.mul(scale));
    const at = (v: Value) => this.g.indexOf(v);
    this.out = Int32Array.from(outs, at);
    this.target = Int32Array.from(targets, at);
    this.weight = at(w);
    this.scale = at(scale);
    this.weighted = at(weighted);
    const order = Array.from({ length: nOut }, (_, j) => j);
    order.sort((a, b) => this.out[a] - this.out[b]);
    this.order = Int32Array.from(order);
  }
}

/**
 * The compiled training step of an MLP on a batch of up to `capacity` examples, as flat arrays. Slot s
 * holds one example: its inputs, then per layer each neuron's sum and activation (`values`, `perSlot`
 * numbers per slot). Spare slots repeat the first example with weight 0, as `buildBatchGraph`'s.
 * @internal
 */
export class MLPTape extends NetTape {
  /** Examples in the batch (filled slots). */
  n = 0;

  private readonly grad: Float64Array;
  private readonly weights: Float64Array;
  private readonly classes: Int32Array;
  /** Target numbers by class, nOut per class. */
  private readonly targets: Float64Array;
  /** d loss / d output of each slot, from the example's loss graph. */
  private readonly gOut: Float64Array;
  private readonly gA: Float64Array;
  private readonly gB: Float64Array;
  private readonly gC: Float64Array;
  private readonly gD: Float64Array;
  private readonly example: ExampleLoss;
  private scale = 1;
  /** The table's svm on one output (micrograd's demo): its loss written out (`svmLoss`). */
  private readonly binarySvm: boolean;

  constructor(
    model: MLP,
    readonly loss: TrainLoss,
    readonly nClasses: number,
    readonly penalty: Regularization | null,
    capacity: number,
  ) {
    super(model, capacity);
    const p = this.w.length;
    this.grad = new Float64Array(p);
    this.weights = new Float64Array(capacity);
    this.classes = new Int32Array(capacity);
    this.targets = new Float64Array(nClasses * this.nOut);
    for (let c = 0; c < nClasses; c++) this.targets.set(loss.targets(c, nClasses), c * this.nOut);
    this.gOut = new Float64Array(capacity * this.nOut);
    const widest = Math.max(...this.sizes);
    this.gA = new Float64Array(widest);
    this.gB = new Float64Array(widest);
    this.gC = new Float64Array(widest);
    this.gD = new Float64Array(widest);
    this.example = new ExampleLoss(loss, this.nOut);
    this.binarySvm = loss === TRAIN_LOSSES.svm && this.nOut === 1;
  }

  /**
   * Numbers the tape holds: every slot's inputs, sums and activations, the parameters and their
   * gradients, and one example's loss graph (replayed for each slot).
   */
  get size(): number {
    return this.values.length + 2 * this.w.length + this.example.g.size;
  }

  /**
   * Puts examples `x` / `classes` into the slots (spares: the first example, weight 0) and sets 1/n, as
   * `fillBatch` does (same checks, same messages).
   */
  fill(x: readonly (readonly number[])[], classes: readonly number[]): void {
    const n = x.length;
    const cap = this.capacity;
    if (n < 1 || n > cap || classes.length !== n) {
      throw new RangeError(
        `fillBatch: got ${n} inputs and ${classes.length} classes for ${cap} slots; they must match, 1 to ${cap}`,
      );
    }
    const nin = this.sizes[0];
    const v = this.values;
    for (let s = 0; s < cap; s++) {
      const i = s < n ? s : 0;
      const xi = x[i];
      const c = classes[i];
      if (!Number.isInteger(c) || c < 0 || c >= this.nClasses) {
        throw new RangeError(
          `fillBatch: classes[${i}] must be an integer from 0 to ${this.nClasses - 1}, got ${c}`,
        );
      }
      if (!Array.isArray(xi) || xi.length !== nin) {
        throw new RangeError(
          `fillBatch: x[${i}] must be an array of ${nin} numbers, got ${JSON.stringify(xi)}`,
        );
      }
      const base = s * this.perSlot;
      for (let j = 0; j < nin; j++) v[base + j] = xi[j];
      this.classes[s] = c;
      this.weights[s] = s < n ? 1 : 0;
    }
    this.n = n;
    this.scale = 1 / n;
  }

  /** Sets the 1/n factor of the data loss (`Trainer.evaluate` uses 1 to add blocks up). */
  setScale(scale: number): void {
    this.scale = scale;
  }

  /**
   * The forward pass over every slot from the parameters' current `.data`: returns the loss (data loss
   * plus the penalty when `withPenalty`) and, when `forGradients`, runs each example's loss backward too.
   * @throws TypeError if a parameter's `.data` is not a number
   */
  forwardLoss(forGradients: boolean, withPenalty: boolean): { loss: number; dataLoss: number } {
    this.readParams("Trainer.step");
    const ex = this.example;
    const tv = ex.g.values;
    const tg = ex.g.grads;
    const nOut = this.nOut;
    const last = this.capacity - 1;
    this.forward(this.capacity);
    if (this.binarySvm) return this.svmLoss(forGradients, withPenalty);
    let total = 0;
    for (let s = 0; s <= last; s++) {
      // the example's loss on its outputs
      const base = s * this.perSlot + this.outAt;
      const t = this.classes[s] * nOut;
      for (let j = 0; j < nOut; j++) {
        tv[ex.out[j]] = this.values[base + j];
        tv[ex.target[j]] = this.targets[t + j];
      }
      tv[ex.weight] = this.weights[s];
      tv[ex.scale] = this.scale;
      ex.g.forwardRange(0, ex.g.size);
      // Σ_s sample_s * w_s, left to right (sumValues)
      total = s === 0 ? tv[ex.weighted] : total + tv[ex.weighted];
      if (forGradients) {
        ex.g.backward();
        for (let j = 0; j < nOut; j++) this.gOut[s * nOut + j] = tg[ex.out[j]];
      }
    }
    return this.total(total, withPenalty);
  }

  /** The data loss (total * 1/n) and the loss (plus the penalty when `withPenalty`). */
  private total(total: number, withPenalty: boolean): { loss: number; dataLoss: number } {
    const dataLoss = total * this.scale;
    const pen = this.penalty;
    if (!withPenalty || !pen) return { loss: dataLoss, dataLoss };
    return { loss: dataLoss + this.penaltyValue(pen), dataLoss };
  }

  /**
   * `forwardLoss` for micrograd's binary svm (one output, targets ±1), written out: the example's loss
   * graph relu(out * -t + 1) * w * (1/n), forward and backward with the interpreter's expressions and
   * gradient steps (each `g` starts at 0; relu routes). `test/train/tape.test.ts` holds it to the graph.
   */
  private svmLoss(forGradients: boolean, withPenalty: boolean): { loss: number; dataLoss: number } {
    const v = this.values;
    const scale = this.scale;
    const gsw = 0 + scale * 1; // d root / d (sample * w): root = (sample * w) * (1/n), seeded with 1
    let total = 0;
    for (let s = 0; s < this.capacity; s++) {
      const out = v[s * this.perSlot + this.outAt];
      const negT = -this.targets[this.classes[s]];
      const w = this.weights[s];
      const r = Math.max(0, out * negT + 1);
      const sw = r * w;
      total = s === 0 ? sw : total + sw;
      if (forGradients) {
        const gr = 0 + w * gsw;
        const ga = gr !== 0 && r > 0 ? 0 + gr : 0;
        this.gOut[s] = 0 + negT * (0 + ga);
      }
    }
    return this.total(total, withPenalty);
  }

  /**
   * The gradients of the last `forwardLoss(true, …)`'s loss, written into every parameter's `.grad`
   * (overwriting, as `CompiledGraph.backward` does). `withPenalty` must match that forward's.
   */
  backward(withPenalty: boolean): void {
    const g = this.grad;
    const w = this.w;
    const pen = withPenalty ? this.penalty : null;
    // the penalty's terms come last in the trace, so their gradient comes first: g = 0 + rate * d term
    if (!pen) g.fill(0);
    else if (pen.kind === "l2") {
      // p * p: the product adds p * rate for each of its two (identical) inputs
      const r = pen.rate;
      for (let i = 0; i < g.length; i++) {
        const p = w[i];
        g[i] = 0 + p * r;
        g[i] += p * r;
      }
    } else {
      // |p|: the table's slope sign(p) (0 at 0, and for NaN), times rate
      const r = pen.rate;
      for (let i = 0; i < g.length; i++) {
        const p = w[i];
        g[i] = 0 + (p > 0 ? 1 : p < 0 ? -1 : 0) * r;
      }
    }
    for (let s = this.capacity - 1; s >= 0; s -= 2) this.backwardSlots(s, s - 1);
    const ps = this.params;
    for (let i = 0; i < ps.length; i++) ps[i].grad = g[i];
  }

  /** The outputs of slot `s` after `forward` (a new array). */
  outputs(s: number): number[] {
    const base = s * this.perSlot + this.outAt;
    const row = new Array<number>(this.nOut);
    for (let j = 0; j < row.length; j++) row[j] = this.values[base + j];
    return row;
  }

  /** rate * Σ term(p), left to right, as src/nn's l2 / l1. */
  private penaltyValue(pen: Regularization): number {
    const w = this.w;
    let sum = 0;
    for (let i = 0; i < w.length; i++) {
      const term = pen.kind === "l2" ? w[i] * w[i] : Math.abs(w[i]);
      sum = i === 0 ? term : sum + term;
    }
    return sum * pen.rate;
  }

  /**
   * The backward of slots s and t (t < s; -1: none), last layer first, adding into the parameters'
   * gradients: each parameter gets slot s's contribution, then slot t's (see the file's doc). Two slots at
   * a time: each parameter's gradient is read and written once for both.
   */
  private backwardSlots(s: number, t: number): void {
    const v = this.values;
    const w = this.w;
    const g = this.grad;
    const sizes = this.sizes;
    const per = this.perSlot;
    const bs = s * per;
    const bt = t * per; // unused when t < 0
    const two = t >= 0;
    const L = this.actDef.length;
    // gradients of the current layer's activations (gh) and of its inputs (gx), per slot
    let ghS = this.gA;
    let gxS = this.gB;
    let ghT = this.gC;
    let gxT = this.gD;
    const nOut = this.nOut;
    for (let j = 0; j < nOut; j++) {
      ghS[j] = this.gOut[s * nOut + j];
      if (two) ghT[j] = this.gOut[t * nOut + j];
    }
    for (let l = L - 1; l >= 0; l--) {
      const nIn = sizes[l];
      const n = sizes[l + 1];
      const zAt = this.sumAt[l];
      const xAt = l === 0 ? 0 : this.sumAt[l - 1] + nIn;
      const hidden = l > 0;
      if (hidden) {
        gxS.fill(0, 0, nIn);
        if (two) gxT.fill(0, 0, nIn);
      }
      activateBackward(this.actDef[l], v, bs + zAt, n, ghS);
      if (two) activateBackward(this.actDef[l], v, bt + zAt, n, ghT);
      // neurons in reverse trace order: the outputs in reverse of the loss's reading order, others n-1..0
      for (let k = n - 1; k >= 0; k--) {
        const j = l === L - 1 ? this.example.order[k] : k;
        const p = this.paramAt[l] + j * (nIn + 1);
        // the interpreter skips a dot node whose gradient is 0 and value finite (exact)
        const gzS = ghS[j];
        const zS = v[bs + zAt + j];
        const doS = gzS !== 0 || zS - zS !== 0;
        let gzT = 0;
        let doT = false;
        if (two) {
          gzT = ghT[j];
          const zT = v[bt + zAt + j];
          doT = gzT !== 0 || zT - zT !== 0;
        }
        if (doS && doT) {
          g[p + nIn] += gzS;
          g[p + nIn] += gzT;
          addProducts2(g, p, nIn, v, bs + xAt, gzS, bt + xAt, gzT);
          if (hidden) addScaled2(gxS, gzS, gxT, gzT, w, p, nIn);
        } else if (doS || doT) {
          const gz = doS ? gzS : gzT;
          g[p + nIn] += gz;
          addProducts(g, p, nIn, v, (doS ? bs : bt) + xAt, gz);
          if (hidden) addProducts(doS ? gxS : gxT, 0, nIn, w, p, gz);
        }
      }
      let swap = ghS;
      ghS = gxS;
      gxS = swap;
      swap = ghT;
      ghT = gxT;
      gxT = swap;
    }
  }
}

// The inner loops, as small functions: V8 optimizes a small function sooner and compiles it faster than
// one big loop nest (what a cold run waits for).

/** a[at + i] += b[bAt + i] * k for i < n (the interpreter's g[w] += v[x] * g, g[x] += v[w] * g). */
function addProducts(a: Float64Array, at: number, n: number, b: Float64Array, bAt: number, k: number): void {
  for (let i = 0; i < n; i++) a[at + i] += b[bAt + i] * k;
}

/** `addProducts` of two slots, the first one's product added first: each a[at + i] read and written once. */
function addProducts2(
  a: Float64Array,
  at: number,
  n: number,
  b: Float64Array,
  b1: number,
  k1: number,
  b2: number,
  k2: number,
): void {
  for (let i = 0; i < n; i++) {
    let s = a[at + i];
    s += b[b1 + i] * k1;
    s += b[b2 + i] * k2;
    a[at + i] = s;
  }
}

/** a1[i] += w[p + i] * k1 and a2[i] += w[p + i] * k2 for i < n: two slots' input gradients. */
function addScaled2(
  a1: Float64Array,
  k1: number,
  a2: Float64Array,
  k2: number,
  w: Float64Array,
  p: number,
  n: number,
): void {
  for (let i = 0; i < n; i++) {
    const wi = w[p + i];
    a1[i] += wi * k1;
    a2[i] += wi * k2;
  }
}

/** The inputs and local derivative of one activation node, for the table's functions. */
const pair = new Float64Array(2);
const local = new Float64Array(2);

/**
 * Turns the activations' gradients `gh` into the sums' gradients in place, as the interpreter's step for
 * the activation node: relu routes (0 + gh where the output is > 0, else nothing), the others add
 * 0 + local * gh always; linear: the sum is the output itself.
 */
function activateBackward(def: OpDef | null, v: Float64Array, at: number, n: number, gh: Float64Array): void {
  if (def === null) return;
  if (def.code === RELU) {
    for (let j = 0; j < n; j++) gh[j] = gh[j] !== 0 && v[at + n + j] > 0 ? 0 + gh[j] : 0;
  } else {
    for (let j = 0; j < n; j++) {
      pair[0] = v[at + j];
      def.grads(pair, v[at + n + j], 0, local);
      gh[j] = local[0] !== 0 || !def.routes ? 0 + local[0] * gh[j] : 0;
    }
  }
}
