/** Runnable examples: micrograd's moons demo and the LLM101n yin-yang run. */
export { runMoonsDemoCompiled } from "./moons-compiled.js";
export {
  accuracyFromScores,
  buildMoonsDemoLoss,
  type MoonsDemoOptions,
  type MoonsDemoResult,
  runMoonsDemo,
} from "./moons-demo.js";
export {
  LLM101N_CROSS_ENTROPY,
  meanCrossEntropy,
  runYinYang,
  type YinYangRunOptions,
  type YinYangRunResult,
} from "./yinyang-run.js";
