export {
  AnomalyError,
  describeNode,
  detectAnomaly,
  isAnomalyDetectionEnabled,
  setDetectAnomaly,
} from "./anomaly.js";
export { BUILTIN_OP_NAMES, type CustomOp, defineOp, getCustomOp, type OpSpec } from "./custom.js";
export {
  checkOp,
  type GradcheckInput,
  type GradcheckOptions,
  type GradcheckResult,
  gradcheck,
  type OpCheckEntry,
  type OpCheckResult,
} from "./gradcheck.js";
export { type DotNode, type DotOptions, nodesToDot, toDot } from "./graphviz.js";
export { chainContributions, localGradients, localRules } from "./local.js";
export { ACTIVATION_OPS, OP_LIST, type OpDef, opByKey } from "./ops.js";
export { topoOrder } from "./topo.js";
export { Value } from "./value.js";
