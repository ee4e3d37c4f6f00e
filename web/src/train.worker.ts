/**
 * The training loop, off the main thread: steps the `Trainer` in chunks of ~30 ms while playing and
 * posts progress (losses, accuracy, steps per second), the decision grid and, when asked, one sample's
 * graph. The page stays responsive because nothing heavy runs there.
 */

import type { TrainConfig } from "./train-config.js";
import type { Bounds, Grid, ModelFile, SampleGraph } from "./trainer.js";
import { Trainer } from "./trainer.js";

/** Messages the page sends. */
export type ToWorker =
  | { type: "init"; config: TrainConfig }
  | { type: "play" }
  | { type: "pause" }
  | { type: "step" }
  | { type: "addPoint"; x: number; y: number; cls: number }
  | { type: "sample"; index: number | null }
  | { type: "model" };

/** Messages the worker sends. */
export type FromWorker =
  | {
      type: "data";
      x: [number, number][];
      y: number[];
      nClasses: number;
      bounds: Bounds;
      graphSize: number;
      parameters: number;
    }
  | {
      type: "progress";
      /** Step count after the last step in `losses`. */
      step: number;
      /** The losses of the steps since the last progress message, oldest first. */
      losses: number[];
      accuracy: number;
      /** Steps per second over the last second of playing (0 when paused). */
      stepsPerSecond: number;
      playing: boolean;
      grid: Grid | null;
    }
  | { type: "sample"; sample: SampleGraph }
  | { type: "model"; file: ModelFile }
  | { type: "diverged"; step: number }
  | { type: "error"; message: string };

const CHUNK_MS = 30;
const GRID_RES = 64;
const GRID_EVERY_MS = 100;
const SAMPLE_EVERY_MS = 600;
const SAMPLE_CAP = 80;

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
};

let trainer: Trainer | null = null;
let playing = false;
let pendingLosses: number[] = [];
let lastGrid = 0;
let lastSample = 0;
let sampleIndex: number | null = null;
let windowStart = 0;
let windowSteps = 0;
let speed = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function report(withGrid: boolean): void {
  if (!trainer) return;
  const grid = withGrid ? trainer.grid(GRID_RES) : null;
  if (grid) lastGrid = performance.now();
  post(
    {
      type: "progress",
      step: trainer.steps,
      losses: pendingLosses,
      accuracy: trainer.accuracy(),
      stepsPerSecond: speed,
      playing,
      grid,
    },
    grid ? [grid.cls.buffer, grid.conf.buffer] : [],
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
    playing = false;
    post({ type: "diverged", step: trainer.steps });
    return false;
  }
  return true;
}

function loop(): void {
  timer = null;
  if (!playing || !trainer) return;
  try {
    const start = performance.now();
    if (windowStart === 0) windowStart = start;
    let n = 0;
    while (performance.now() - start < CHUNK_MS) {
      if (!runStep()) break;
      n++;
    }
    windowSteps += n;
    const now = performance.now();
    if (now - windowStart >= 1000) {
      speed = (windowSteps * 1000) / (now - windowStart);
      windowStart = now;
      windowSteps = 0;
    }
    report(now - lastGrid >= GRID_EVERY_MS || !playing);
    if (sampleIndex !== null && now - lastSample >= SAMPLE_EVERY_MS) sendSample();
    if (playing) timer = setTimeout(loop, 0);
  } catch (err) {
    fail(err);
  }
}

function fail(err: unknown): void {
  playing = false;
  post({ type: "error", message: err instanceof Error ? err.message : String(err) });
}

function stopTimer(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

function sendData(): void {
  if (!trainer) return;
  post({
    type: "data",
    x: trainer.data.x,
    y: trainer.data.y,
    nClasses: trainer.data.nClasses,
    bounds: trainer.bounds,
    graphSize: trainer.graphSize,
    parameters: trainer.model.parameters().length,
  });
}

scope.onmessage = (event) => {
  const msg = event.data;
  try {
    switch (msg.type) {
      case "init":
        stopTimer();
        trainer = new Trainer(msg.config);
        pendingLosses = [];
        speed = 0;
        windowStart = 0;
        windowSteps = 0;
        sendData();
        report(true);
        sendSample();
        if (playing) timer = setTimeout(loop, 0);
        break;
      case "play":
        if (!playing) {
          playing = true;
          windowStart = 0;
          windowSteps = 0;
          timer = setTimeout(loop, 0);
        }
        break;
      case "pause":
        playing = false;
        stopTimer();
        speed = 0;
        report(true);
        sendSample();
        break;
      case "step":
        if (!playing) {
          runStep();
          report(true);
          sendSample();
        }
        break;
      case "addPoint":
        trainer?.addPoint(msg.x, msg.y, msg.cls);
        sendData();
        if (!playing) report(true);
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
