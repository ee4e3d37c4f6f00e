/** Optimizers: SGD (with momentum and schedules), Adam, AdamW. */
export { Adam, type AdamOptions, AdamW } from "./adam.js";
export { type LearningRate, Optimizer } from "./optimizer.js";
export { SGD, type SGDOptions } from "./sgd.js";
