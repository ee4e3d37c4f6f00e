/**
 * `Neuron`: act = b + w0*x0 + w1*x1 + ..., then a nonlinearity (micrograd's nn.Neuron).
 */

import { Value } from "../engine/value.js";
import { describeArg } from "../util/describe-arg.js";
import { checkOptions, optionKeys } from "../util/options.js";
import { type Activation, activate, checkActivation, neuronKind } from "./activation.js";
import { checkSize, type InitOptions, resolveInit } from "./init.js";
import { Module } from "./module.js";
import { rsqrt } from "./rsqrt.js";

/** Options of `Neuron`. */
export interface NeuronOptions extends InitOptions {
  /** The nonlinearity (default "relu", micrograd's `nonlin=True`). */
  activation?: Activation;
  /** Prefix of the parameter labels ("w0", "w1", ..., "b" by default). */
  label?: string;
  /**
   * Build b + w·x as ONE `Value.dot(w, x, b)` node instead of the lecture's chain of 2·nin nodes: the same
   * numbers bit for bit, a graph ~2x smaller and faster to build (default false: the lecture's graph).
   */
  fused?: boolean;
}

/** Options of `forward` (`Neuron`, `Layer`, `MLP`). */
export interface ForwardOptions {
  /** Build b + w·x as one `Value.dot` node (true) or the lecture's chain (false); default: the model's `fused`. */
  fused?: boolean;
}

/** One neuron with `nin` weights and a bias. */
/** The keys of `NeuronOptions` (unknown keys throw). @internal */
export const NEURON_OPTIONS = optionKeys<NeuronOptions>({
  activation: true,
  label: true,
  fused: true,
  rng: true,
  seed: true,
  init: true,
});

export class Neuron extends Module {
  /** The weights, one per input. */
  readonly w: Value[];
  /** The bias (starts at 0). */
  readonly b: Value;
  /** The nonlinearity applied to b + w·x. */
  readonly activation: Activation;
  /** True when b + w·x is one dot node (see `NeuronOptions.fused`). */
  readonly fused: boolean;

  /**
   * @param nin number of inputs (an integer >= 1)
   * @param options activation (default "relu"), rng / seed / init for the weights: "micrograd"
   *   w ~ U(-1, 1) or "llm101n" w ~ U(-1, 1) * nin^-0.5; the bias starts at 0.
   */
  constructor(nin: number, options: NeuronOptions = {}) {
    super();
    checkSize("new Neuron(nin)", "nin", nin);
    checkOptions("new Neuron(nin, options)", options, NEURON_OPTIONS);
    this.activation = checkActivation("new Neuron(nin, options)", "activation", options.activation ?? "relu");
    const { rng, init } = resolveInit("new Neuron(nin, options)", options);
    this.fused = options.fused === true;
    const scale = init === "llm101n" ? rsqrt(nin) : 1; // correctly rounded, as Python's nin ** -0.5
    const prefix = options.label ?? "";
    this.w = new Array<Value>(nin);
    for (let i = 0; i < nin; i++) {
      const u = rng.uniform(-1, 1);
      this.w[i] = new Value(init === "llm101n" ? u * scale : u, `${prefix}w${i}`);
    }
    this.b = new Value(0, `${prefix}b`);
  }

  /**
   * The neuron's output for input `x` (length nin): activation(b + w0*x0 + w1*x1 + ...), as one dot node
   * or the lecture's chain (`options.fused`, default the neuron's `fused`; the same numbers either way).
   */
  forward(x: readonly (Value | number)[], options: ForwardOptions = {}): Value {
    const w = this.w;
    checkShape("Neuron.forward(x)", x, w.length);
    try {
      if (options.fused ?? this.fused) return activate(Value.dot(w, x, this.b), this.activation);
      let act = this.b;
      for (let i = 0; i < w.length; i++) act = act.add(w[i].mul(x[i]));
      return activate(act, this.activation);
    } catch (err) {
      checkInput("Neuron.forward(x)", x, w.length); // a bad element: say which, in the neuron's terms
      throw err;
    }
  }

  /** The weights then the bias: [w0, ..., w_{nin-1}, b]. */
  override parameters(): Value[] {
    return [...this.w, this.b];
  }

  /** micrograd's repr: `ReLUNeuron(2)`, `LinearNeuron(16)`, `TanhNeuron(3)`, `SigmoidNeuron(1)`. */
  override toString(): string {
    return `${neuronKind(this.activation)}Neuron(${this.w.length})`;
  }
}

/**
 * Throws a TypeError unless `x` is an array of `nin` elements (cheap: per-neuron calls use it, and find a
 * bad element when the graph build fails on it). @internal
 */
export function checkShape(where: string, x: unknown, nin: number): asserts x is unknown[] {
  if (!Array.isArray(x)) {
    throw new TypeError(`${where}: x must be an array of ${nin} Values or numbers, got ${describeArg(x)}`);
  }
  if (x.length !== nin) {
    throw new TypeError(`${where}: x must have length ${nin} (the number of inputs), got length ${x.length}`);
  }
}

/** Throws a TypeError unless `x` is an array of `nin` Values or finite numbers. @internal */
export function checkInput(where: string, x: unknown, nin: number): void {
  checkShape(where, x, nin);
  for (let i = 0; i < x.length; i++) {
    const v: unknown = x[i];
    if (!(v instanceof Value) && typeof v !== "number") {
      throw new TypeError(`${where}: x[${i}] must be a Value or a number, got ${describeArg(v)}`);
    }
  }
}
