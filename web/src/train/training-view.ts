/**
 * The training view: settings, play / pause / step / reset, the live decision boundary with training
 * points (dots) and test points (rings) — click to add a point — the network diagram, loss and accuracy
 * curves for the training and the test set, the optimizer's state per parameter for small models, and
 * one sample's graph through the current network. The training itself runs in a Web Worker
 * (`train.worker.ts`).
 *
 * Before any build the page counts the values one step's graph would have (`estimateGraph`) and
 * refuses settings above `MAX_GRAPH_VALUES`, saying the number; while the worker builds, the status says
 * so. Clicks are batched: at most one message (and at most one graph rebuild) per frame.
 */

import { CLASS_COLORS } from "micrograd-ts";
import { withLayoutLimits } from "micrograd-ts/limits";
import { type CurvePoint, curvesLabel, type LossScale } from "../shared/axes.js";
import { drawCurves } from "../shared/curves.js";
import { $, el } from "../shared/dom.js";
import { downloadFile } from "../shared/download.js";
import { fixed, lossText, percent, short } from "../shared/format.js";
import { GraphView } from "../shared/graph-view.js";
import type { GraphvizClient } from "../shared/graphviz-client.js";
import type { Grid } from "../shared/grid.js";
import { FULL_SPEED, SPEEDS, speedLabel } from "../shared/speed.js";
import { type FieldWidths, reservedDot, textWidth } from "../shared/stable-layout.js";
import {
  type AddedPoint,
  defaultTrainConfig,
  HIDDEN_ACTIVATIONS,
  LIMITS,
  NOISY_DATASETS,
  parseTrainSettings,
  type TrainConfig,
  type TrainSettings,
  trainSettingsOf,
} from "../shared/train-config.js";
import { canvasToData, drawBoundary } from "./boundary-plot.js";
import { NetworkView, type NeuronPreview } from "./network-view.js";
import { OptimizerTable } from "./optimizer-table.js";
import {
  estimateGraph,
  MAX_GRAPH_VALUES,
  type ModelFile,
  type NeuronMaps,
  type SampleGraph,
} from "./session.js";
import { type FromWorker, OPTIMIZER_TABLE_MAX, type ToWorker } from "./train.worker.js";
import type { TrainState } from "./train-link.js";

const FIELDS = [
  "dataset",
  "n",
  "noise",
  "trainRatio",
  "seed",
  "hidden",
  "activation",
  "loss",
  "optimizer",
  "lr",
  "regularization",
  "regRate",
  "batchSize",
  "engine",
] as const;
const MAX_CURVE_POINTS = 2000;
/** The sample graph's spacing (inches): roomier than the stepping layout, so no two boxes touch. */
const SAMPLE_SPACING = { ranksep: 0.4, nodesep: 0.3 } as const;

/** What the worker last said about the data. */
type DataView = Pick<
  Extract<FromWorker, { type: "data" }>,
  "x" | "y" | "generated" | "testX" | "testY" | "nClasses" | "bounds"
>;

const LABELS: Record<string, string> = {
  n: "points",
  lr: "learning rate",
  batchSize: "batch size",
  hidden: "hidden layers",
  trainRatio: "train ratio",
  regRate: "regularization rate",
};

/** The training view's controller. */
export class TrainingView {
  private worker: Worker | null = null;
  private config: TrainConfig = defaultTrainConfig();
  /** True from a Reset until the worker's answer to it (see `receive`). */
  private awaitingInit = false;
  /** Points clicked into the training set (kept on Reset and in links). */
  private points: AddedPoint[] = [];
  private pending: AddedPoint[] = [];
  private flushFrame = 0;
  private discretize = false;
  private playing = false;
  private building = false;
  private data: DataView | null = null;
  private grid: Grid | null = null;
  private neurons: NeuronMaps | null = null;
  private weights: Float64Array | null = null;
  private curve: CurvePoint[] = [];
  private lossScale: LossScale = "log";
  /** The network's neuron hovered or focused: the boundary plot shows its map instead of the grid. */
  private neuronPreview: NeuronPreview | null = null;
  private addClass = 0;
  private sampleIndex = 0;
  private sampleKey = "";
  private sampleWidths = new Map<number, FieldWidths>();
  private sampleDrawing = false;
  private nextSample: SampleGraph | null = null;
  /** Callers waiting for the worker's copy of the model, oldest first (the worker answers in order). */
  private readonly modelWaiters: ((file: ModelFile) => void)[] = [];
  /** An overview: it opens with the whole (drawn) graph in view, text down to 3 px; zoom in for the numbers. */
  private readonly sampleGraph = new GraphView("Sample graph", 3);
  private readonly network: NetworkView;
  private readonly optimizerTable = new OptimizerTable();
  private readonly boundary = $("boundary") as HTMLCanvasElement;
  private readonly curves = $("curves") as HTMLCanvasElement;
  private readonly playButton = $("btn-play") as HTMLButtonElement;
  private readonly speedInput = $("train-speed") as HTMLInputElement;
  /** Steps per second while playing, one of `SPEEDS` (Infinity: as fast as it goes). */
  private speed = FULL_SPEED;
  private readonly status = $("train-status");
  private readonly sampleInput = $("sample-index") as HTMLInputElement;
  private frame = 0;
  /** The keyboard cross on the boundary plot, as fractions of its width and height. */
  private readonly cursor = { u: 0.5, v: 0.5 };

  /**
   * @param graphviz lays out the sample graph
   * @param onChange called when the shareable state changes
   */
  constructor(
    private readonly graphviz: GraphvizClient,
    private readonly onChange: () => void,
  ) {
    $("sample-graph").append(this.sampleGraph.element);
    this.network = new NetworkView(
      (hidden) => {
        ($("cfg-hidden") as HTMLInputElement).value = hidden.join(",");
        this.applyForm();
      },
      (preview) => {
        this.neuronPreview = preview;
        this.draw();
      },
    );
    $("network").append(this.network.element);
    $("optimizer").append(this.optimizerTable.element);
    const activation = $("cfg-activation") as HTMLSelectElement;
    for (const a of HIDDEN_ACTIVATIONS) {
      const o = el("option", a === "relu" ? "ReLU" : a);
      o.value = a;
      activation.append(o);
    }
    this.writeForm(this.config);
    for (const name of FIELDS) {
      $(`cfg-${name}`).addEventListener("change", () => this.applyForm());
    }
    for (const name of ["noise", "trainRatio"] as const) {
      $(`cfg-${name}`).addEventListener("input", () => this.showSliders());
    }
    $("train-form").addEventListener("submit", (e) => {
      e.preventDefault();
      this.applyForm();
    });
    this.playButton.addEventListener("click", () => (this.playing ? this.pause() : this.play()));
    $("btn-train-step").addEventListener("click", () => {
      this.pause();
      this.send({ type: "step" });
    });
    $("btn-reset").addEventListener("click", () => this.reset());
    this.speedInput.max = String(SPEEDS.length - 1);
    this.speedInput.addEventListener("input", () => {
      this.setSpeed(SPEEDS[Number(this.speedInput.value)] ?? FULL_SPEED);
      this.onChange();
    });
    $("btn-clear-points").addEventListener("click", () => {
      this.points = [];
      this.reset();
      this.onChange();
    });
    const discretize = $("discretize") as HTMLInputElement;
    discretize.addEventListener("change", () => {
      this.discretize = discretize.checked;
      this.draw();
      this.onChange();
    });
    $("btn-download-json").addEventListener("click", () => void this.download("json"));
    $("btn-download-onnx").addEventListener("click", () => void this.download("onnx"));
    this.boundary.addEventListener("click", (e) => {
      if (!this.data) return;
      const p = canvasToData(this.boundary, this.data.bounds, e.clientX, e.clientY);
      if (p) this.addPoint(p.x, p.y);
    });
    // keyboard: a cross moved with the arrow keys (Shift: bigger steps), Enter or Space adds a point there
    this.boundary.addEventListener("keydown", (e) => {
      const d = e.shiftKey ? 0.1 : 0.02;
      const moves: Record<string, [number, number]> = {
        ArrowLeft: [-d, 0],
        ArrowRight: [d, 0],
        ArrowUp: [0, -d],
        ArrowDown: [0, d],
      };
      const move = moves[e.key];
      if (move) {
        e.preventDefault();
        this.cursor.u = Math.min(1, Math.max(0, this.cursor.u + move[0]));
        this.cursor.v = Math.min(1, Math.max(0, this.cursor.v + move[1]));
        this.draw();
      } else if ((e.key === "Enter" || e.key === " ") && this.data) {
        e.preventDefault();
        const b = this.data.bounds;
        this.addPoint(b.x0 + this.cursor.u * (b.x1 - b.x0), b.y1 - this.cursor.v * (b.y1 - b.y0));
      }
    });
    this.boundary.addEventListener("focus", () => this.draw());
    this.boundary.addEventListener("blur", () => this.draw());
    this.sampleInput.addEventListener("change", () => {
      const i = Number(this.sampleInput.value);
      const max = this.data ? this.data.y.length - 1 : 0;
      if (!Number.isInteger(i) || i < 0 || i > max) {
        this.sampleInput.setAttribute("aria-invalid", "true");
        $("sample-info").textContent = `sample must be a whole number from 0 to ${max}`;
        return;
      }
      this.sampleInput.removeAttribute("aria-invalid");
      this.sampleIndex = i;
      this.send({ type: "sample", index: i });
      this.draw();
    });
    const scale = $("curves-scale") as HTMLSelectElement;
    scale.addEventListener("change", () => {
      this.lossScale = scale.value === "linear" ? "linear" : "log";
      this.draw();
    });
    // on a phone the run panel sticks to the top: what sticks under it (the network's + and −) sits below it
    const runPanel = document.querySelector(".run-panel") as HTMLElement;
    new ResizeObserver(() => {
      const sticky = getComputedStyle(runPanel).position === "sticky";
      $("view-train").style.setProperty("--run-panel-height", `${sticky ? runPanel.offsetHeight : 0}px`);
    }).observe(runPanel);
    new ResizeObserver(() => this.draw()).observe(this.boundary);
    new ResizeObserver(() => this.draw()).observe(this.curves);
  }

  /** The state to put in a share link. */
  state(): TrainState {
    return {
      view: "train",
      config: { ...this.config, hidden: [...this.config.hidden] },
      points: this.points.map((p) => ({ ...p })),
      discretize: this.discretize,
      ...(this.speed === FULL_SPEED ? {} : { speed: this.speed }),
    };
  }

  /**
   * Sets the steps per second while playing (one of `SPEEDS`; Infinity: as fast as it goes), e.g. 1 to
   * follow a run one step at a time; the run goes on at the new speed.
   * @throws RangeError for a speed that is not one of `SPEEDS`
   */
  setSpeed(stepsPerSecond: number): void {
    const stop = SPEEDS.indexOf(stepsPerSecond);
    if (stop < 0) {
      throw new RangeError(
        `speed must be one of ${SPEEDS.join(", ")} steps per second, got ${stepsPerSecond}`,
      );
    }
    this.speed = stepsPerSecond;
    this.speedInput.value = String(stop);
    this.speedInput.setAttribute("aria-valuetext", speedLabel(stepsPerSecond));
    $("train-speed-text").textContent = speedLabel(stepsPerSecond);
    this.send({ type: "speed", stepsPerSecond });
  }

  /** Restores a shared state (already validated) and restarts training. */
  restore(state: TrainState): void {
    this.writeForm(state.config);
    this.config = { ...state.config, hidden: [...state.config.hidden] };
    this.points = state.points.map((p) => ({ ...p }));
    this.discretize = state.discretize;
    ($("discretize") as HTMLInputElement).checked = state.discretize;
    this.setSpeed(state.speed ?? FULL_SPEED);
    const estimate = estimateGraph(this.config, this.points);
    if (!estimate.ok) {
      // a link may ask for more than the page builds: say so, and train the defaults instead
      this.showFormErrors([this.tooBig(estimate)], ["hidden", "n", "batchSize"]);
      this.config = defaultTrainConfig();
      this.points = [];
    }
    if (this.worker) this.reset();
  }

  /** Starts the worker the first time the view is shown. */
  activate(): void {
    if (this.worker) {
      this.draw();
      return;
    }
    this.worker = new Worker(new URL("./train.worker.ts", import.meta.url), { type: "module" });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.showRunError(`The training worker failed: ${e.message || "it could not start"}`);
    };
    this.send({ type: "speed", stepsPerSecond: this.speed });
    this.reset();
  }

  private send(msg: ToWorker): void {
    this.worker?.postMessage(msg);
  }

  private writeForm(config: TrainConfig): void {
    const text = trainSettingsOf(config);
    for (const name of FIELDS) {
      const input = $(`cfg-${name}`) as HTMLInputElement | HTMLSelectElement;
      input.value = text[name];
      input.removeAttribute("aria-invalid");
    }
    this.showSliders();
  }

  private showSliders(): void {
    const noise = $("cfg-noise") as HTMLInputElement;
    $("out-noise").textContent = Number(noise.value).toFixed(2);
    const ratio = $("cfg-trainRatio") as HTMLInputElement;
    $("out-trainRatio").textContent = `${Math.round(Number(ratio.value) * 100)}%`;
    const dataset = ($("cfg-dataset") as HTMLSelectElement).value;
    noise.disabled = !NOISY_DATASETS.includes(dataset);
  }

  /** Form errors stay until the field is fixed: nothing else clears them. */
  private showFormErrors(errors: string[], fields: string[]): void {
    for (const name of FIELDS) {
      const input = $(`cfg-${name}`);
      if (fields.includes(name)) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
    const box = $("train-error");
    box.hidden = errors.length === 0;
    box.textContent = errors.join("\n");
  }

  private tooBig(e: ReturnType<typeof estimateGraph>): string {
    return (
      `One training step would build a graph of ${e.values.toLocaleString("en-US")} values ` +
      `(${e.batch} points per step through this network); the limit is ${MAX_GRAPH_VALUES.toLocaleString("en-US")}. ` +
      `Use fewer points or smaller layers, or a batch size of at most ${e.maxBatch}.`
    );
  }

  private applyForm(): void {
    const settings: TrainSettings = {};
    for (const name of FIELDS) settings[name] = ($(`cfg-${name}`) as HTMLInputElement).value;
    const { config, errors } = parseTrainSettings(settings, this.config);
    if (errors.length > 0) {
      const bad = FIELDS.filter((name) => errors.some((e) => e.startsWith(LABELS[name] ?? name)));
      this.showFormErrors(errors, bad);
      return;
    }
    const points = config.dataset === this.config.dataset ? this.points : [];
    const estimate = estimateGraph(config, points);
    if (!estimate.ok) {
      this.showFormErrors([this.tooBig(estimate)], ["hidden", "n", "batchSize"]);
      return;
    }
    this.showFormErrors([], []);
    if (points !== this.points) this.points = [];
    this.config = config;
    this.showSliders();
    this.reset();
    this.onChange();
  }

  /** Restarts training from fresh weights with the current settings and points. */
  reset(): void {
    this.curve = [];
    this.grid = null;
    this.neurons = null;
    this.weights = null;
    this.sampleKey = "";
    this.pending = [];
    for (const [id, text] of [
      ["stat-epoch", "0"],
      ["stat-step", "0"],
      ["stat-loss", "–"],
      ["stat-test-loss", "–"],
      ["stat-accuracy", "–"],
      ["stat-test-accuracy", "–"],
      ["stat-speed", "–"],
    ] as const) {
      $(id).textContent = text;
    }
    $("train-run-error").hidden = true;
    this.setBuilding(true);
    this.awaitingInit = true;
    this.send({ type: "init", config: this.config, points: this.points });
    this.send({ type: "sample", index: this.sampleIndex });
    this.draw();
  }

  private setBuilding(on: boolean): void {
    this.building = on;
    const plots = document.querySelector(".train-view");
    plots?.setAttribute("aria-busy", String(on));
    this.status.classList.toggle("busy", on);
    if (on) {
      const e = estimateGraph(this.config, this.points);
      this.status.textContent = `Building the loss graph: ${e.values.toLocaleString("en-US")} values…`;
    }
  }

  /** Starts stepping continuously. */
  play(): void {
    this.playing = true;
    this.playButton.textContent = "Pause";
    this.playButton.setAttribute("aria-pressed", "true");
    this.send({ type: "play" });
  }

  /** Stops stepping. */
  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.playButton.textContent = "Play";
    this.playButton.setAttribute("aria-pressed", "false");
    this.send({ type: "pause" });
  }

  /**
   * Downloads the current model: as JSON (what micrograd predict / export read) or as ONNX (float32 or
   * float64, from the select next to the button). The ONNX encoder is loaded on first use.
   */
  private async download(kind: "json" | "onnx"): Promise<void> {
    if (!this.worker) return;
    try {
      const file = await new Promise<ModelFile>((resolve) => {
        this.modelWaiters.push(resolve);
        this.send({ type: "model" });
      });
      const base = `${file.micrograd?.dataset ?? "micrograd"}-model`;
      let name: string;
      if (kind === "json") {
        name = `${base}.json`;
        downloadFile(name, `${JSON.stringify(file, null, 1)}\n`, "application/json");
      } else {
        const dtype = ($("onnx-dtype") as HTMLSelectElement).value === "float64" ? "float64" : "float32";
        const { toOnnx } = await import("micrograd-cli/onnx");
        name = `${base}.onnx`;
        downloadFile(name, toOnnx(file, { dtype }), "application/octet-stream");
      }
      this.status.textContent = `Downloaded ${name}: the model after ${$("stat-step").textContent} steps.`;
    } catch (err) {
      this.showRunError(`Could not export the model: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private showRunError(message: string): void {
    const box = $("train-run-error");
    box.hidden = false;
    box.textContent = message;
  }

  /** Adds a training point of the chosen class (sent with the others of this frame). */
  private addPoint(x: number, y: number): void {
    if (!this.data) return;
    if (this.data.y.length >= LIMITS.points.max) {
      this.status.textContent = `At most ${LIMITS.points.max} training points.`;
      return;
    }
    const p = { x, y, cls: this.addClass };
    this.points.push(p);
    this.pending.push(p);
    this.data.x.push([x, y]); // drawn at once; the worker's next "data" message agrees
    this.data.y.push(p.cls);
    ($("btn-clear-points") as HTMLButtonElement).disabled = false;
    this.draw();
    this.onChange();
    if (!this.flushFrame) {
      this.flushFrame = requestAnimationFrame(() => {
        this.flushFrame = 0;
        if (this.pending.length === 0) return;
        this.send({ type: "addPoints", points: this.pending });
        this.pending = [];
      });
    }
  }

  private receive(msg: FromWorker): void {
    // the worker answers messages in order: until the "data" of the last "init" (or its "error"), what
    // arrives is from the run before Reset and must not put its numbers back on the screen
    if (this.awaitingInit) {
      if (msg.type === "data" || msg.type === "error") this.awaitingInit = false;
      else if (msg.type !== "model") return;
    }
    switch (msg.type) {
      case "data": {
        this.data = {
          x: msg.x,
          y: msg.y,
          generated: msg.generated,
          testX: msg.testX,
          testY: msg.testY,
          nClasses: msg.nClasses,
          bounds: msg.bounds,
        };
        for (const p of this.pending) {
          this.data.x.push([p.x, p.y]);
          this.data.y.push(p.cls);
        }
        this.buildClassPicker(msg.nClasses);
        if (this.building) {
          this.setBuilding(false);
          this.network.setShape(this.config.hidden, msg.nOut);
          this.optimizerTable.setModel(msg.labels, msg.parameters, OPTIMIZER_TABLE_MAX);
        }
        ($("btn-clear-points") as HTMLButtonElement).disabled = this.points.length === 0;
        const max = msg.y.length - 1;
        this.sampleInput.max = String(max);
        if (this.sampleIndex > max) {
          this.sampleIndex = max;
          this.sampleInput.value = String(max);
          this.sampleInput.removeAttribute("aria-invalid");
          this.send({ type: "sample", index: max });
        }
        const test = msg.testY.length;
        this.status.textContent =
          `${msg.y.length} training points${this.points.length ? ` (${this.points.length} added)` : ""}, ` +
          `${test} test points, ${msg.parameters} parameters; one step: ` +
          (msg.graphSize > 0
            ? `${msg.graphSize.toLocaleString("en-US")} numbers on typed arrays (built once)`
            : "a loss graph rebuilt every step");
        this.draw();
        break;
      }
      case "progress": {
        $("stat-step").textContent = String(msg.step);
        $("stat-epoch").textContent = msg.epoch < 10 ? msg.epoch.toFixed(1) : msg.epoch.toFixed(0);
        // the last speed stays when training pauses (Reset clears it)
        if (msg.playing && msg.stepsPerSecond > 0)
          $("stat-speed").textContent = msg.stepsPerSecond.toFixed(0);
        if (msg.scores) {
          const { train, test } = msg.scores;
          $("stat-loss").textContent = lossText(train.loss);
          $("stat-test-loss").textContent = lossText(test.loss);
          $("stat-accuracy").textContent = percent(train.accuracy);
          $("stat-test-accuracy").textContent = percent(test.accuracy);
          this.pushCurve({
            step: msg.step,
            trainLoss: train.loss,
            testLoss: test.loss,
            trainAccuracy: train.accuracy,
            testAccuracy: test.accuracy,
          });
        }
        if (msg.grid) this.grid = msg.grid;
        if (msg.neurons) this.neurons = msg.neurons;
        if (msg.weights) this.weights = msg.weights;
        if (msg.optimizer) this.optimizerTable.update(msg.optimizer);
        if (msg.scores || msg.grid || msg.weights) this.draw();
        break;
      }
      case "sample":
        this.showSample(msg.sample);
        break;
      case "model":
        this.modelWaiters.shift()?.(msg.file);
        break;
      case "diverged":
        this.pause();
        this.status.textContent = `The loss became NaN or infinite at step ${msg.step}: lower the learning rate and press Reset.`;
        break;
      case "error":
        this.pause();
        this.setBuilding(false);
        this.showRunError(msg.message);
        break;
    }
  }

  private pushCurve(p: CurvePoint): void {
    const last = this.curve[this.curve.length - 1];
    if (last && last.step === p.step) this.curve[this.curve.length - 1] = p;
    else this.curve.push(p);
    if (this.curve.length > MAX_CURVE_POINTS) this.curve = this.curve.filter((_, i) => i % 2 === 0);
  }

  private buildClassPicker(k: number): void {
    const box = $("add-class");
    if (box.childElementCount === k) return;
    if (this.addClass >= k) this.addClass = 0;
    box.replaceChildren(
      ...Array.from({ length: k }, (_, c) => {
        const label = el("label", undefined, "class-option check");
        const input = el("input");
        input.type = "radio";
        input.name = "add-class";
        input.value = String(c);
        input.checked = c === this.addClass;
        input.addEventListener("change", () => {
          this.addClass = c;
        });
        const swatch = el("span", undefined, "swatch");
        swatch.style.background = CLASS_COLORS[c] ?? "#777";
        label.append(input, swatch, ` ${c}`);
        return label;
      }),
    );
  }

  private draw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if ($("view-train").hidden) return;
      drawCurves(this.curves, this.curve, this.lossScale);
      this.curves.setAttribute("aria-label", curvesLabel(this.curve, this.lossScale));
      const d = this.data;
      if (!d) return;
      $("boundary-sample").textContent = String(this.sampleIndex);
      drawBoundary(this.boundary, {
        bounds: d.bounds,
        grid: this.grid,
        x: d.x,
        y: d.y,
        generated: d.generated,
        testX: d.testX,
        testY: d.testY,
        highlight: this.sampleIndex,
        cursor: document.activeElement === this.boundary ? this.cursor : null,
        discretize: this.discretize,
        neuron: this.neuronPreview,
      });
      this.boundary.dataset.shows = this.neuronPreview ? this.neuronPreview.label : "decision";
      if (this.weights) this.network.update(this.weights, this.neurons, this.grid, d.bounds, this.discretize);
    });
  }

  private showSample(sample: SampleGraph): void {
    const { snapshot } = sample;
    $("sample-info").textContent =
      `x = (${short(sample.x[0])}, ${short(sample.x[1])}), class ${sample.y}, predicted ${sample.predicted}, loss ${short(sample.loss)}`;
    this.sampleGraph.setMessage(
      snapshot.nodes.length < snapshot.total
        ? `This sample's graph has ${snapshot.total.toLocaleString("en-US")} values; showing the ${snapshot.nodes.length} nearest the loss ("… k more" marks what is left out). A network with fewer hidden units (e.g. hidden layers 3) fits whole.`
        : `The whole graph: ${snapshot.total} values.`,
    );
    this.nextSample = sample;
    void this.drawSample();
  }

  /**
   * Lays the sample's graph out once per structure (settings, sample, graph size), with each number
   * field one character wider than it first needed; numbers are then written in place, and the graph is
   * laid out again only if one outgrows its field.
   */
  private async drawSample(): Promise<void> {
    if (this.sampleDrawing) return;
    this.sampleDrawing = true;
    this.sampleGraph.element.dataset.state = "busy";
    try {
      while (this.nextSample) {
        const s = this.nextSample;
        this.nextSample = null;
        const { nodes, root } = s.snapshot;
        const key = `${JSON.stringify(trainSettingsOf(this.config))}|${s.index}|${s.snapshot.total}`;
        const fits =
          key === this.sampleKey &&
          this.sampleGraph.shown &&
          nodes.every((n) => {
            const w = this.sampleWidths.get(n.id);
            return w !== undefined && textWidth(n.data) <= w.data && textWidth(n.grad) <= w.grad;
          });
        if (!fits) {
          if (key !== this.sampleKey) this.sampleGraph.clear();
          const widths = new Map<number, FieldWidths>();
          for (const n of nodes) {
            const old = key === this.sampleKey ? this.sampleWidths.get(n.id) : undefined;
            widths.set(n.id, {
              data: Math.max(old?.data ?? 0, textWidth(n.data) + 1),
              grad: Math.max(old?.grad ?? 0, textWidth(n.grad) + 1),
            });
          }
          const dot = reservedDot(nodes, (id) => widths.get(id) as FieldWidths, {}, SAMPLE_SPACING);
          const svg = await this.graphviz.layout(withLayoutLimits(dot, nodes.length));
          this.sampleGraph.show(svg); // fitted: the whole graph at once (zoom in with + or the wheel)
          this.sampleKey = key;
          this.sampleWidths = widths;
        }
        for (const n of nodes) {
          this.sampleGraph.setText(`n${n.id}`, "data", `data ${fixed(n.data)}`);
          this.sampleGraph.setText(`n${n.id}`, "grad", `grad ${fixed(n.grad)}`);
          this.sampleGraph.describe(
            `n${n.id}`,
            `${n.label || n.op}: data ${short(n.data)}, grad ${short(n.grad)}`,
          );
        }
        this.sampleGraph.highlight(`n${root}`);
      }
    } catch (err) {
      this.sampleGraph.clear();
      this.sampleGraph.setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      this.sampleDrawing = false;
      this.sampleGraph.element.dataset.state = "ready";
    }
  }
}
