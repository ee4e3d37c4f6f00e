/**
 * The training step and loop: a batch -> loss -> backward -> optimizer step, on the compiled engine (the
 * step as a tape of typed arrays built once from the model's shape, `tape.ts`; the batch graph of
 * `batch.ts`, fused and traced once, for a loss of your own or in anomaly mode) or the object engine (the
 * lecture's graph rebuilt every step, as micrograd does). `Trainer` takes one step at a time (the
 * playground steps it live); `train` is a loop over it with a progress callback (the CLI).
 */
import { type CompiledGraph, compile } from "../compile/index.js";
import { anomaly } from "../engine/anomaly.js";
import { topoOrder } from "../engine/topo.js";
import type { Value } from "../engine/value.js";
import type { MLP } from "../nn/mlp.js";
import type { Optimizer } from "../optim/optimizer.js";
import { describeArg } from "../util/describe-arg.js";
import { checkOptions, optionKeys } from "../util/options.js";
import {
  type BatchGraph,
  type BatchSpec,
  buildBatchGraph,
  checkExamples,
  checkWidth,
  fillBatch,
  penaltyOf,
  type Regularization,
} from "./batch.js";
import type { Engine } from "./engines.js";
import { TRAIN_LOSS_NAMES, type TrainLoss, type TrainLossName, trainLoss } from "./losses.js";
import { predictClass } from "./predict.js";
import { MLPTape, tapeRuns } from "./tape.js";

/** What a `Trainer` needs: the model, its optimizer, the loss and the engine. */
export interface TrainerOptions {
  model: MLP;
  optimizer: Optimizer;
  nClasses: number;
  /** A loss of the table by name (`TRAIN_LOSSES`), or a loss of your own with the same shape. */
  loss: TrainLossName | TrainLoss;
  /** L2 regularisation strength: alpha * sum(p * p) (micrograd's demo: 1e-4; 0 or absent: none). */
  alpha?: number;
  /** Or an L1 or L2 penalty with a rate (give this or a non-zero alpha, not both). */
  regularization?: Regularization;
  engine: Engine;
  /**
   * Slots of the compiled step graph when it must hold `examples` examples (default: exactly that many):
   * asked when the graph is first built and when a bigger batch outgrows it. Spare slots get weight 0, so
   * a training set that grows by a few points refills the graph instead of rebuilding it.
   */
  capacity?: (examples: number) => number;
  /** Examples per forward of the evaluation graph (default 64). */
  evaluationSlots?: number;
}

const TRAINER_OPTIONS = optionKeys<TrainerOptions>({
  model: true,
  optimizer: true,
  nClasses: true,
  loss: true,
  alpha: true,
  regularization: true,
  engine: true,
  capacity: true,
  evaluationSlots: true,
});

/** A compiled loss graph with its outputs' positions. */
interface Compiled {
  batch: BatchGraph;
  g: CompiledGraph;
  /** The data loss's position in `g.values`. */
  dataLoss: number;
  /** Each slot's output positions in `g.values`. */
  out: Int32Array[];
}

/** Loss and accuracy of the current parameters on a set of examples. */
export interface TrainScore {
  /** The mean data loss (no regularization). */
  loss: number;
  /** Fraction classified right, in [0, 1]. */
  accuracy: number;
}

/**
 * Training ran off to NaN or ±Infinity: the loss or a parameter's gradient is not finite, so no update is
 * made. Usually a learning rate far too large.
 */
export class DivergedError extends Error {
  /** The step where it happened. */
  readonly step: number;
  constructor(step: number, what: string) {
    super(`training diverged at step ${step}: ${what}`);
    this.name = "DivergedError";
    this.step = step;
  }
}

/** A loss of the caller's own: the functions `TrainLoss` names must be there. */
function checkLoss(loss: TrainLoss): TrainLoss {
  const ok =
    typeof loss === "object" &&
    loss !== null &&
    typeof loss.name === "string" &&
    ["outputs", "targets", "sample"].every(
      (f) => typeof (loss as unknown as Record<string, unknown>)[f] === "function",
    );
  if (!ok) {
    throw new TypeError(
      `Trainer: loss must be one of ${TRAIN_LOSS_NAMES.join(", ")} or an object with name, outputs(k), targets(c, k) and sample(out, t), got ${describeArg(loss)}`,
    );
  }
  return loss;
}

/** Throws `DivergedError` unless the loss and every gradient are finite. */
function checkFinite(step: number, loss: number, params: readonly Value[]): void {
  if (!Number.isFinite(loss)) throw new DivergedError(step, `the loss is ${loss}`);
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (!Number.isFinite(p.grad)) {
      throw new DivergedError(step, `parameter ${i}${p.label ? ` (${p.label})` : ""} has gradient ${p.grad}`);
    }
  }
}

function compileBatch(batch: BatchGraph, root: Value): Compiled {
  const g = compile(root);
  const out = batch.outputs.map((o) => Int32Array.from(o, (v) => g.indexOf(v)));
  return { batch, g, dataLoss: g.indexOf(batch.dataLoss), out };
}

/**
 * One model trained one step at a time: `step(x, classes)` fills a batch into the loss graph, runs
 * forward and backward and updates the parameters. On the compiled engine the graph is built and traced
 * once (again only when a batch outgrows it); on the object engine it is rebuilt every step.
 */
export class Trainer {
  readonly model: MLP;
  readonly optimizer: Optimizer;
  readonly loss: TrainLoss;
  readonly nClasses: number;
  readonly engine: Engine;
  /** The penalty added to the data loss (null: none). */
  readonly regularization: Regularization | null;
  /** Updates made so far. */
  steps = 0;
  /** The last step's loss (NaN before the first; the non-finite loss after a `DivergedError`). */
  lastLoss = Number.NaN;
  /** How many times the compiled step (tape or graph) was built. */
  builds = 0;
  private readonly params: Value[];
  private readonly capacity: (examples: number) => number;
  private readonly evaluationSlots: number;
  private compiled: Compiled | null = null;
  private evaluation: Compiled | null = null;
  /** Values of a one-example step graph, and how many each further example adds (`graphSize`). */
  private counts: { one: number; perExample: number } | null = null;
  private tape: MLPTape | null = null;
  private evaluationTape: MLPTape | null = null;
  /**
   * The last step's outputs: where they are in the compiled step graph (how many of its slots held
   * examples), or as numbers (the object engine's, or the compiled ones before `evaluate` reuses the graph).
   * The object engine's graph itself is not kept: holding it while the next one is built kept two graphs
   * alive and made the object engine's steps ~15% slower (more garbage collection).
   */
  private last: { compiled: Compiled | null; tape?: MLPTape; n: number; rows?: number[][] } | null = null;

  /** @throws RangeError for an unknown loss, a bad regularization or a model of the wrong width */
  constructor(o: TrainerOptions) {
    checkOptions("new Trainer(options)", o, TRAINER_OPTIONS);
    this.model = o.model;
    this.optimizer = o.optimizer;
    this.loss = typeof o.loss === "string" ? trainLoss(o.loss) : checkLoss(o.loss);
    this.nClasses = o.nClasses;
    this.engine = o.engine;
    this.regularization = penaltyOf("Trainer", o);
    this.params = o.model.parameters();
    this.capacity = o.capacity ?? ((n) => n);
    this.evaluationSlots = o.evaluationSlots ?? 64;
    checkWidth("Trainer", this); // now, not at the first step
  }

  /** The batch graph's spec for `capacity` slots, with or without the regularization. */
  spec(capacity: number, withRegularization = true): BatchSpec {
    const s: BatchSpec = { model: this.model, loss: this.loss, nClasses: this.nClasses, capacity };
    if (withRegularization && this.regularization) s.regularization = this.regularization;
    return s;
  }

  /**
   * True when the compiled engine's step runs on the tape: the table's losses, anomaly mode off (anomaly
   * reports name a graph's nodes, so that mode replays the traced graph).
   */
  private onTape(): boolean {
    return tapeRuns(this.loss) && !anomaly.enabled;
  }

  /** The step's tape, built (or rebuilt, bigger) when it cannot hold `examples` examples. */
  private stepTape(examples: number): MLPTape {
    if (!this.tape || this.tape.capacity < examples) {
      const capacity = Math.max(examples, this.capacity(examples));
      this.tape = new MLPTape(this.model, this.loss, this.nClasses, this.regularization, capacity);
      this.builds++;
    }
    return this.tape;
  }

  /** The compiled step graph (fused neurons), built (or rebuilt, bigger) when it cannot hold `examples` examples. */
  private stepGraph(examples: number): Compiled {
    if (!this.compiled || this.compiled.batch.inputs.length < examples) {
      const capacity = Math.max(examples, this.capacity(examples));
      const batch = buildBatchGraph({ ...this.spec(capacity), fused: true }, [], []);
      this.compiled = compileBatch(batch, batch.loss);
      this.builds++;
    }
    return this.compiled;
  }

  /**
   * Values in the loss graph of one step on `examples` examples, parameters included, on either engine:
   * real step graphs of one and two examples are built and counted once (each further example adds as
   * many Values as the second did), so nothing big is built. The CLI and the playground check sizes
   * with it before a run.
   */
  graphSize(examples: number): number {
    if (!Number.isInteger(examples) || examples < 1) {
      throw new RangeError(
        `Trainer.graphSize(examples): examples must be an integer >= 1, got ${describeArg(examples)}`,
      );
    }
    if (!this.counts) {
      const count = (k: number) => topoOrder(buildBatchGraph(this.spec(k), [], []).loss).length;
      const one = count(1);
      this.counts = { one, perExample: count(2) - one };
    }
    return this.counts.one + (examples - 1) * this.counts.perExample;
  }

  /**
   * Numbers one compiled step computes for batches of `examples` examples (its tape, or its graph's
   * Values; built now if needed); -1 on the object engine, which builds a new graph every step.
   */
  compiledSize(examples: number): number {
    if (this.engine !== "compiled") return -1;
    return this.onTape() ? this.stepTape(examples).size : this.stepGraph(examples).g.size;
  }

  /**
   * One step on the batch `x` / `classes`: loss, gradients, optimizer update. Returns the batch's loss
   * (before the update). `classes` are class indices 0..nClasses-1, whatever the loss (svm and mse with two
   * classes map them to targets -1/+1 themselves); `x` rows are nin finite numbers.
   * @throws RangeError naming the row (and column) of a bad class or input, before anything is computed;
   *   DivergedError, with no update made, when the loss or a gradient is not finite
   */
  step(x: readonly (readonly number[])[], classes: readonly number[]): number {
    if (x.length === 0) throw new RangeError("Trainer.step: no examples (x is empty)");
    if (classes.length !== x.length) {
      throw new RangeError(
        `Trainer.step: got ${x.length} inputs but ${classes.length} classes; they must match`,
      );
    }
    checkExamples("Trainer.step", x, classes, this.nClasses, this.model.nin);
    this.optimizer.zeroGrad();
    let loss: number;
    if (this.engine === "compiled" && this.onTape()) {
      const t = this.stepTape(x.length);
      t.fill(x, classes);
      loss = t.forwardLoss(true, true).loss;
      t.backward(true);
      this.last = { compiled: null, tape: t, n: x.length };
    } else if (this.engine === "compiled") {
      const c = this.stepGraph(x.length);
      fillBatch(c.batch, this.loss, this.nClasses, x, classes);
      loss = c.g.forward();
      c.g.backward();
      this.last = { compiled: c, n: x.length };
    } else {
      this.last = null; // the previous step's graph can go before this one is built
      const batch = buildBatchGraph(this.spec(x.length), x, classes);
      batch.loss.backward();
      loss = batch.loss.data;
      this.last = { compiled: null, n: x.length, rows: batch.outputs.map((o) => o.map((v) => v.data)) };
    }
    this.lastLoss = loss;
    checkFinite(this.steps, loss, this.params);
    this.optimizer.step();
    this.steps++;
    return loss;
  }

  /**
   * The loss `step(x, classes)` would return now (data loss plus the penalty), without computing
   * gradients or updating anything. The compiled engine runs its step's tape or graph forward (grown if
   * the batch outgrows it; `outputs()` still gives the last step's); the object engine builds the graph.
   * @throws RangeError for no examples or mismatched lengths
   */
  lossOf(x: readonly (readonly number[])[], classes: readonly number[]): number {
    if (x.length === 0) throw new RangeError("Trainer.lossOf: no examples (x is empty)");
    if (classes.length !== x.length) {
      throw new RangeError(
        `Trainer.lossOf: got ${x.length} inputs but ${classes.length} classes; they must match`,
      );
    }
    if (this.engine === "object") return buildBatchGraph(this.spec(x.length), x, classes).loss.data;
    const last = this.last;
    if (last && !last.rows) last.rows = this.outputs();
    if (this.onTape()) {
      const t = this.stepTape(x.length);
      t.fill(x, classes);
      return t.forwardLoss(false, true).loss;
    }
    const c = this.stepGraph(x.length);
    fillBatch(c.batch, this.loss, this.nClasses, x, classes);
    return c.g.forward();
  }

  /** The network's outputs on each example of the last step's batch (before that step's update). */
  outputs(): number[][] {
    const last = this.last;
    if (!last) return [];
    const t = last.tape;
    if (t && !last.rows) return Array.from({ length: last.n }, (_, s) => t.outputs(s));
    const c = last.compiled;
    if (last.rows || !c) return (last.rows ?? []).map((r) => [...r]);
    const values = c.g.values;
    return c.out.slice(0, last.n).map((idx) => {
      const row = new Array<number>(idx.length);
      for (let j = 0; j < idx.length; j++) row[j] = values[idx[j]];
      return row;
    });
  }

  /**
   * The data loss (no regularization) and accuracy of the current parameters on `x` / `classes`, in
   * blocks on one tape (or compiled graph, see `step`) run forward only: on the compiled engine the
   * step's once it exists (`outputs()` still gives the last step's), else one of `evaluationSlots`
   * examples (either engine). One block: the loss is the step's data loss, the same numbers as a step's;
   * more blocks: their sums added, divided by n.
   * @throws RangeError for no examples or mismatched lengths
   */
  evaluate(x: readonly (readonly number[])[], classes: readonly number[]): TrainScore {
    const n = x.length;
    if (n === 0) throw new RangeError("Trainer.evaluate: no examples (x is empty)");
    if (classes.length !== n) {
      throw new RangeError(
        `Trainer.evaluate: got ${n} inputs but ${classes.length} classes; they must match`,
      );
    }
    checkExamples("Trainer.evaluate", x, classes, this.nClasses, this.model.nin);
    if (this.onTape()) return this.evaluateOnTape(x, classes);
    const { batch, g, dataLoss, out } = this.evaluationGraph();
    const size = batch.inputs.length;
    const scores = new Array<number>(out[0].length);
    let total = 0;
    let right = 0;
    for (let start = 0; start < n; start += size) {
      const end = Math.min(n, start + size);
      fillBatch(batch, this.loss, this.nClasses, x.slice(start, end), classes.slice(start, end));
      if (n > size) batch.scale.data = 1; // a sum: the blocks are added up and divided by n at the end
      g.forward();
      total += g.values[dataLoss];
      for (let k = start; k < end; k++) {
        const idx = out[k - start];
        for (let j = 0; j < idx.length; j++) scores[j] = g.values[idx[j]];
        if (predictClass(scores) === classes[k]) right++;
      }
    }
    return { loss: n > size ? total / n : total, accuracy: right / n };
  }

  /** `evaluate` on a tape: the same blocks and sums as on a graph. */
  private evaluateOnTape(x: readonly (readonly number[])[], classes: readonly number[]): TrainScore {
    const n = x.length;
    const t = this.evaluationTapeNow();
    const size = t.capacity;
    const scores = new Array<number>(t.nOut);
    let total = 0;
    let right = 0;
    for (let start = 0; start < n; start += size) {
      const end = Math.min(n, start + size);
      t.fill(x.slice(start, end), classes.slice(start, end));
      if (n > size) t.setScale(1); // a sum: the blocks are added up and divided by n at the end
      total += t.forwardLoss(false, false).dataLoss;
      for (let k = start; k < end; k++) {
        const at = (k - start) * t.perSlot + t.outAt;
        for (let j = 0; j < scores.length; j++) scores[j] = t.values[at + j];
        if (predictClass(scores) === classes[k]) right++;
      }
    }
    return { loss: n > size ? total / n : total, accuracy: right / n };
  }

  /** The tape `evaluate` runs (see there); the last step's outputs are kept before the step's tape is reused. */
  private evaluationTapeNow(): MLPTape {
    if (this.engine === "compiled" && this.tape) {
      const last = this.last;
      if (last && last.tape === this.tape && !last.rows) last.rows = this.outputs();
      return this.tape;
    }
    if (!this.evaluationTape) {
      this.evaluationTape = new MLPTape(this.model, this.loss, this.nClasses, null, this.evaluationSlots);
    }
    return this.evaluationTape;
  }

  /** The graph `evaluate` runs (see there); the last step's outputs are kept before the step graph is reused. */
  private evaluationGraph(): Compiled {
    if (this.engine === "compiled" && this.compiled) {
      const last = this.last;
      if (last && last.compiled === this.compiled && !last.rows) last.rows = this.outputs();
      return this.compiled;
    }
    if (!this.evaluation) {
      const batch = buildBatchGraph({ ...this.spec(this.evaluationSlots, false), fused: true }, [], []);
      this.evaluation = compileBatch(batch, batch.dataLoss);
    }
    return this.evaluation;
  }
}

/** Everything a training run needs. */
export interface TrainOptions extends Omit<TrainerOptions, "capacity" | "evaluationSlots"> {
  /** Inputs, one row per example. */
  x: readonly (readonly number[])[];
  /** Class indices 0..nClasses-1. */
  classes: readonly number[];
  steps: number;
  /** Examples per step (`stepBatchSize`: 0 = all, the full batch). Batches are consecutive slices, cycling. */
  batchSize: number;
  /** Called after each step with the loss and accuracy of that step's batch (before the update). */
  onStep?: (step: number, loss: number, accuracy: number) => void;
}

/** A training run's history. */
export interface TrainResult {
  losses: number[];
  accuracies: number[];
  /** Accuracy of the trained model over all the data, in [0, 1]. */
  finalAccuracy: number;
  /** The `Trainer` that ran the steps (its `evaluate` and `lossOf` score the trained model). */
  trainer: Trainer;
}

/**
 * Examples per step for a batch size setting over `n` examples: `batchSize`, or all n when it is 0 (the
 * full batch) or n or more.
 */
export function stepBatchSize(batchSize: number, n: number): number {
  return batchSize > 0 && batchSize < n ? batchSize : n;
}

/** Runs `steps` steps of a `Trainer`. @throws DivergedError when the loss or a gradient stops being finite */
export function train(c: TrainOptions): TrainResult {
  checkOptions(
    "train(options)",
    c,
    optionKeys<TrainOptions>({
      model: true,
      optimizer: true,
      nClasses: true,
      loss: true,
      alpha: true,
      regularization: true,
      engine: true,
      x: true,
      classes: true,
      steps: true,
      batchSize: true,
      onStep: true,
    }),
  );
  const n = c.x.length;
  if (n === 0) throw new RangeError("train: no examples (x is empty)");
  if (c.classes.length !== n) {
    throw new RangeError(`train: got ${n} inputs but ${c.classes.length} classes; they must match`);
  }
  const { x: _x, classes: _classes, steps: _steps, batchSize: _batchSize, onStep: _onStep, ...options } = c;
  const trainer = new Trainer(options);
  const bs = stepBatchSize(c.batchSize, n);
  const nBatches = Math.ceil(n / bs);
  const losses: number[] = [];
  const accuracies: number[] = [];
  for (let step = 0; step < c.steps; step++) {
    const b = step % nBatches;
    const xs = c.x.slice(b * bs, b * bs + bs);
    const ys = c.classes.slice(b * bs, b * bs + bs);
    const loss = trainer.step(xs, ys);
    let right = 0;
    trainer.outputs().forEach((o, i) => {
      if (predictClass(o) === ys[i]) right++;
    });
    const acc = right / xs.length;
    losses.push(loss);
    accuracies.push(acc);
    c.onStep?.(step, loss, acc);
  }
  return { losses, accuracies, finalAccuracy: trainer.evaluate(c.x, c.classes).accuracy, trainer };
}
