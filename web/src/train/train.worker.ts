/**
 * The training loop, off the main thread: steps the `Trainer` in chunks of ~30 ms while playing (or as
 * many steps as the page's speed allows, from 1 step per second up; see `PlayLoop.setRate`) and posts progress (step, epoch, batch losses, steps per second) after each chunk. Two heavier parts ride
 * along when due: loss and accuracy on the training and test sets, and the pictures (the decision grid,
 * every hidden neuron's map, the weights and, for small models, the optimizer's state). Each is sent at
 * most every `SCORES_EVERY_MS` / `PICTURES_EVERY_MS`, and less often when it costs more than a fifth of
 * the time (big networks), so it never slows training much. The page stays responsive because nothing
 * heavy runs there.
 */

import type { Bounds, Grid } from "../shared/grid.js";
import { PlayLoop } from "../shared/play-loop.js";
import type { TrainConfig } from "../shared/train-config.js";
import type { AddedPoint, ModelFile, NeuronMaps, SampleGraph, SetScore } from "./session.js";
import { TrainingSession } from "./session.js";

/** Models with at most this many parameters get the optimizer table. */
export const OPTIMIZER_TABLE_MAX = 100;

/** Messages the page sends. */
export type ToWorker =
  | { type: "init"; config: TrainConfig; points: AddedPoint[] }
  | { type: "play" }
  | { type: "pause" }
  | { type: "step" }
  /** Steps per second to keep to while playing (Infinity: as fast as it goes). */
  | { type: "speed"; stepsPerSecond: number }
  | { type: "addPoints"; points: AddedPoint[] }
  | { type: "sample"; index: number | null }
  | { type: "model" };

/** The optimizer's state per parameter (models with at most `OPTIMIZER_TABLE_MAX` parameters). */
export interface OptimizerState {
  data: Float64Array;
  grad: Float64Array;
  /** Adam's first and second moments (null for SGD). */
  m: Float64Array | null;
  v: Float64Array | null;
  /** What the last step added to each parameter. */
  update: Float64Array;
}

/** Messages the worker sends. */
export type FromWorker =
  | {
      type: "data";
      x: [number, number][];
      y: number[];
      /** How many training points were generated (the rest were clicked in). */
      generated: number;
      testX: [number, number][];
      testY: number[];
      nClasses: number;
      bounds: Bounds;
      graphSize: number;
      parameters: number;
      /** The parameters' labels (e.g. "L0.n3.w1"), for small models. */
      labels: string[] | null;
      /** Outputs of the network. */
      nOut: number;
    }
  | {
      type: "progress";
      /** Step count after the last step in `losses`. */
      step: number;
      epoch: number;
      /** The batch losses of the steps since the last progress message, oldest first. */
      losses: number[];
      /** Steps per second over the last second of playing (0 when paused). */
      stepsPerSecond: number;
      playing: boolean;
      /** Loss and accuracy on both sets, when due. */
      scores: { train: SetScore; test: SetScore } | null;
      /** The pictures, when due. */
      grid: Grid | null;
      neurons: NeuronMaps | null;
      weights: Float64Array | null;
      optimizer: OptimizerState | null;
    }
  | { type: "sample"; sample: SampleGraph }
  | { type: "model"; file: ModelFile }
  | { type: "diverged"; step: number }
  | { type: "error"; message: string };

const CHUNK_MS = 30;
const GRID_RES = 64;
const NEURON_RES = 20;
const SCORES_EVERY_MS = 30;
const PICTURES_EVERY_MS = 100;
/** A heavy part may take at most 1/HEAVY_SHARE of the time. */
const HEAVY_SHARE = 5;
const SAMPLE_EVERY_MS = 600;
const SAMPLE_CAP = 80;

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
};

let trainer: TrainingSession | null = null;
let pendingLosses: number[] = [];
let nextScores = 0;
let nextPictures = 0;
let lastSample = 0;
let sampleIndex: number | null = null;
const player = new PlayLoop(loop);

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function optimizerState(t: TrainingSession): OptimizerState | null {
  const ps = t.parameters;
  if (ps.length > OPTIMIZER_TABLE_MAX) return null;
  const opt = t.optimizer as { m?: Float64Array; v?: Float64Array };
  return {
    data: Float64Array.from(ps, (p) => p.data),
    grad: Float64Array.from(ps, (p) => p.grad),
    m: opt.m ? Float64Array.from(opt.m) : null,
    v: opt.v ? Float64Array.from(opt.v) : null,
    update: Float64Array.from(t.lastUpdate),
  };
}

/**
 * Posts progress; with `force` (paused, stepped, reset) the scores and pictures are always included,
 * otherwise only when due.
 */
function report(force: boolean): void {
  if (!trainer) return;
  const t = trainer;
  const transfer: Transferable[] = [];
  let now = performance.now();
  let scores: { train: SetScore; test: SetScore } | null = null;
  if (force || now >= nextScores) {
    scores = { train: t.evaluate("train"), test: t.evaluate("test") };
    const cost = performance.now() - now;
    now = performance.now();
    nextScores = now + Math.max(SCORES_EVERY_MS, HEAVY_SHARE * cost);
  }
  let pictures: Pick<
    Extract<FromWorker, { type: "progress" }>,
    "grid" | "neurons" | "weights" | "optimizer"
  > = {
    grid: null,
    neurons: null,
    weights: null,
    optimizer: null,
  };
  if (force || now >= nextPictures) {
    const grid = t.grid(GRID_RES);
    const neurons = t.config.hidden.length > 0 ? t.neuronMaps(NEURON_RES) : null;
    const weights = Float64Array.from(t.parameters, (p) => p.data);
    pictures = { grid, neurons, weights, optimizer: optimizerState(t) };
    transfer.push(grid.cls.buffer, grid.conf.buffer, weights.buffer);
    if (neurons) transfer.push(neurons.values.buffer);
    const cost = performance.now() - now;
    nextPictures = performance.now() + Math.max(PICTURES_EVERY_MS, HEAVY_SHARE * cost);
  }
  post(
    {
      type: "progress",
      step: t.steps,
      epoch: t.epoch,
      losses: pendingLosses,
      stepsPerSecond: player.speed,
      playing: player.playing,
      scores,
      ...pictures,
    },
    transfer,
  );
  pendingLosses = [];
}

function sendSample(): void {
  if (!trainer || sampleIndex === null) return;
  lastSample = performance.now();
  if (sampleIndex >= trainer.size) sampleIndex = trainer.size - 1;
  post({ type: "sample", sample: trainer.sampleGraph(sampleIndex, SAMPLE_CAP) });
}

function runStep(): boolean {
  if (!trainer) return false;
  const loss = trainer.step();
  pendingLosses.push(loss);
  if (trainer.diverged) {
    player.playing = false;
    post({ type: "diverged", step: trainer.steps });
    return false;
  }
  return true;
}

function loop(): void {
  if (!trainer) return;
  try {
    const start = performance.now();
    const allowed = player.due(start);
    let n = 0;
    while (n < allowed && performance.now() - start < CHUNK_MS) {
      if (!runStep()) break;
      n++;
    }
    const now = performance.now();
    player.count(n, start, now);
    report(!player.playing);
    if (sampleIndex !== null && now - lastSample >= SAMPLE_EVERY_MS) sendSample();
    player.next();
  } catch (err) {
    fail(err);
  }
}

function fail(err: unknown): void {
  player.playing = false;
  post({ type: "error", message: err instanceof Error ? err.message : String(err) });
}

function sendData(): void {
  if (!trainer) return;
  const t = trainer;
  const small = t.parameters.length <= OPTIMIZER_TABLE_MAX;
  post({
    type: "data",
    x: t.data.x,
    y: t.data.y,
    generated: t.generated,
    testX: t.test.x,
    testY: t.test.y,
    nClasses: t.data.nClasses,
    bounds: t.bounds,
    graphSize: t.graphSize,
    parameters: t.parameters.length,
    labels: small ? t.parameters.map((p) => p.label) : null,
    nOut: t.model.nouts[t.model.nouts.length - 1],
  });
}

scope.onmessage = (event) => {
  const msg = event.data;
  try {
    switch (msg.type) {
      case "init":
        player.newRun();
        trainer = null; // let the old graphs go before building the new ones
        trainer = new TrainingSession(msg.config, msg.points);
        pendingLosses = [];
        sendData();
        report(true);
        sendSample();
        player.next();
        break;
      case "play":
        player.play();
        break;
      case "pause":
        player.pause();
        report(true);
        sendSample();
        break;
      case "step":
        if (!player.playing) {
          runStep();
          report(true);
          sendSample();
        }
        break;
      case "speed":
        player.setRate(msg.stepsPerSecond);
        break;
      case "addPoints":
        // a burst of clicks arrives as one message per frame; the batch graph takes them in spare
        // slots, or is rebuilt once at the next step
        for (const p of msg.points) trainer?.addPoint(p.x, p.y, p.cls);
        sendData();
        if (!player.playing) report(true);
        break;
      case "sample":
        sampleIndex = msg.index;
        sendSample();
        break;
      case "model":
        if (trainer) post({ type: "model", file: trainer.modelFile() });
        break;
    }
  } catch (err) {
    fail(err);
  }
};
