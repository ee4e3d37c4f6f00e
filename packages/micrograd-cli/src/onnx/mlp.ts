/**
 * An `MLP` as an ONNX graph: per layer one Gemm (x · Wᵀ + b, W stored neuron by neuron as the MLP holds
 * it) and the layer's activation (Relu, Tanh, Sigmoid, or nothing for "linear"). Input "x" is
 * [batch, nin], output "y" is [batch, nouts.at(-1)], so one run scores many points.
 */
import { MLP, type MLPJSON, type Neuron, Value } from "micrograd-ts";
import { describeArg } from "../util/describe-arg.js";
import { checkForwardOps, checkWeight, rebuild } from "./checks.js";
import { type OnnxDType, OnnxGraph } from "./graph.js";

/**
 * The ONNX op of each activation this exporter knows; "linear" is none. An activation the engine's op
 * table gains later is refused by name until it is added here (test/onnx checks every ACTIVATIONS entry).
 */
const ONNX_ACTIVATION_OP: Readonly<Record<string, string | null>> = {
  relu: "Relu",
  tanh: "Tanh",
  sigmoid: "Sigmoid",
  linear: null,
};

/**
 * The ops `MLP.forward` builds from: b + w·x as + and * (or one fused "dot" node) and the activations.
 * Anything else is not exportable.
 */
const FORWARD_OPS = new Set(["", "+", "*", "dot", "ReLU", "tanh", "sigmoid"]);

/** The MLP inside `model`: the model itself, or one rebuilt from its JSON (checked by `MLP.fromJSON`). */
export function asMLP(where: string, model: MLP | MLPJSON): MLP {
  return model instanceof MLP ? model : rebuild(where, "MLP", model, (j: MLPJSON) => MLP.fromJSON(j));
}

/**
 * `model` as an ONNX graph that computes `model.forward` row by row. First refuses what the graph could
 * not reproduce: an activation with no ONNX op, a custom op in the forward pass, a non-finite weight.
 */
export function mlpGraph(where: string, model: MLP, dtype: OnnxDType): { graph: OnnxGraph; doc: string } {
  const acts = layerActivations(where, model);
  checkMLPOps(where, model);
  const g = new OnnxGraph();
  let h = g.input("x", dtype, ["batch", model.nin], `inputs, one row per point (${model.nin} per row)`);
  const last = model.layers.length - 1;
  model.layers.forEach((layer, i) => {
    const neurons = layer.neurons as Neuron[];
    const fanIn = neurons[0].w.length;
    const weights = neurons.flatMap((n) => n.w.map((w) => w.data));
    const biases = neurons.map((n) => n.b.data);
    weights.forEach((v, k) => {
      checkWeight(where, `layer ${i} neuron ${Math.floor(k / fanIn)} weight ${k % fanIn}`, v, dtype);
    });
    biases.forEach((v, j) => {
      checkWeight(where, `layer ${i} neuron ${j} bias`, v, dtype);
    });
    const W = g.initializer(`layers.${i}.weight`, dtype, [neurons.length, fanIn], weights);
    const b = g.initializer(`layers.${i}.bias`, dtype, [neurons.length], biases);
    const op = ONNX_ACTIVATION_OP[acts[i]] ?? null;
    const sum = i === last && op === null ? "y" : `layers.${i}.sum`;
    h = g.node("Gemm", [h, W, b], sum, `layers.${i}.gemm`, { transB: { int: 1 } });
    if (op) h = g.node(op, [h], i === last ? "y" : `layers.${i}.out`, `layers.${i}.${acts[i]}`);
  });
  g.output("y", dtype, ["batch", model.nouts[last]], "outputs, one row per point");
  const hidden = last > 0 ? `${model.activation} hidden layers, ` : "";
  const shape = `${model.signature()}, ${hidden}${model.outputActivation} output`;
  return { graph: g, doc: `${shape}: y = model.forward(x) for each row x of the batch` };
}

/** Each layer's activation; every neuron of a layer must share one this exporter knows. */
function layerActivations(where: string, model: MLP): string[] {
  return model.layers.map((layer, i) => {
    const first = layer.neurons[0].activation as string;
    layer.neurons.forEach((n, j) => {
      const a = n.activation as string;
      if (!Object.hasOwn(ONNX_ACTIVATION_OP, a)) {
        throw new TypeError(
          `${where}: layer ${i} neuron ${j} has the activation ${describeArg(a)}, which has no ONNX export; supported: ${Object.keys(ONNX_ACTIVATION_OP).join(", ")}`,
        );
      }
      if (a !== first) {
        throw new TypeError(
          `${where}: layer ${i} mixes activations ("${first}" and "${a}" at neuron ${j}); ONNX export needs one activation per layer`,
        );
      }
    });
    return first;
  });
}

/** Runs `model.forward` once on a probe input and refuses any op the Gemm + activation graph lacks. */
function checkMLPOps(where: string, model: MLP): void {
  const x = Array.from({ length: model.nin }, () => new Value(0.5));
  let out: Value[];
  try {
    out = model.forward(x);
  } catch (e) {
    throw new TypeError(`${where}: model.forward failed on a probe input: ${(e as Error).message}`);
  }
  const acts = Object.keys(ONNX_ACTIVATION_OP).join(", ");
  checkForwardOps(where, out, FORWARD_OPS, `MLP computes only Gemm (+, *) and ${acts}`);
}
