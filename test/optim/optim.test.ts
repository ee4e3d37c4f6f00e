import { describe, expect, it } from "vitest";
import { Adam, AdamW, SGD, Value } from "../../packages/micrograd-ts/src/index.js";

// Expected trajectories were printed once by a Python 3 script that follows PyTorch's single-tensor
// implementations (torch/optim/sgd.py, adam.py, adamw.py) in their own arithmetic form (lerp_ for m,
// step_size = lr / bias_correction1, denom = sqrt(v) / sqrt(bias_correction2) + eps, addcdiv_; AdamW does
// p *= 1 - lr * wd first), on f(p0, p1) = (p0 - 3)^2 + p0 * p1 from p = (1, -2), 3 steps.
const PY = {
  sgd: [
    [1.6, -2.1],
    [2.0900000000000003, -2.2600000000000002],
    [2.498, -2.4690000000000003],
  ],
  sgdMomentum: [
    [1.6, -2.1],
    [2.63, -2.35],
    [3.866, -2.838],
  ],
  sgdAll: [
    [1.295, -2.04],
    [1.7305187499999999, -2.1129125],
    [2.2468896171875, -2.22821353125],
  ],
  sgdNesterov: [
    [1.57, -2.095],
    [2.2837250000000004, -2.28465],
    [3.0562365000000002, -2.6016388750000004],
  ],
  adamDefault: [
    [1.0009999999983332, -2.00099999999],
    [1.001999995648554, -2.002000025907758],
    [1.0029999840619481, -2.0030000949392055],
  ],
  adam: [
    [1.0999999830508502, -2.0999998750001563],
    [1.1999404942788354, -2.200169556510121],
    [1.2997814442335784, -2.3006117398597685],
  ],
  adamwDefault: [
    [1.0009899999983334, -2.00097999999],
    [1.001979985748554, -2.001960015849845],
    [1.0029699543621484, -2.002940064594346],
  ],
  adamw: [
    [1.089999983333336, -2.0799999000001],
    [1.1790472802077814, -2.159358914537221],
    [1.2671168769414887, -2.238175772452756],
  ],
};

interface Opt {
  step(): void;
  zeroGrad(): void;
}

/** Runs 3 steps on f = (p0 - 3)^2 + p0 * p1 with gradients from backward(); returns p after each step. */
function run(make: (ps: Value[]) => Opt): number[][] {
  const p = [new Value(1, "p0"), new Value(-2, "p1")];
  const opt = make(p);
  const out: number[][] = [];
  for (let k = 0; k < 3; k++) {
    const [p0, p1] = p as [Value, Value];
    const f = p0.sub(3).pow(2).add(p0.mul(p1));
    opt.zeroGrad();
    f.backward();
    opt.step();
    out.push(p.map((v) => v.data));
  }
  return out;
}

function expectClose(got: number[][], want: number[][], rtol = 1e-12): void {
  got.forEach((row, k) => {
    row.forEach((x, i) => {
      const w = want[k]?.[i];
      expect(Math.abs(x - w), `step ${k} param ${i}: ${x} vs ${w}`).toBeLessThanOrEqual(
        1e-15 + rtol * Math.abs(w),
      );
    });
  });
}

describe("SGD", () => {
  it("plain: p -= lr * grad (micrograd's update)", () => {
    expectClose(
      run((ps) => new SGD(ps, { lr: 0.1 })),
      PY.sgd,
    );
  });

  it("momentum, dampening, weight decay and Nesterov follow PyTorch", () => {
    expectClose(
      run((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9 })),
      PY.sgdMomentum,
    );
    expectClose(
      run((ps) => new SGD(ps, { lr: 0.05, momentum: 0.8, dampening: 0.25, weightDecay: 0.1 })),
      PY.sgdAll,
    );
    expectClose(
      run((ps) => new SGD(ps, { lr: 0.05, momentum: 0.9, nesterov: true })),
      PY.sgdNesterov,
    );
  });

  it("a schedule gets the step number 0, 1, 2, ... and sets that step's rate", () => {
    const seen: number[] = [];
    const p = new Value(10);
    const opt = new SGD([p], {
      lr: (k) => {
        seen.push(k);
        return 1 - 0.5 * k;
      },
    });
    for (let k = 0; k < 3; k++) {
      p.grad = 2;
      opt.step();
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(p.data).toBe(10 - 2 * 1 - 2 * 0.5 - 2 * 0);
    expect(opt.stepCount).toBe(3);
  });
});

describe("Adam and AdamW", () => {
  it("Adam with defaults (lr 1e-3, betas (0.9, 0.999), eps 1e-8, no decay) matches PyTorch", () => {
    const opt = new Adam([new Value(0)]);
    expect([opt.lr, opt.betas, opt.eps, opt.weightDecay]).toEqual([1e-3, [0.9, 0.999], 1e-8, 0]);
    expectClose(
      run((ps) => new Adam(ps)),
      PY.adamDefault,
    );
  });

  it("Adam's weight decay is L2 added to the gradient", () => {
    expectClose(
      run((ps) => new Adam(ps, { lr: 0.1, betas: [0.8, 0.9], eps: 1e-6, weightDecay: 0.1 })),
      PY.adam,
    );
  });

  it("AdamW (default weight decay 1e-2, decoupled) matches PyTorch", () => {
    const opt = new AdamW([new Value(0)]);
    expect([opt.lr, opt.betas, opt.eps, opt.weightDecay]).toEqual([1e-3, [0.9, 0.999], 1e-8, 1e-2]);
    expectClose(
      run((ps) => new AdamW(ps)),
      PY.adamwDefault,
    );
    expectClose(
      run((ps) => new AdamW(ps, { lr: 0.1, betas: [0.8, 0.9], eps: 1e-6, weightDecay: 0.1 })),
      PY.adamw,
    );
  });

  it("AdamW's update is LLM101n's p -= lr * (m_hat / (sqrt(v_hat) + eps) + wd * p), by hand for step 1", () => {
    // step 1: m = (1 - b1) g, v = (1 - b2) g^2, so m_hat = g and v_hat = g^2
    const p = new Value(2);
    const opt = new AdamW([p], { lr: 0.1, betas: [0.9, 0.95], eps: 1e-8, weightDecay: 1e-4 });
    p.grad = -4;
    opt.step();
    expect(p.data).toBeCloseTo(2 - 0.1 * (-4 / (4 + 1e-8) + 1e-4 * 2), 15);
  });
});

describe("optimizers refuse bad input and never skip a parameter", () => {
  it("rejects non-Values, empty and duplicate parameter lists", () => {
    expect(() => new SGD([new Value(1), 2 as unknown as Value], { lr: 0.1 })).toThrow(
      /new SGD\(params\): params\[1\] must be a Value, got number 2/,
    );
    expect(() => new Adam([])).toThrow(/params is empty/);
    const v = new Value(1, "w");
    expect(() => new AdamW([v, v])).toThrow(/params\[1\] \("w"\) appears twice/);
    expect(() => new SGD(5 as unknown as Value[], { lr: 0.1 })).toThrow(TypeError);
  });

  it("rejects bad hyperparameters", () => {
    const ps = [new Value(1)];
    expect(() => new SGD(ps, { lr: -1 })).toThrow(/lr must be a finite number >= 0 or a function/);
    expect(() => new SGD(ps, undefined as unknown as { lr: number })).toThrow(TypeError);
    expect(() => new SGD(ps, { lr: 0.1, momentum: -0.5 })).toThrow(RangeError);
    expect(() => new SGD(ps, { lr: 0.1, nesterov: true })).toThrow(/nesterov needs momentum > 0/);
    expect(() => new Adam(ps, { betas: [0.9, 1] })).toThrow(/betas\[1\] must be a number in \[0, 1\)/);
    expect(() => new Adam(ps, { eps: Number.NaN })).toThrow(RangeError);
    expect(() => new AdamW(ps, { weightDecay: -1 })).toThrow(RangeError);
  });

  it("throws on a NaN, infinite or non-number grad, before changing any parameter", () => {
    for (const Opt of [SGD, Adam, AdamW]) {
      const a = new Value(1, "a");
      const b = new Value(2, "b");
      const opt = new Opt([a, b], { lr: 0.1 });
      a.grad = 0.5;
      b.grad = Number.NaN;
      expect(() => opt.step()).toThrow(RangeError);
      expect(() => opt.step()).toThrow(/step\(\): parameter 1 \("b"\) has grad NaN/);
      b.grad = Number.POSITIVE_INFINITY;
      expect(() => opt.step()).toThrow(/has grad Infinity/);
      (b as { grad: unknown }).grad = "0";
      expect(() => opt.step()).toThrow(TypeError);
      expect([a.data, b.data]).toEqual([1, 2]);
      expect(opt.stepCount).toBe(0);
    }
  });

  it("throws when a schedule returns a bad rate", () => {
    const p = new Value(1);
    const opt = new SGD([p], { lr: () => Number.NaN });
    expect(() => opt.step()).toThrow(/schedule returned number NaN for step 0/);
  });

  it("zeroGrad zeroes every parameter", () => {
    const ps = [new Value(1), new Value(2)];
    for (const p of ps) p.grad = 3;
    new Adam(ps).zeroGrad();
    expect(ps.map((p) => p.grad)).toEqual([0, 0]);
  });
});
