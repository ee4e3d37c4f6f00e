/**
 * The lecture's MLP lesson: its shape (41 parameters), the lecture's init (weights and biases from
 * U(-1, 1)), the notebook's loop, the forgotten zero_grad, and checked settings.
 */
import { describe, expect, it } from "vitest";
import { LECTURE_RUN, LectureRun, lectureLoss, lectureMlp } from "../../../web/src/lecture/mlp-lesson.js";

describe("the lecture's MLP", () => {
  it("MLP(3, [4, 4, 1]) has 4·4 + 4·5 + 5 = 41 parameters, every one in (-1, 1), biases included", () => {
    const net = lectureMlp(1);
    const ps = net.parameters();
    expect(ps.length).toBe(41);
    for (const p of ps) expect(Math.abs(p.data)).toBeLessThan(1);
    expect(net.layers.flatMap((l) => l.neurons.map((n) => n.b.data)).some((b) => b !== 0)).toBe(true);
  });
  it("tanh on every layer: every prediction is in (-1, 1)", () => {
    const { ypred, loss } = lectureLoss(lectureMlp(3));
    expect(ypred.length).toBe(4);
    for (const y of ypred) expect(Math.abs(y.data)).toBeLessThan(1);
    // loss = Σ (yout - ygt)² with ys = [1, -1, -1, 1], by hand from the predictions
    const ys = [1, -1, -1, 1];
    const byHand = ypred.reduce((s, y, i) => s + (y.data - (ys[i] as number)) ** 2, 0);
    expect(loss.data).toBeCloseTo(byHand, 12);
  });
  it("the same seed gives the same run; another seed another", () => {
    const run = (seed: number) => {
      const r = new LectureRun({ ...LECTURE_RUN, seed });
      while (!r.done) r.step();
      return r.losses;
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });
  it("20 steps of 0.1 bring the loss down and the predictions toward the targets", () => {
    const r = new LectureRun(LECTURE_RUN);
    while (!r.done) r.step();
    expect(r.losses.length).toBe(20);
    expect(r.losses[19]).toBeLessThan((r.losses[0] as number) / 4);
    expect(r.ypred.map(Math.sign)).toEqual([1, -1, -1, 1]);
  });
  it("forgetting zero_grad changes the run (the grads accumulate)", () => {
    const a = new LectureRun(LECTURE_RUN);
    const b = new LectureRun({ ...LECTURE_RUN, forgetZeroGrad: true });
    for (let i = 0; i < 3; i++) {
      a.step();
      b.step();
    }
    expect(b.losses[0]).toBe(a.losses[0]); // the first step is the same: the grads start at 0
    expect(b.losses[2]).not.toBe(a.losses[2]);
  });
  it("bad settings get a one-line error", () => {
    expect(() => new LectureRun({ ...LECTURE_RUN, steps: 0 })).toThrow(
      /steps must be a whole number from 1 to 1000/,
    );
    expect(() => new LectureRun({ ...LECTURE_RUN, rate: Number.NaN })).toThrow(/step size/);
    expect(() => new LectureRun({ ...LECTURE_RUN, seed: -1 })).toThrow(/seed/);
  });
});
