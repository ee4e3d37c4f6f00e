/**
 * The two engines a training step runs on, for MLPs (`Trainer`) and microgpt alike: "object" builds the
 * graph of `Value`s anew every step and calls `backward()` (micrograd as the lecture writes it);
 * "compiled" traces the graph once into typed arrays and replays it with new inputs (`compile`).
 */
import { describeArg } from "../util/describe-arg.js";

/** The engines, the lecture's first. */
export const ENGINES = ["object", "compiled"] as const;

/** Which engine runs the steps: one of `ENGINES`. */
export type Engine = (typeof ENGINES)[number];

/** `engine`, checked to be one of `ENGINES`; `where` names the caller in the error. @internal */
export function checkEngine(where: string, engine: unknown): Engine {
  if (!(ENGINES as readonly unknown[]).includes(engine)) {
    throw new TypeError(`${where}: engine must be one of ${ENGINES.join(", ")}, got ${describeArg(engine)}`);
  }
  return engine as Engine;
}
