/** microgpt (Karpathy, 2026) on this engine: PyRandom-seeded runs that reproduce microgpt.py loss for loss. */
export { MicroGptAdam, type MicroGptAdamOptions } from "./adam.js";
export { CompiledDocumentLoss } from "./compiled.js";
export { type GptConfig, MICROGPT_CONFIG, resolveConfig, stateDictShapes } from "./config.js";
export { CompiledMicroGptInference } from "./inference.js";
export type { MicroGptJSON } from "./json.js";
export { documentLoss } from "./loss.js";
export { INIT_STD, type KvCache, type Matrix, MicroGpt } from "./model.js";
export { type SampleOptions, sampleMicroGpt } from "./sample.js";
export { CharTokenizer, splitDocs } from "./tokenizer.js";
export {
  type MicroGptOptions,
  type MicroGptRun,
  type MicroGptStep,
  MicroGptTrainer,
  trainMicroGpt,
} from "./train.js";
