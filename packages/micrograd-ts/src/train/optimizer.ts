/** The optimizer a training run names: one factory for the CLI and the playground. */
import type { Value } from "../engine/value.js";
import { Adam, AdamW } from "../optim/adam.js";
import type { LearningRate, Optimizer } from "../optim/optimizer.js";
import { SGD } from "../optim/sgd.js";
import { describeArg } from "../util/describe-arg.js";

/** The optimizers a training run can name. */
export const OPTIMIZER_NAMES = ["sgd", "adam", "adamw"] as const;
/** "sgd", "adam" or "adamw". */
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/**
 * A new optimizer over `params`: SGD, Adam or AdamW with learning rate `lr` (a number or a schedule) and
 * their default other settings. @throws RangeError for an unknown name
 */
export function makeOptimizer(name: OptimizerName, params: readonly Value[], lr: LearningRate): Optimizer {
  if (name === "sgd") return new SGD(params, { lr });
  if (name === "adam") return new Adam(params, { lr });
  if (name === "adamw") return new AdamW(params, { lr });
  throw new RangeError(
    `makeOptimizer(name, params, lr): expected one of ${OPTIMIZER_NAMES.join(", ")}, got ${describeArg(name)}`,
  );
}
