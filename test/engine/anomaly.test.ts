import { afterEach, describe, expect, it } from "vitest";
import { isAnomalyDetectionEnabled } from "../../packages/micrograd-ts/src/engine/anomaly.js";
import {
  AnomalyError,
  detectAnomaly,
  setDetectAnomaly,
  Value,
} from "../../packages/micrograd-ts/src/index.js";

afterEach(() => {
  setDetectAnomaly(false);
});

describe("anomaly mode", () => {
  it("is off by default: non-finite values follow IEEE silently", () => {
    expect(isAnomalyDetectionEnabled()).toBe(false);
    expect(new Value(0).log().data).toBe(-Infinity);
    expect(new Value(-1).log().data).toBeNaN();
  });

  it("throws on the first forward op that produces a non-finite value, naming op and inputs", () => {
    const x = new Value(0, "x");
    const y = new Value(2, "y");
    const err = detectAnomaly(() => {
      try {
        x.mul(y).log();
      } catch (e) {
        return e;
      }
      return null;
    });
    expect(err).toBeInstanceOf(AnomalyError);
    const a = err as AnomalyError;
    expect(a.phase).toBe("forward");
    expect(a.op).toBe("log");
    expect(a.message).toMatch(/op "log" produced -Infinity at node log\(\*\("x", "y"\)\)/);
    expect(a.message).toMatch(/inputs: \*\("x", "y"\) = 0/);
    expect(isAnomalyDetectionEnabled()).toBe(false);
  });

  it("throws in backward when a gradient becomes non-finite, naming the op and the node's label", () => {
    // sqrt-like: x ** 0.5 at 0 is fine forward (0) but its derivative is 0.5 * 0 ** -0.5 = Infinity
    const x = new Value(0, "x");
    setDetectAnomaly(true);
    const r = x.pow(0.5);
    r.label = "root";
    const out = r.mul(3);
    expect(() => out.backward()).toThrow(AnomalyError);
    try {
      out.backward();
    } catch (e) {
      const a = e as AnomalyError;
      expect(a.phase).toBe("backward");
      expect(a.op).toBe("**0.5");
      expect(a.node).toBe(r);
      expect(a.message).toMatch(/op "\*\*0\.5" at node "root"/);
      expect(a.message).toMatch(/gave gradient Infinity to its input "x"/);
    }
  });

  it("detectAnomaly restores the previous setting even when fn throws", () => {
    expect(() =>
      detectAnomaly(() => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(isAnomalyDetectionEnabled()).toBe(false);
  });

  it("finite graphs pass unchanged in anomaly mode", () => {
    const v = detectAnomaly(() => {
      const a = new Value(0.5);
      const b = a.tanh().mul(a.exp());
      b.backward();
      return a.grad;
    });
    const t = Math.tanh(0.5);
    expect(v).toBeCloseTo((1 - t * t) * Math.exp(0.5) + t * Math.exp(0.5), 14);
  });
});
