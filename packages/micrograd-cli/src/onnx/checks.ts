/**
 * What every exporter refuses before it builds a graph: a weight the file cannot hold (not finite, or
 * beyond float32's range in a float32 file) and an op in the model's forward pass that the graph does not
 * reproduce (a custom op from defineOp, or any op a subclass's own forward adds).
 */

import type { Value } from "micrograd-ts";
import { getCustomOp, topoOrder } from "micrograd-ts";
import type { OnnxDType } from "./graph.js";

/** Throws a RangeError naming `what` unless `v` can be stored as `dtype`. */
export function checkWeight(where: string, what: string, v: number, dtype: OnnxDType): void {
  if (!Number.isFinite(v)) {
    throw new RangeError(`${where}: ${what} is ${v}; only finite parameters can be exported`);
  }
  if (dtype === "float32" && !Number.isFinite(Math.fround(v))) {
    throw new RangeError(`${where}: ${what} is ${v}, beyond float32's range (±3.4e38); export as float64`);
  }
}

/**
 * Walks the graph that made `outputs` (one forward pass on a probe input) and throws a TypeError naming
 * the first op not in `allowed` (`Value.op` names: "+", "*", "dot", "ReLU", "**-0.5", ...).
 * @param exportable what an exportable model computes, for the message
 */
export function checkForwardOps(
  where: string,
  outputs: readonly Value[],
  allowed: ReadonlySet<string>,
  exportable: string,
): void {
  const seen = new Set<Value>();
  for (const y of outputs) {
    for (const v of topoOrder(y)) {
      if (seen.has(v)) continue;
      seen.add(v);
      if (!allowed.has(v.op)) {
        const kind = getCustomOp(v.op) ? "the custom op" : "the op";
        throw new TypeError(
          `${where}: model.forward uses ${kind} "${v.op}", which has no ONNX export; an exportable ${exportable}`,
        );
      }
    }
  }
}

/**
 * `fromJSON(json)`, with its error re-thrown (same class) as "<where>: not an exportable <kind>: <reason>",
 * the loader's own "Kind.fromJSON(json): " prefix dropped.
 */
export function rebuild<T>(where: string, kind: string, json: unknown, fromJSON: (json: never) => T): T {
  try {
    return fromJSON(json as never);
  } catch (e) {
    const err = e as Error;
    const reason = err.message.replace(/^(new )?[\w.]+\([^)]*\): /, "");
    const message = `${where}: not an exportable ${kind}: ${reason}`;
    throw err instanceof RangeError ? new RangeError(message) : new TypeError(message);
  }
}
