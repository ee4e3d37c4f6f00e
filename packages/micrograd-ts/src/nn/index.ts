/** Neural networks: Module, Neuron, Layer, MLP, and the losses. */
export { ACTIVATIONS, type Activation } from "./activation.js";
export { defaultRng, type Init, type InitOptions } from "./init.js";
export { Layer } from "./layer.js";
export {
  type ClassTarget,
  type CrossEntropyOptions,
  crossEntropy,
  hingeLoss,
  l1,
  l2,
  type MseOptions,
  mseLoss,
  multiClassHinge,
  sumValues,
  svmLoss,
} from "./losses.js";
export { MLP, type MLPJSON, type MLPOptions } from "./mlp.js";
export { Module } from "./module.js";
export { type ForwardOptions, Neuron, type NeuronOptions } from "./neuron.js";
export { logSoftmax, softmax, softmaxNumbers } from "./softmax.js";
