/**
 * The nonlinearities a neuron can apply, by name.
 */
import { describeArg, type Value } from "../engine/value.js";

/** A neuron's nonlinearity. "linear" means none. */
export type Activation = "relu" | "tanh" | "sigmoid" | "linear";

/** The names `Activation` allows. */
export const ACTIVATIONS: readonly Activation[] = ["relu", "tanh", "sigmoid", "linear"];

/** Throws a TypeError unless `a` is one of `ACTIVATIONS`. @internal */
export function checkActivation(where: string, name: string, a: unknown): Activation {
  if (typeof a !== "string" || !(ACTIVATIONS as readonly string[]).includes(a)) {
    throw new TypeError(`${where}: ${name} must be one of ${ACTIVATIONS.join(", ")}, got ${describeArg(a)}`);
  }
  return a as Activation;
}

/** Applies the activation to a neuron's sum. @internal */
export function activate(act: Value, activation: Activation): Value {
  switch (activation) {
    case "relu":
      return act.relu();
    case "tanh":
      return act.tanh();
    case "sigmoid":
      return act.sigmoid();
    default:
      return act;
  }
}

/** The neuron name used in `toString()`, as micrograd's repr ("ReLUNeuron", "LinearNeuron", ...). @internal */
export function neuronKind(activation: Activation): string {
  switch (activation) {
    case "relu":
      return "ReLU";
    case "tanh":
      return "Tanh";
    case "sigmoid":
      return "Sigmoid";
    default:
      return "Linear";
  }
}
