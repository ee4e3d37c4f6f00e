/**
 * `Layer`: `nout` neurons reading the same inputs (micrograd's nn.Layer).
 */
import type { Value } from "../engine/value.js";
import { checkOptions } from "../util/options.js";
import { checkSize, resolveInit } from "./init.js";
import { Module } from "./module.js";
import { checkShape, type ForwardOptions, NEURON_OPTIONS, Neuron, type NeuronOptions } from "./neuron.js";

/** A layer of `nout` neurons with `nin` inputs each. */
export class Layer extends Module {
  /** The neurons, in output order. */
  readonly neurons: Neuron[];

  /**
   * @param nin inputs per neuron (integer >= 1)
   * @param nout number of neurons (integer >= 1)
   * @param options passed to every `Neuron` (activation, rng / seed / init; `label` prefixes "n<j>.")
   */
  constructor(nin: number, nout: number, options: NeuronOptions = {}) {
    super();
    checkSize("new Layer(nin, nout)", "nin", nin);
    checkSize("new Layer(nin, nout)", "nout", nout);
    checkOptions("new Layer(nin, nout, options)", options, NEURON_OPTIONS);
    // resolve a seed once, so every neuron draws from the same generator
    const shared: NeuronOptions = { ...options, ...resolveInit("new Layer(nin, nout, options)", options) };
    const prefix = options.label ?? "";
    this.neurons = [];
    for (let j = 0; j < nout; j++)
      this.neurons.push(new Neuron(nin, { ...shared, label: `${prefix}n${j}.` }));
  }

  /** The outputs of every neuron for input `x` (length nin), through each neuron's `forward` (same options). */
  forward(x: readonly (Value | number)[], options: ForwardOptions = {}): Value[] {
    checkShape("Layer.forward(x)", x, this.neurons[0].w.length); // elements: each neuron
    return this.neurons.map((n) => n.forward(x, options));
  }

  /** Every neuron's parameters, neuron by neuron (micrograd: `[p for n in self.neurons for p in n.parameters()]`). */
  override parameters(): Value[] {
    return this.neurons.flatMap((n) => n.parameters());
  }

  /** micrograd's repr: `Layer of [ReLUNeuron(2), ReLUNeuron(2)]`. */
  override toString(): string {
    return `Layer of [${this.neurons.join(", ")}]`;
  }
}
