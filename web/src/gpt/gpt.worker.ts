/**
 * microgpt's training loop off the main thread: steps the `GptSession` in chunks of ~30 ms while playing,
 * posts the new losses after each chunk, samples names every `SAMPLE_EVERY` steps, and answers "what does
 * the model predict for this name" with the current weights (again every `SAMPLE_EVERY` steps while training).
 */

import { PlayLoop } from "../shared/play-loop.js";
import {
  checkTemperature,
  type GptRunSettings,
  GptSession,
  type GptTimings,
  type NameInspection,
  SAMPLE_EVERY,
} from "./session.js";

/** Messages the page sends. */
export type ToGptWorker =
  /** A new run; every later message carries its `run` number, so the page can drop a previous run's. */
  | { type: "init"; settings: GptRunSettings; run: number }
  | { type: "play" }
  | { type: "pause" }
  | { type: "temperature"; value: number }
  /** More names now, at the current temperature. */
  | { type: "sample" }
  /** The name to inspect ("" for none). */
  | { type: "inspect"; text: string };

/** Messages the worker sends, each tagged with the run it belongs to. */
export type FromGptWorker = GptWorkerMessage & { run: number };

type GptWorkerMessage =
  | {
      type: "ready";
      settings: GptRunSettings;
      vocabulary: string[];
      parameters: number;
      docs: number;
      maxNameLength: number;
      /** Time to build the run: the names, the shuffle, the weights (ms). */
      initMs: number;
    }
  | {
      type: "progress";
      /** Steps taken so far. */
      step: number;
      steps: number;
      /** The losses of the steps since the last progress message, oldest first. */
      losses: number[];
      /** Steps per second over the last second of playing (0 when paused or before a full second). */
      stepsPerSecond: number;
      /** Time spent training so far (ms), samples and inspection included: the run's wall time. */
      trainMs: number;
      /** Where the training time went. */
      timings: GptTimings;
      playing: boolean;
      done: boolean;
    }
  | {
      type: "samples";
      step: number;
      names: string[];
      temperature: number;
      /** True for microgpt's inference after the run (continuing the run's generator). */
      final: boolean;
    }
  | { type: "inspect"; step: number; result: NameInspection | null; error: string | null }
  | { type: "error"; message: string };

const CHUNK_MS = 30;

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToGptWorker>) => void) | null;
  postMessage(message: FromGptWorker): void;
};

let run = 0;
let session: GptSession | null = null;
let temperature = 0.5;
let inspectText = "";
let pending: number[] = [];
let trainMs = 0;
const player = new PlayLoop(loop);

function post(message: GptWorkerMessage): void {
  scope.postMessage({ ...message, run });
}

function report(): void {
  if (!session) return;
  const t = session.trainer;
  post({
    type: "progress",
    step: t.stepCount,
    steps: t.steps,
    losses: pending,
    stepsPerSecond: player.speed,
    trainMs,
    timings: { ...session.timings },
    playing: player.playing,
    done: t.done,
  });
  pending = [];
}

function sendSamples(): void {
  if (!session) return;
  const t = session.trainer;
  const final = t.done;
  const names = final ? session.finalSamples(temperature) : session.liveSamples(temperature);
  post({ type: "samples", step: t.stepCount, names, temperature, final });
}

function sendInspection(): void {
  if (!session) return;
  const step = session.trainer.stepCount;
  if (inspectText.trim() === "") {
    post({ type: "inspect", step, result: null, error: null });
    return;
  }
  try {
    post({ type: "inspect", step, result: session.inspect(inspectText), error: null });
  } catch (err) {
    post({ type: "inspect", step, result: null, error: err instanceof Error ? err.message : String(err) });
  }
}

function loop(): void {
  if (!session) return;
  const t = session.trainer;
  try {
    const start = performance.now();
    // trainMs counts the steps and the live samples; the inference after the last step is not training
    let mark = start;
    const count = () => {
      const now = performance.now();
      trainMs += now - mark;
      mark = now;
    };
    let n = 0;
    while (!t.done && performance.now() - start < CHUNK_MS) {
      pending.push(session.step());
      n++;
      if (t.stepCount % SAMPLE_EVERY === 0 || t.done) {
        count();
        report(); // the curve reaches this step before its samples appear
        sendSamples();
        sendInspection();
        if (t.done) mark = performance.now();
      }
    }
    count();
    player.count(n, start, mark);
    if (t.done) player.pause();
    report();
    player.next();
  } catch (err) {
    fail(err);
  }
}

function fail(err: unknown): void {
  player.playing = false;
  post({ type: "error", message: err instanceof Error ? err.message : String(err) });
}

scope.onmessage = (event) => {
  const msg = event.data;
  try {
    switch (msg.type) {
      case "init": {
        player.pause();
        player.newRun();
        run = msg.run;
        const start = performance.now();
        session = new GptSession(msg.settings);
        pending = [];
        trainMs = 0;
        post({
          type: "ready",
          settings: session.settings,
          vocabulary: session.vocabulary,
          parameters: session.trainer.model.parameterCount,
          docs: session.trainer.docs.length,
          maxNameLength: session.maxNameLength,
          initMs: performance.now() - start,
        });
        report();
        sendSamples(); // the untrained model's names: noise
        sendInspection();
        break;
      }
      case "play":
        if (session && !session.trainer.done) player.play();
        break;
      case "pause":
        player.pause();
        report();
        break;
      case "temperature":
        if (checkTemperature(msg.value) !== temperature) {
          temperature = msg.value;
          if (!player.playing) sendSamples(); // while training, the next live samples use it
        }
        break;
      case "sample":
        sendSamples();
        break;
      case "inspect":
        inspectText = msg.text;
        sendInspection();
        break;
    }
  } catch (err) {
    fail(err);
  }
};
