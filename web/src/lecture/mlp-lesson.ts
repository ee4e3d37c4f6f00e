/**
 * The lecture's MLP, built from this library: MLP(3, [4, 4, 1]) with tanh on every layer and, like the
 * lecture's `Neuron`, every weight and bias drawn from U(−1, 1) (each neuron's weights, then its bias),
 * from a seeded generator; the lecture's four examples; loss = Σ (yout − ygt)²; and the notebook's loop
 * (zero the grads, backward, `p.data += −rate · p.grad`), with the option to forget the zeroing. Pure.
 */
import { lectureData, MLP, Rng, type Value } from "micrograd-ts";

/** The lecture's network shape. */
export const LECTURE_NIN = 3;
export const LECTURE_NOUTS = [4, 4, 1] as const;

/** The lecture's MLP with every weight and bias drawn from U(−1, 1) by `Rng(seed)`. */
export function lectureMlp(seed: number): MLP {
  const net = new MLP(LECTURE_NIN, [...LECTURE_NOUTS], {
    activation: "tanh",
    outputActivation: "tanh",
    seed,
  });
  const rng = new Rng(seed);
  for (const layer of net.layers) {
    for (const neuron of layer.neurons) {
      for (const w of neuron.w) w.data = rng.uniform(-1, 1);
      neuron.b.data = rng.uniform(-1, 1);
    }
  }
  return net;
}

/** The network's output for one example. */
export function predict(net: MLP, x: readonly number[]): Value {
  return net.forward(x)[0] as Value;
}

/** The predictions on the lecture's four examples and the loss Σ (yout − ygt)². */
export function lectureLoss(net: MLP): { ypred: Value[]; loss: Value } {
  const { x, y } = lectureData();
  const ypred = x.map((xi) => predict(net, xi));
  let loss = ypred[0]?.sub(y[0] as number).pow(2) as Value;
  for (let i = 1; i < ypred.length; i++) loss = loss.add((ypred[i] as Value).sub(y[i] as number).pow(2));
  return { ypred, loss };
}

/** Settings of a training run. */
export interface RunSettings {
  seed: number;
  /** The step size (the lecture's 0.1). */
  rate: number;
  /** How many steps (the lecture's 20). */
  steps: number;
  /** Skip `p.grad = 0` before backward (the lecture's first, buggy loop). */
  forgetZeroGrad: boolean;
}

/** The lecture's settings. */
export const LECTURE_RUN: RunSettings = { seed: 1, rate: 0.1, steps: 20, forgetZeroGrad: false };

/** Limits of the controls. */
export const MAX_STEPS = 1000;
export const MAX_RATE = 10;

/** A run in progress: call `step()` up to `settings.steps` times. */
export class LectureRun {
  readonly net: MLP;
  /** The loss printed at each step (computed before that step's update, as the notebook prints it). */
  readonly losses: number[] = [];
  /** The last forward pass's predictions (as the notebook's `ypred` after the loop). */
  ypred: number[] = [];

  constructor(readonly settings: RunSettings) {
    checkRun(settings);
    this.net = lectureMlp(settings.seed);
  }

  /** True when every step has run. */
  get done(): boolean {
    return this.losses.length >= this.settings.steps;
  }

  /** One step of the notebook's loop; returns the loss it printed. */
  step(): number {
    const { ypred, loss } = lectureLoss(this.net);
    const params = this.net.parameters();
    if (!this.settings.forgetZeroGrad) for (const p of params) p.grad = 0;
    loss.backward();
    for (const p of params) p.data += -this.settings.rate * p.grad;
    this.ypred = ypred.map((v) => v.data);
    this.losses.push(loss.data);
    return loss.data;
  }
}

/** Checks run settings; throws a one-line error naming the bad one. */
export function checkRun(s: RunSettings): void {
  if (!Number.isSafeInteger(s.seed) || s.seed < 0)
    throw new RangeError(`seed must be a whole number >= 0, got ${s.seed}`);
  if (!Number.isFinite(s.rate) || s.rate <= 0 || s.rate > MAX_RATE)
    throw new RangeError(`step size must be a number above 0 and at most ${MAX_RATE}, got ${s.rate}`);
  if (!Number.isInteger(s.steps) || s.steps < 1 || s.steps > MAX_STEPS)
    throw new RangeError(`steps must be a whole number from 1 to ${MAX_STEPS}, got ${s.steps}`);
}
