/**
 * A model's own forward pass on many points: the network is built once over a block of input slots
 * (leaves), traced with `compile()`, and replayed forward-only with the slots refilled, block after block.
 * The numbers are `model.forward(x)`'s bit for bit (same ops, same order), without a Value per point:
 * what colours a decision-boundary mesh (the CLI's plots, the playground's grid and neuron maps).
 *
 * Blocks, not one point per replay, because each replay re-reads every leaf, the parameters too. Measured
 * (Node 20, this 2-core machine, 2026-11-30): a 64 x 64 grid on MLP(2, [16, 16, 1]) replays in 33 ms one
 * point at a time and 11 ms in blocks of 16 to 204 points, the same for any block size in that range; a
 * bigger block only costs a longer compile (27 ms for 204 points, 8 ms for 64). Hence at most 64 points.
 */
import { type CompiledGraph, compile } from "../compile/index.js";
import { topoOrder } from "../engine/topo.js";
import { Value } from "../engine/value.js";
import { sumValues } from "../nn/losses.js";
import type { MLP } from "../nn/mlp.js";
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
  /** About how many Values the traced block may hold (default 200,000): sets the points per replay. */
  maxValues?: number;
  /** Most points per replay (default 64). */
  maxSlots?: number;
}

/** A model's forward pass compiled once for a block of points and replayed on as many as you like. */
export class CompiledForward {
  readonly model: MLP;
  /** Points per replay. */
  readonly slots: number;
  private readonly g: CompiledGraph;
  private readonly inputs: Value[][];
  private readonly slotIndex: ForwardSlot[];

  /** Compiles the model's forward for a block of points (it reads the parameters' `.data` at every run). */
  constructor(model: MLP, options: CompiledForwardOptions = {}) {
    const maxValues = options.maxValues ?? 200_000;
    const maxSlots = options.maxSlots ?? 64;
    this.model = model;
    const zeros = () => Array.from({ length: model.nin }, (_, j) => new Value(0, `x${j + 1}`));
    // one point's values, the parameters included (shared by the slots, so this overcounts a little)
    const perPoint = topoOrder(sumValues(model.forward(zeros()))).length;
    this.slots = Math.max(1, Math.min(maxSlots, Math.floor(maxValues / perPoint)));
    this.inputs = [];
    const hidden: Value[][] = [];
    const outs: Value[][] = [];
    for (let s = 0; s < this.slots; s++) {
      const x = zeros();
      const h: Value[] = [];
      let a: Value[] = x;
      model.layers.forEach((layer, l) => {
        a = layer.forward(a); // as MLP.forward does, keeping each hidden layer's outputs
        if (l < model.layers.length - 1) h.push(...a);
      });
      this.inputs.push(x);
      hidden.push(h);
      outs.push(a);
    }
    // every hidden neuron feeds the outputs, so all of them are in the traced graph
    this.g = compile(sumValues(outs.flat()));
    const g = this.g;
    this.slotIndex = outs.map((o, s) => ({
      out: o.map((v) => g.indexOf(v)),
      hidden: hidden[s].map((v) => g.indexOf(v)),
    }));
  }

  /**
   * Runs the model on `points` (nin numbers per point, one point after another): `visit(k, values, slot)`
   * gets point k's results in `values`, read at `slot.out` and `slot.hidden` (valid during the call).
   * @throws RangeError when the length is not a multiple of nin
   */
  run(points: ArrayLike<number>, visit: (k: number, values: Float64Array, slot: ForwardSlot) => void): void {
    const nin = this.model.nin;
    const n = this.count("run", points);
    for (let start = 0; start < n; start += this.slots) {
      const end = Math.min(n, start + this.slots);
      for (let k = start; k < end; k++) {
        const x = this.inputs[k - start];
        for (let j = 0; j < nin; j++) x[j].data = points[k * nin + j];
      }
      this.g.forward();
      for (let k = start; k < end; k++) visit(k, this.g.values, this.slotIndex[k - start]);
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
