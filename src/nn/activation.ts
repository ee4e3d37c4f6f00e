/**
 * The nonlinearities a neuron can apply, by name: the ops the engine's table marks as activations
 * (relu, tanh, sigmoid), plus "linear" (none).
 */
import { ACTIVATION_OPS, opByKey } from "../engine/ops.js";
import type { Value } from "../engine/value.js";
import { describeArg } from "../util/describe-arg.js";

/** A neuron's nonlinearity. "linear" means none. */
export type Activation = "relu" | "tanh" | "sigmoid" | "linear";

/** The names `Activation` allows: the table's activation ops, then "linear". */
export const ACTIVATIONS: readonly Activation[] = [
  ...ACTIVATION_OPS.map((d) => d.key as Activation),
  "linear",
];

/** Throws a TypeError unless `a` is one of `ACTIVATIONS`. @internal */
export function checkActivation(where: string, name: string, a: unknown): Activation {
  if (typeof a !== "string" || !(ACTIVATIONS as readonly string[]).includes(a)) {
    throw new TypeError(`${where}: ${name} must be one of ${ACTIVATIONS.join(", ")}, got ${describeArg(a)}`);
  }
  return a as Activation;
}

/** Applies the activation to a neuron's sum (the Value method of the same name). @internal */
export function activate(act: Value, activation: Activation): Value {
  return activation === "linear" ? act : act[activation]();
}

/** The neuron name used in `toString()`, as micrograd's repr ("ReLUNeuron", "LinearNeuron", ...). @internal */
export function neuronKind(activation: Activation): string {
  if (activation === "linear") return "Linear";
  const name = opByKey(activation)?.name ?? activation;
  return name[0]?.toUpperCase() + name.slice(1);
}
