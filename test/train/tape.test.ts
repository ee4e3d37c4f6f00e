/**
 * The compiled engine's tape (train/tape.ts) against the object engine, whole runs bit for bit: every
 * step's loss and outputs, the final parameters, the same `DivergedError` at the same step. The object engine
 * rebuilds the lecture's graph (a chain of `*` and `+` per neuron) every step and walks `Value.backward`:
 * an independent implementation of the same arithmetic. Also against today's compiled graph
 * (`compile(buildBatchGraph(...))`), which anomaly mode and losses of your own still run.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Activation,
  compile,
  DivergedError,
  detectAnomaly,
  MLP,
  makeOptimizer,
  type OptimizerName,
  type Regularization,
  Rng,
  TRAIN_LOSSES,
  Trainer,
  type TrainLossName,
} from "../../packages/micrograd-ts/src/index.js";
import { buildBatchGraph, fillBatch } from "../../packages/micrograd-ts/src/internals.js";

interface RunConfig {
  loss: TrainLossName;
  nClasses: number;
  activation: Activation;
  outputActivation: Activation;
  optimizer: OptimizerName;
  lr: number;
  regularization?: Regularization;
  /** Examples per step: consecutive slices, cycling (0: all). */
  batch: number;
  /** Spare slots the compiled step keeps beyond the batch. */
  spare: number;
  sizes: number[];
  n: number;
  steps: number;
  seed: number;
  /** Scale of the inputs (large values drive runs to Infinity/NaN). */
  scale: number;
}

interface Run {
  losses: number[];
  outputs: number[][][];
  params: number[];
  error: string;
  evaluation: { loss: number; accuracy: number } | null;
}

/**
 * One run of `c` on `engine`, recording everything a step exposes. "graph" is the compiled engine on
 * today's traced batch graph: the table's loss passed as a copy, a loss of your own, which the tape
 * leaves to the graph.
 */
function run(c: RunConfig, engine: "object" | "compiled" | "graph"): Run {
  const rng = new Rng(c.seed);
  const nin = c.sizes[0];
  const x = Array.from({ length: c.n }, () =>
    Array.from({ length: nin }, () => rng.uniform(-1, 1) * c.scale),
  );
  const y = Array.from({ length: c.n }, (_, i) => (i * 7 + c.seed) % c.nClasses);
  const model = new MLP(nin, c.sizes.slice(1), {
    seed: c.seed,
    activation: c.activation,
    outputActivation: c.outputActivation,
  });
  const bs = c.batch > 0 && c.batch < c.n ? c.batch : c.n;
  const t = new Trainer({
    model,
    optimizer: makeOptimizer(c.optimizer, model.parameters(), c.lr),
    loss: engine === "graph" ? { ...TRAIN_LOSSES[c.loss] } : c.loss,
    nClasses: c.nClasses,
    regularization: c.regularization,
    engine: engine === "graph" ? "compiled" : engine,
    capacity: (k) => k + c.spare,
    // the compiled engine evaluates in blocks of its step's slots: the object engine's blocks the same
    evaluationSlots: bs + c.spare,
  });
  const r: Run = { losses: [], outputs: [], params: [], error: "", evaluation: null };
  const nb = Math.ceil(c.n / bs);
  try {
    for (let s = 0; s < c.steps; s++) {
      const b = s % nb;
      r.losses.push(t.step(x.slice(b * bs, b * bs + bs), y.slice(b * bs, b * bs + bs)));
      r.outputs.push(t.outputs());
    }
    r.evaluation = t.evaluate(x, y);
  } catch (e) {
    if (!(e instanceof DivergedError)) throw e;
    r.error = e.message;
    r.losses.push(t.lastLoss);
  }
  r.params = model.parameters().map((p) => p.data);
  return r;
}

/** Bit for bit: Object.is on every number (NaN equals NaN, 0 differs from -0). */
function sameBits(a: Run, b: Run): void {
  expect(a.error).toBe(b.error);
  expect(a.losses.length).toBe(b.losses.length);
  a.losses.forEach((l, i) => {
    expect(Object.is(l, b.losses[i]), `loss of step ${i}: ${l} vs ${b.losses[i]}`).toBe(true);
  });
  expect(a.outputs).toEqual(b.outputs);
  a.params.forEach((p, i) => {
    expect(Object.is(p, b.params[i]), `parameter ${i}: ${p} vs ${b.params[i]}`).toBe(true);
  });
  expect(a.evaluation).toEqual(b.evaluation);
}

const base: RunConfig = {
  loss: "svm",
  nClasses: 2,
  activation: "relu",
  outputActivation: "linear",
  optimizer: "sgd",
  lr: 0.1,
  batch: 0,
  spare: 0,
  sizes: [2, 8, 6, 1],
  n: 20,
  steps: 6,
  seed: 3,
  scale: 1,
};

/** The model's last width for the loss: one output for svm/mse on two classes, else one per class. */
const outputsFor = (loss: TrainLossName, k: number) => (loss !== "ce" && k === 2 ? 1 : k);

describe("the compiled step's tape: whole runs bit for bit the object engine's", () => {
  const losses: TrainLossName[] = ["svm", "ce", "mse"];
  const activations: Activation[] = ["relu", "tanh", "sigmoid", "linear"];
  const optimizers: OptimizerName[] = ["sgd", "adam", "adamw"];
  const penalties: (Regularization | undefined)[] = [
    undefined,
    { kind: "l2", rate: 1e-3 },
    { kind: "l1", rate: 1e-3 },
  ];
  let i = 0;
  for (const loss of losses) {
    for (const nClasses of [2, 3]) {
      for (const activation of activations) {
        const k = i++;
        const c: RunConfig = {
          ...base,
          loss,
          nClasses,
          activation,
          outputActivation: k % 5 === 4 ? "tanh" : "linear",
          optimizer: optimizers[k % 3],
          lr: optimizers[k % 3] === "sgd" ? 0.1 : 0.02,
          regularization: penalties[Math.floor(k / 3) % 3],
          // full batch, mini-batches of 7 (the last one 6), of 1, of 8 with spare slots
          batch: [0, 7, 1, 8][k % 4],
          spare: k % 4 === 3 ? 3 : 0,
          sizes: [2, 8, 6, outputsFor(loss, nClasses)],
          seed: 11 + k,
        };
        const name = `${loss}, ${nClasses} classes, ${activation}/${c.outputActivation}, ${c.optimizer}, ${c.regularization?.kind ?? "no"} penalty, batch ${c.batch || "full"}${c.spare ? ` + ${c.spare} spare` : ""}`;
        it(name, () => {
          const object = run(c, "object");
          expect(object.error).toBe("");
          sameBits(run(c, "compiled"), object);
        });
      }
    }
  }

  it("the moons demo's shape: MLP(2, [16, 16, 1]), svm + 1e-4 L2, full batch of 100, 20 SGD steps", () => {
    const c: RunConfig = {
      ...base,
      sizes: [2, 16, 16, 1],
      n: 100,
      steps: 20,
      regularization: { kind: "l2", rate: 1e-4 },
      lr: 0.5,
    };
    sameBits(run(c, "compiled"), run(c, "object"));
  });

  it("a 64-input, 10-class net on ce and mini-batches (the digits' shape, smaller)", () => {
    const c: RunConfig = {
      ...base,
      loss: "ce",
      nClasses: 10,
      sizes: [64, 12, 10],
      n: 40,
      batch: 16,
      steps: 5,
      optimizer: "adam",
      lr: 0.01,
    };
    sameBits(run(c, "compiled"), run(c, "object"));
  });

  it("diverging runs end the same: the same DivergedError at the same step, the same non-finite loss and parameters", () => {
    let diverged = 0;
    for (const loss of losses) {
      for (const activation of activations) {
        const c: RunConfig = {
          ...base,
          loss,
          nClasses: 3,
          activation,
          sizes: [2, 5, 3],
          lr: 1e6,
          scale: 1e150,
          steps: 8,
          seed: 5,
        };
        const object = run(c, "object");
        if (object.error) diverged++;
        const tape = run(c, "compiled");
        sameBits(tape, object);
        sameBits(tape, run(c, "graph"));
      }
    }
    expect(diverged).toBeGreaterThan(3); // the comparison is about the non-finite cases
  });

  it("random shapes, data, losses and settings (property)", () => {
    fc.assert(
      fc.property(
        fc.record({
          loss: fc.constantFrom<TrainLossName>("svm", "ce", "mse"),
          nClasses: fc.integer({ min: 2, max: 4 }),
          activation: fc.constantFrom<Activation>("relu", "tanh", "sigmoid", "linear"),
          outputActivation: fc.constantFrom<Activation>("linear", "relu", "tanh", "sigmoid"),
          optimizer: fc.constantFrom<OptimizerName>("sgd", "adam", "adamw"),
          lr: fc.constantFrom(0.01, 0.3, 10, 1e8),
          penalty: fc.integer({ min: 0, max: 2 }),
          batch: fc.integer({ min: 0, max: 9 }),
          spare: fc.integer({ min: 0, max: 3 }),
          hidden: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 2 }),
          nin: fc.integer({ min: 1, max: 4 }),
          n: fc.integer({ min: 1, max: 12 }),
          seed: fc.integer({ min: 1, max: 1000 }),
          scale: fc.constantFrom(1, 30, 1e200),
        }),
        (r) => {
          const c: RunConfig = {
            ...base,
            ...r,
            regularization: [
              undefined,
              { kind: "l2", rate: 0.01 } as const,
              { kind: "l1", rate: 0.01 } as const,
            ][r.penalty],
            sizes: [r.nin, ...r.hidden, outputsFor(r.loss, r.nClasses)],
            steps: 4,
          };
          const tape = run(c, "compiled");
          sameBits(tape, run(c, "graph"));
          // spare slots hold the first example with weight 0: a non-finite loss there is 0 * ±Infinity =
          // NaN in the sum, which the object engine (no spares) does not have
          if (c.spare === 0) sameBits(tape, run(c, "object"));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("the tape against today's compiled graph", () => {
  it("a step's loss and every parameter's gradient equal the fused and the lecture's compiled batch graph's", () => {
    for (const loss of ["svm", "ce", "mse"] as const) {
      for (const fused of [true, false]) {
        const model = new MLP(3, [7, 4, 4], { seed: 9, activation: "tanh" });
        const spec = { model, loss: TRAIN_LOSSES[loss], nClasses: 4, capacity: 9, alpha: 0.01 };
        const rng = new Rng(2);
        const x = Array.from({ length: 6 }, () => [
          rng.uniform(-2, 2),
          rng.uniform(-2, 2),
          rng.uniform(-2, 2),
        ]);
        const y = [0, 1, 2, 3, 1, 2];
        const batch = buildBatchGraph({ ...spec, fused }, [], []);
        const g = compile(batch.loss);
        fillBatch(batch, spec.loss, 4, x, y);
        const want = g.forward();
        g.backward();
        const grads = model.parameters().map((p) => p.grad);
        const t = new Trainer({
          model,
          optimizer: makeOptimizer("sgd", model.parameters(), 0),
          loss,
          nClasses: 4,
          alpha: 0.01,
          engine: "compiled",
          capacity: () => 9,
        });
        expect(Object.is(t.step(x, y), want)).toBe(true);
        const got = model.parameters().map((p) => p.grad);
        got.forEach((v, i) => {
          expect(Object.is(v, grads[i]), `${loss} fused=${fused} gradient ${i}`).toBe(true);
        });
      }
    }
  });

  it("anomaly mode replays the traced graph (its report names the graph's nodes): the same numbers", () => {
    const c: RunConfig = { ...base, loss: "ce", nClasses: 3, sizes: [2, 5, 3], batch: 7 };
    const plain = run(c, "compiled");
    const checked = detectAnomaly(() => run(c, "compiled"));
    sameBits(checked, plain);
  });
});
