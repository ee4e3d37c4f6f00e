/**
 * Anomaly detection, like torch.autograd.set_detect_anomaly: while enabled, the first op whose forward
 * value or backward gradient is NaN or ±Infinity throws an `AnomalyError` naming the op, the node and its
 * inputs. Off by default; when off the engine pays one boolean test per node.
 */
import type { Value } from "./value.js";

/** The switch the engine reads. Use `setDetectAnomaly` / `detectAnomaly` to change it. @internal */
export const anomaly = { enabled: false };

/** Thrown in anomaly mode when an op produces NaN or ±Infinity. */
export class AnomalyError extends Error {
  /** "forward" if the op's value was bad, "backward" if a gradient was. */
  readonly phase: "forward" | "backward";
  /** The op's name (`value.op`). */
  readonly op: string;
  /** The node whose forward value, or whose backward step, was bad. */
  readonly node: Value;

  constructor(message: string, phase: "forward" | "backward", op: string, node: Value) {
    super(message);
    this.name = "AnomalyError";
    this.phase = phase;
    this.op = op;
    this.node = node;
  }
}

/** Turns anomaly detection on or off globally; returns the previous setting. */
export function setDetectAnomaly(enabled: boolean): boolean {
  const before = anomaly.enabled;
  anomaly.enabled = enabled;
  return before;
}

/** True while anomaly detection is on. */
export function isAnomalyDetectionEnabled(): boolean {
  return anomaly.enabled;
}

/** Runs `fn` with anomaly detection on, restoring the previous setting afterwards (even if it throws). */
export function detectAnomaly<T>(fn: () => T): T {
  const before = setDetectAnomaly(true);
  try {
    return fn();
  } finally {
    setDetectAnomaly(before);
  }
}

/**
 * A readable name for a node: its label, or (if unlabeled) a path built from its op and its parents'
 * names, e.g. `log(mul(a, b))`, cut off a few levels down.
 */
export function describeNode(v: Value, depth = 3): string {
  if (v.label) return `"${v.label}"`;
  if (v.op === "") return `leaf(${v.data})`;
  if (depth === 0) return `${v.op}(…)`;
  return `${v.op}(${v.prev.map((p) => describeNode(p, depth - 1)).join(", ")})`;
}

function inputsText(v: Value): string {
  const parts = v.prev.map((p) => `${describeNode(p, 1)} = ${p.data}`);
  return parts.length ? parts.join(", ") : "none";
}

/** Forward check for one freshly made node (also used by the compiled path). @internal */
export function checkForward(v: Value): void {
  if (Number.isFinite(v.data)) return;
  throw new AnomalyError(
    `anomaly in forward: op "${v.op}" produced ${v.data} at node ${describeNode(v)}; inputs: ${inputsText(v)}`,
    "forward",
    v.op,
    v,
  );
}

/** Backward check after `v._backward()`: every parent's gradient must be finite. @internal */
export function checkBackward(v: Value): void {
  for (const p of v.prev) {
    if (Number.isFinite(p.grad)) continue;
    throw new AnomalyError(
      `anomaly in backward: op "${v.op}" at node ${describeNode(v)} (data = ${v.data}, grad = ${v.grad}) ` +
        `gave gradient ${p.grad} to its input ${describeNode(p, 1)}; inputs: ${inputsText(v)}`,
      "backward",
      v.op,
      v,
    );
  }
}
