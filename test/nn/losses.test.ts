import { describe, expect, it } from "vitest";
import {
  crossEntropy,
  gradcheck,
  hingeLoss,
  l1,
  l2,
  mseLoss,
  multiClassHinge,
  sumValues,
  svmLoss,
  Value,
} from "../../packages/micrograd-ts/src/index.js";

const vals = (xs: number[]) => xs.map((x) => new Value(x));

describe("losses", () => {
  it("sumValues adds left to right; empty is 0", () => {
    const xs = vals([1, 2, 3]);
    const s = sumValues(xs);
    expect(s.data).toBe(6);
    expect(s.prev[0].prev).toEqual([xs[0], xs[1]]);
    expect(sumValues([]).data).toBe(0);
  });

  it("svmLoss = mean relu(1 - y * score)", () => {
    const scores = vals([2, 0.5, -0.25, 3]);
    const loss = svmLoss(scores, [1, 1, 1, -1]);
    // relu(1 - 2) = 0, relu(0.5) = 0.5, relu(1.25) = 1.25, relu(1 + 3) = 4; mean = 5.75 / 4
    expect(loss.data).toBeCloseTo(5.75 / 4, 15);
    loss.backward();
    expect(scores.map((s) => s.grad)).toEqual([0, -0.25, -0.25, 0.25]);
  });

  it("mseLoss averages (default) or sums squared errors", () => {
    const preds = vals([1, -2, 0.5]);
    const mean = mseLoss(preds, [0, 1, 0.5]);
    expect(mean.data).toBeCloseTo((1 + 9 + 0) / 3, 15);
    mean.backward();
    expect(preds.map((p) => p.grad)[0]).toBeCloseTo((2 * 1) / 3, 15);
    expect(preds[1]?.grad).toBeCloseTo((2 * -3) / 3, 15);
    expect(mseLoss(vals([1, -2]), [0, 1], { reduction: "sum" }).data).toBe(10);
  });

  it("crossEntropy = -log(exp(l_t) / sum exp(l)), with or without max-subtraction", () => {
    const logits = vals([1, 2, 0.5]);
    const z = Math.exp(1) + Math.exp(2) + Math.exp(0.5);
    const loss = crossEntropy(logits, 1);
    expect(loss.data).toBeCloseTo(-Math.log(Math.exp(2) / z), 14);
    loss.backward();
    // d/dl_i = softmax_i - [i == t]
    expect(logits[0]?.grad).toBeCloseTo(Math.exp(1) / z, 14);
    expect(logits[1]?.grad).toBeCloseTo(Math.exp(2) / z - 1, 14);
    const logits2 = vals([1, 2, 0.5]);
    const loss2 = crossEntropy(logits2, 1, { subtractMax: true });
    expect(loss2.data).toBeCloseTo(loss.data, 14);
    loss2.backward();
    logits2.forEach((l, i) => {
      expect(l.grad).toBeCloseTo(logits[i]?.grad as number, 14);
    });
  });

  it("crossEntropy: stable by default; LLM101n's form overflows on large logits (IEEE) unless subtractMax", () => {
    expect(crossEntropy(vals([1000, 1001]), 0).data).toBeCloseTo(Math.log(1 + Math.E), 12);
    expect(Number.isNaN(crossEntropy(vals([1000, 1001]), 0, { form: "llm101n" }).data)).toBe(true);
    expect(crossEntropy(vals([1000, 1001]), 0, { form: "llm101n", subtractMax: true }).data).toBeCloseTo(
      Math.log(1 + Math.E),
      12,
    );
    expect(() => crossEntropy(vals([1, 2]), 0, { form: "torch" as "llm101n" })).toThrow(
      /form must be "logsoftmax" or "llm101n", got string "torch"/,
    );
  });

  it("crossEntropy([0, 0, 800], 0) is 800 with gradients [-1, 0, 1], as PyTorch's cross_entropy", () => {
    const xs = vals([0, 0, 800]);
    const loss = crossEntropy(xs, 0);
    expect(loss.data).toBe(800);
    loss.backward();
    expect(xs.map((x) => x.grad)).toEqual([-1, 0, 1]);
  });

  it("crossEntropy's two forms agree where both are finite (LLM101n's stays bit-identical to its formula)", () => {
    const logits = [0.3, -1.2, 2, 0.5];
    for (let t = 0; t < logits.length; t++) {
      const a = crossEntropy(vals(logits), t).data;
      const b = crossEntropy(vals(logits), t, { form: "llm101n" }).data;
      expect(Math.abs(a - b)).toBeLessThan(1e-14);
      const ex = logits.map(Math.exp);
      const total = ex.reduce((s, e) => s + e, 0); // the formula by hand, left to right
      expect(b).toBe(-Math.log(ex[t] / total));
    }
  });

  it("l2 = alpha * sum p^2, and gradients pass gradcheck", () => {
    const ps = vals([1, -2, 3]);
    const r = l2(ps, 0.5);
    expect(r.data).toBe(7);
    r.backward();
    expect(ps.map((p) => p.grad)).toEqual([1, -2, 3]);
    const res = gradcheck((...xs) => crossEntropy(xs, 2).add(l2(xs, 0.1)), [0.3, -1.2, 2]);
    expect(res.ok).toBe(true);
  });

  it("l1 = rate * sum |p|, gradient rate * sign(p) (0 at p = 0, as torch.abs)", () => {
    const ps = vals([1.5, -2, 0, 0.25]);
    const r = l1(ps, 0.1);
    // 0.1 * (1.5 + 2 + 0 + 0.25) = 0.375, summed left to right as the engine does
    expect(r.data).toBe((1.5 + 2 + 0 + 0.25) * 0.1);
    r.backward();
    expect(ps.map((p) => p.grad)).toEqual([0.1, -0.1, 0, 0.1]);
    expect(l1([], 3).data).toBe(0);
    expect(() => l1(vals([1]), Number.POSITIVE_INFINITY)).toThrow(
      /l1\(params, rate\): rate must be a finite number/,
    );
    expect(() => l1([1 as unknown as Value], 1)).toThrow(/params\[0\] must be a Value, got number 1/);
  });

  it("rejects bad arguments clearly", () => {
    expect(() => svmLoss(vals([1, 2]), [1])).toThrow(/got 2 predictions but 1 targets/);
    expect(() => svmLoss([], [])).toThrow(/scores must not be empty/);
    expect(() => mseLoss([1 as unknown as Value], [1])).toThrow(/preds\[0\] must be a Value, got number 1/);
    expect(() => mseLoss(vals([1]), ["1" as unknown as number])).toThrow(TypeError);
    expect(() => mseLoss(vals([1]), [1], { reduction: "max" as "sum" })).toThrow(
      /reduction must be "mean" or "sum"/,
    );
    expect(() => crossEntropy(vals([1, 2]), 2)).toThrow(
      /target must be a class index in \[0, 1\], got number 2/,
    );
    expect(() => crossEntropy(vals([1, 2]), 0.5)).toThrow(RangeError);
    expect(() => l2(vals([1]), Number.NaN)).toThrow(/alpha must be a finite number/);
    expect(() => sumValues("ab" as unknown as Value[])).toThrow(TypeError);
  });
});

describe("targets as Values (leaves a training loop refills)", () => {
  const leaves = (xs: number[]) => xs.map((x) => new Value(x));

  it("hingeLoss: relu(1 - y * s) with y a number or a leaf", () => {
    // s = 0.25, y = -1: relu(1 + 0.25) = 1.25; y = +1: relu(0.75) = 0.75; s = 3, y = 1: 0
    expect(hingeLoss(new Value(0.25), -1).data).toBe(1.25);
    expect(hingeLoss(new Value(0.25), new Value(1)).data).toBe(0.75);
    expect(hingeLoss(new Value(3), new Value(1)).data).toBe(0);
    expect(svmLoss([new Value(0.25), new Value(0.25)], [new Value(-1), 1]).data).toBe(1);
  });

  it("multiClassHinge: by class index and by one-hot leaves (worked out by hand)", () => {
    // scores [13, -7, 11], margin 1, class 0: max(0, -7 - 13 + 1) + max(0, 11 - 13 + 1) = 0;
    // class 2: max(0, 13 - 11 + 1) + max(0, -7 - 11 + 1) = 3
    const z = leaves([13, -7, 11]);
    expect(multiClassHinge(z, 0).data).toBe(0);
    expect(multiClassHinge(z, 2).data).toBe(3);
    expect(multiClassHinge(z, leaves([0, 0, 1])).data).toBe(3);
    const s = multiClassHinge(z, leaves([0, 0, 1]));
    s.backward();
    // d/dz0 = 1 (its term is active), d/dz1 = 0, d/dz2 = -1 (in the active term)
    expect(z.map((v) => v.grad)).toEqual([1, 0, -1]);
  });

  it("crossEntropy with one-hot leaves is the class-index loss, for both forms", () => {
    const z = [0.5, -1.25, 2];
    for (const form of ["logsoftmax", "llm101n"] as const) {
      const byIndex = crossEntropy(leaves(z), 1, { form }).data;
      const byLeaves = crossEntropy(leaves(z), leaves([0, 1, 0]), { form }).data;
      expect(byLeaves).toBe(byIndex);
    }
    // -log softmax(z)_1 by hand: log(e^0.5 + e^-1.25 + e^2) + 1.25
    const expected = Math.log(Math.exp(0.5) + Math.exp(-1.25) + Math.exp(2)) + 1.25;
    expect(crossEntropy(leaves(z), leaves([0, 1, 0])).data).toBeCloseTo(expected, 12);
  });

  it("mseLoss takes leaves as targets", () => {
    expect(mseLoss(leaves([1, 3]), [new Value(0), 1]).data).toBe((1 + 4) / 2);
  });

  it("says what is wrong with a one-hot target", () => {
    expect(() => crossEntropy(leaves([1, 2]), leaves([1]))).toThrow(
      "crossEntropy(logits, target): a one-hot target needs 2 values (one per logit), got 1",
    );
    expect(() => multiClassHinge(leaves([1, 2]), 2)).toThrow(/class index in \[0, 1\]/);
    expect(() => svmLoss([new Value(1)], ["1" as unknown as number])).toThrow(/must be a number or a Value/);
  });
});
