/** Training: the losses with their targets, the optimizer factory, the batch graph and the loop. */
export { type BatchGraph, type BatchSpec, buildBatchGraph, fillBatch, type Regularization } from "./batch.js";
export { ENGINES, type Engine } from "./engines.js";
export { CompiledForward, type CompiledForwardOptions, type ForwardSlot } from "./forward.js";
export { TRAIN_LOSS_NAMES, TRAIN_LOSSES, type TrainLoss, type TrainLossName, trainLoss } from "./losses.js";
export {
  checkModelInfo,
  type ModelFile,
  type ModelInfo,
  modelFile,
  parseModelFile,
  serializeModelFile,
} from "./model-file.js";
export { makeOptimizer, OPTIMIZER_NAMES, type OptimizerName } from "./optimizer.js";
export { confusionMatrix, predictClass } from "./predict.js";
export {
  DivergedError,
  stepBatchSize,
  Trainer,
  type TrainerOptions,
  type TrainOptions,
  type TrainResult,
  type TrainScore,
  train,
} from "./trainer.js";
