/**
 * A model's own forward pass on many points, block after block of input slots on typed arrays (the
 * network tape, `net-tape.ts`: each neuron one dot product, no `Value` per point or node). The numbers are
 * `model.forward(x)`'s bit for bit (same ops, same order): what colours a decision-boundary mesh (the
 * CLI's plots, the playground's grid and neuron maps).
 */
import type { MLP } from "../nn/mlp.js";
import { checkOptions, optionKeys } from "../util/options.js";
import { NetTape } from "./net-tape.js";
import { predictClass } from "./predict.js";

/** Where one slot's results are in the replayed values. */
export interface ForwardSlot {
  /** The outputs' positions. */
  readonly out: readonly number[];
  /** Every hidden neuron's output position, layer after layer (the last layer's are in `out`). */
  readonly hidden: readonly number[];
}

/** Options of `CompiledForward`. */
export interface CompiledForwardOptions {
  /** About how many numbers a block of points may hold (default 200,000): sets the points per block. */
  maxValues?: number;
  /** Most points per block (default 64). */
  maxSlots?: number;
}

/** A model's forward pass on typed arrays, built once for a block of points and run on as many as you like. */
export class CompiledForward {
  readonly model: MLP;
  /** Points per block. */
  readonly slots: number;
  private readonly tape: NetTape;
  private readonly slotIndex: ForwardSlot[];

  /** Lays out the model's forward for a block of points (it reads the parameters' `.data` at every run). */
  constructor(model: MLP, options: CompiledForwardOptions = {}) {
    checkOptions(
      "new CompiledForward(model, options)",
      options,
      optionKeys<CompiledForwardOptions>({ maxValues: true, maxSlots: true }),
    );
    const maxValues = options.maxValues ?? 200_000;
    const maxSlots = options.maxSlots ?? 64;
    this.model = model;
    const perPoint = new NetTape(model, 0).perSlot;
    this.slots = Math.max(1, Math.min(maxSlots, Math.floor(maxValues / perPoint)));
    const t = new NetTape(model, this.slots);
    this.tape = t;
    const L = model.nouts.length;
    this.slotIndex = Array.from({ length: this.slots }, (_, s) => {
      const at = s * t.perSlot;
      const hidden: number[] = [];
      for (let l = 0; l < L - 1; l++) {
        const n = t.sizes[l + 1];
        for (let j = 0; j < n; j++) hidden.push(at + t.sumAt[l] + n + j); // the activations
      }
      return { out: Array.from({ length: t.nOut }, (_, j) => at + t.outAt + j), hidden };
    });
  }

  /**
   * Runs the model on `points` (nin numbers per point, one point after another): `visit(k, values, slot)`
   * gets point k's results in `values`, read at `slot.out` and `slot.hidden` (valid during the call).
   * @throws RangeError when the length is not a multiple of nin
   * @throws TypeError if a parameter's `.data` is not a number
   */
  run(points: ArrayLike<number>, visit: (k: number, values: Float64Array, slot: ForwardSlot) => void): void {
    const nin = this.model.nin;
    const n = this.count("run", points);
    const t = this.tape;
    const v = t.values;
    t.readParams("CompiledForward.run");
    for (let start = 0; start < n; start += this.slots) {
      const end = Math.min(n, start + this.slots);
      for (let k = start; k < end; k++) {
        const at = (k - start) * t.perSlot;
        for (let j = 0; j < nin; j++) v[at + j] = points[k * nin + j];
      }
      t.forward(end - start);
      for (let k = start; k < end; k++) visit(k, v, this.slotIndex[k - start]);
    }
  }

  /** The outputs at `points` (nin numbers per point): nout numbers per point, one point after another. */
  outputs(points: ArrayLike<number>): Float64Array {
    const nout = this.model.nouts[this.model.nouts.length - 1];
    const result = new Float64Array(this.count("outputs", points) * nout);
    this.run(points, (k, values, slot) => {
      for (let j = 0; j < nout; j++) result[k * nout + j] = values[slot.out[j]];
    });
    return result;
  }

  /** The predicted class at each of `points` (nin numbers per point): `predictClass` of its outputs. */
  classes(points: ArrayLike<number>): number[] {
    const out = this.outputs(points);
    const nout = this.model.nouts[this.model.nouts.length - 1];
    const result = new Array<number>(out.length / nout);
    for (let k = 0; k < result.length; k++) result[k] = predictClass(out.subarray(k * nout, k * nout + nout));
    return result;
  }

  /** The number of points in `points`. @throws RangeError when its length is not a multiple of nin */
  private count(method: string, points: ArrayLike<number>): number {
    const nin = this.model.nin;
    if (points?.length === undefined || points.length % nin !== 0) {
      throw new RangeError(
        `CompiledForward.${method}(points): expected ${nin} numbers per point, one point after another; got ${points?.length} numbers`,
      );
    }
    return points.length / nin;
  }
}
