/**
 * An MLP's forward pass over slots of typed arrays: slot s holds one input, then per layer each neuron's
 * sum (one dot product, b + w0*x0 + w1*x1 + … left to right: the fused neuron) and its activation. The
 * numbers are `model.forward`'s bit for bit; no `Value` per node. The training step's tape (`MLPTape`)
 * and `CompiledForward` build on it.
 */
import { type OpDef, opByKey, RELU } from "../engine/ops.js";
import type { Value } from "../engine/value.js";
import type { MLP } from "../nn/mlp.js";
import { describeArg } from "../util/describe-arg.js";

/** The forward pass of `model` on `capacity` slots (see the file's doc). @internal */
export class NetTape {
  readonly capacity: number;
  /** Numbers per slot in `values`: nin inputs, then per layer its sums and its activations. */
  readonly perSlot: number;
  /** The slots' numbers after `forward` (see the class). */
  readonly values: Float64Array;
  /** Where layer l's sums start in a slot (its activations follow them); the last layer's are the outputs. */
  readonly sumAt: Int32Array;
  /** The outputs' offset in a slot. */
  readonly outAt: number;
  readonly nOut: number;
  /** The layer sizes [nin, ...nouts]. */
  readonly sizes: Int32Array;
  /** Each layer's activation op in the table (null: linear). */
  readonly actDef: (OpDef | null)[];
  /** Where layer l's parameters start in `w`: neuron by neuron, its weights then its bias. */
  readonly paramAt: Int32Array;
  /** The parameters' numbers (`parameters()` order), read by `readParams`. */
  readonly w: Float64Array;
  protected readonly params: readonly Value[];

  constructor(
    readonly model: MLP,
    capacity: number,
  ) {
    this.capacity = capacity;
    this.params = model.parameters();
    const sizes = [model.nin, ...model.nouts];
    const L = model.nouts.length;
    this.sizes = Int32Array.from(sizes);
    this.actDef = model.layers.map((_, l) => {
      const a = l === L - 1 ? model.outputActivation : model.activation;
      return a === "linear" ? null : (opByKey(a) ?? null);
    });
    this.sumAt = new Int32Array(L);
    this.paramAt = new Int32Array(L);
    let at = model.nin;
    let p = 0;
    for (let l = 0; l < L; l++) {
      this.sumAt[l] = at;
      this.paramAt[l] = p;
      at += 2 * sizes[l + 1];
      p += sizes[l + 1] * (sizes[l] + 1);
    }
    this.perSlot = at;
    this.nOut = sizes[L];
    this.outAt = this.sumAt[L - 1] + this.nOut;
    this.values = new Float64Array(capacity * at);
    this.w = new Float64Array(p);
  }

  /** The forward pass of slots 0 .. count - 1 (inputs already in place, parameters read). */
  forward(count: number): void {
    const last = count - 1;
    for (let s = 0; s <= last; s += 4) {
      this.forwardSlots(s, Math.min(s + 1, last), Math.min(s + 2, last), Math.min(s + 3, last));
    }
  }

  /** Copies the parameters' `.data` into the tape. */
  readParams(where: string): void {
    const ps = this.params;
    const w = this.w;
    for (let i = 0; i < ps.length; i++) {
      const d = ps[i].data;
      if (typeof d !== "number") {
        const name = ps[i].label ? `parameter "${ps[i].label}"` : `parameter #${i}`;
        throw new TypeError(
          `${where}: ${name} has .data = ${describeArg(d)}; a parameter's .data must be a number`,
        );
      }
      w[i] = d;
    }
  }

  /**
   * The sums and activations of slots s0..s3, layer by layer: the dot node's and the activation's
   * expressions, each slot's sum added in its own order. Four slots at a time: four independent chains of
   * additions keep the processor's adders busy (one chain waits for each addition to finish). Fewer than
   * four slots left: pass the last one again (computed twice, the same numbers written twice).
   */
  private forwardSlots(s0: number, s1: number, s2: number, s3: number): void {
    const v = this.values;
    const w = this.w;
    const sizes = this.sizes;
    const per = this.perSlot;
    const b0 = s0 * per;
    const b1 = s1 * per;
    const b2 = s2 * per;
    const b3 = s3 * per;
    let xAt = 0;
    for (let l = 0; l < this.actDef.length; l++) {
      const nIn = sizes[l];
      const nOut = sizes[l + 1];
      const zAt = this.sumAt[l];
      let p = this.paramAt[l];
      for (let j = 0; j < nOut; j++) {
        const z = zAt + j;
        dot4(w, p, nIn, v, b0 + xAt, b1 + xAt, b2 + xAt, b3 + xAt, b0 + z, b1 + z, b2 + z, b3 + z);
        p += nIn + 1;
      }
      const def = this.actDef[l];
      activateForward(def, v, b0 + zAt, nOut);
      if (s1 !== s0) activateForward(def, v, b1 + zAt, nOut);
      if (s2 !== s1) activateForward(def, v, b2 + zAt, nOut);
      if (s3 !== s2) activateForward(def, v, b3 + zAt, nOut);
      xAt = zAt + nOut;
    }
  }
}

/**
 * One neuron's sum on four inputs: b + w0*x0 + w1*x1 + … left to right (weights w[p..p+n-1], bias
 * w[p+n]) on v[x0..], v[x1..], v[x2..], v[x3..], written to v[z0], v[z1], v[z2], v[z3]. Four independent
 * chains of additions (one chain waits for each addition to finish).
 */
function dot4(
  w: Float64Array,
  p: number,
  n: number,
  v: Float64Array,
  x0: number,
  x1: number,
  x2: number,
  x3: number,
  z0: number,
  z1: number,
  z2: number,
  z3: number,
): void {
  const bias = w[p + n];
  let a0 = bias;
  let a1 = bias;
  let a2 = bias;
  let a3 = bias;
  for (let i = 0; i < n; i++) {
    const wi = w[p + i];
    a0 += wi * v[x0 + i];
    a1 += wi * v[x1 + i];
    a2 += wi * v[x2 + i];
    a3 += wi * v[x3 + i];
  }
  v[z0] = a0;
  v[z1] = a1;
  v[z2] = a2;
  v[z3] = a3;
}

/** The input of one activation node, for the table's forward. */
const pair = new Float64Array(2);

/**
 * Activations of n sums at `v[at]` into `v[at + n]`: relu inlined (as the interpreter does), tanh and
 * sigmoid by the ops table's forward, linear a copy (the same node).
 */
function activateForward(def: OpDef | null, v: Float64Array, at: number, n: number): void {
  if (def === null) {
    for (let j = 0; j < n; j++) v[at + n + j] = v[at + j];
  } else if (def.code === RELU) {
    for (let j = 0; j < n; j++) v[at + n + j] = Math.max(0, v[at + j]);
  } else {
    for (let j = 0; j < n; j++) {
      pair[0] = v[at + j];
      v[at + n + j] = def.forward(pair, 0);
    }
  }
}
