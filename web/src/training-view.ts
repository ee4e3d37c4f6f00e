/**
 * The training view: settings, play / pause / step / reset, the live decision boundary (click to add a
 * point), loss and accuracy curves, and one sample's graph through the current network. The training
 * itself runs in a Web Worker (`train.worker.ts`).
 */
import { short } from "./format.js";
import { snapshotToDot, withLayoutLimits } from "./graph-snapshot.js";
import { GraphView } from "./graph-view.js";
import type { GraphvizClient } from "./graphviz-client.js";
import { CLASS_COLORS, canvasToData, drawBoundary, drawCurves } from "./plots.js";
import type { TrainState } from "./share.js";
import type { FromWorker, ToWorker } from "./train.worker.js";
import {
  defaultTrainConfig,
  parseTrainSettings,
  type TrainConfig,
  type TrainSettings,
  trainSettingsOf,
} from "./train-config.js";
import type { Bounds, Grid, SampleGraph } from "./trainer.js";

const FIELDS = [
  "dataset",
  "n",
  "hidden",
  "activation",
  "loss",
  "optimizer",
  "lr",
  "batchSize",
  "seed",
  "engine",
] as const;
const MAX_LOSSES = 4000;

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

/** The training view's controller. */
export class TrainingView {
  private worker: Worker | null = null;
  private config: TrainConfig = defaultTrainConfig();
  private playing = false;
  private data: { x: [number, number][]; y: number[]; nClasses: number; bounds: Bounds } | null = null;
  private grid: Grid | null = null;
  private losses: number[] = [];
  private lossStride = 1;
  private lossSkip = 0;
  private accuracy: [number, number][] = [];
  private addClass = 0;
  private sampleIndex = 0;
  private sampleStructure = "";
  private sampleDrawing = false;
  private nextSample: SampleGraph | null = null;
  private readonly sampleGraph = new GraphView("Sample graph");
  private readonly boundary = $("boundary") as HTMLCanvasElement;
  private readonly curves = $("curves") as HTMLCanvasElement;
  private readonly playButton = $("btn-play") as HTMLButtonElement;
  private readonly status = $("train-status");
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
    this.writeForm(this.config);
    for (const name of FIELDS) {
      $(`cfg-${name}`).addEventListener("change", () => this.applyForm());
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
    this.boundary.addEventListener("click", (e) => {
      if (!this.data) return;
      const p = canvasToData(this.boundary, this.data.bounds, e.clientX, e.clientY);
      this.send({ type: "addPoint", x: p.x, y: p.y, cls: this.addClass });
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
        const x = b.x0 + this.cursor.u * (b.x1 - b.x0);
        const y = b.y1 - this.cursor.v * (b.y1 - b.y0);
        this.send({ type: "addPoint", x, y, cls: this.addClass });
      }
    });
    this.boundary.addEventListener("focus", () => this.draw());
    this.boundary.addEventListener("blur", () => this.draw());
    const sample = $("sample-index") as HTMLInputElement;
    sample.addEventListener("change", () => {
      const i = Number(sample.value);
      const max = this.data ? this.data.y.length - 1 : 0;
      if (!Number.isInteger(i) || i < 0 || i > max) {
        sample.setAttribute("aria-invalid", "true");
        $("sample-info").textContent = `sample must be a whole number from 0 to ${max}`;
        return;
      }
      sample.removeAttribute("aria-invalid");
      this.sampleIndex = i;
      this.send({ type: "sample", index: i });
      this.draw();
    });
    window.addEventListener("resize", () => this.draw());
  }

  /** The state to put in a share link. */
  state(): TrainState {
    return { view: "train", config: { ...this.config, hidden: [...this.config.hidden] } };
  }

  /** Restores a shared config (already validated) and restarts training. */
  restore(state: TrainState): void {
    this.writeForm(state.config);
    this.config = { ...state.config, hidden: [...state.config.hidden] };
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
      this.showError(`The training worker failed: ${e.message || "it could not start"}`);
    };
    this.reset();
  }

  private send(msg: ToWorker): void {
    this.worker?.postMessage(msg);
  }

  private writeForm(config: TrainConfig): void {
    const text = trainSettingsOf(config);
    for (const name of FIELDS) {
      const el = $(`cfg-${name}`) as HTMLInputElement | HTMLSelectElement;
      el.value = text[name];
      el.removeAttribute("aria-invalid");
    }
  }

  private applyForm(): void {
    const settings: TrainSettings = {};
    for (const name of FIELDS) settings[name] = ($(`cfg-${name}`) as HTMLInputElement).value;
    const { config, errors } = parseTrainSettings(settings, this.config);
    for (const name of FIELDS) {
      const el = $(`cfg-${name}`);
      const bad = errors.some((e) => e.startsWith(labelOf(name)));
      if (bad) el.setAttribute("aria-invalid", "true");
      else el.removeAttribute("aria-invalid");
    }
    const box = $("train-error");
    box.hidden = errors.length === 0;
    box.textContent = errors.join("\n");
    if (errors.length > 0) return;
    this.config = config;
    this.reset();
    this.onChange();
  }

  /** Restarts training from fresh weights with the current settings. */
  reset(): void {
    this.losses = [];
    this.lossStride = 1;
    this.lossSkip = 0;
    this.accuracy = [];
    this.grid = null;
    this.sampleStructure = "";
    this.status.textContent = "";
    this.send({ type: "init", config: this.config });
    this.send({ type: "sample", index: this.sampleIndex });
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

  private showError(message: string): void {
    const box = $("train-error");
    box.hidden = false;
    box.textContent = message;
  }

  private receive(msg: FromWorker): void {
    switch (msg.type) {
      case "data": {
        this.data = { x: msg.x, y: msg.y, nClasses: msg.nClasses, bounds: msg.bounds };
        $("train-error").hidden = true;
        this.buildClassPicker(msg.nClasses);
        const sample = $("sample-index") as HTMLInputElement;
        sample.max = String(msg.y.length - 1);
        $("train-status").textContent =
          `${msg.y.length} points, ${msg.parameters} parameters; one step's loss graph: ` +
          (msg.graphSize > 0
            ? `${msg.graphSize.toLocaleString("en-US")} values (compiled once)`
            : "rebuilt every step");
        this.draw();
        break;
      }
      case "progress": {
        for (const l of msg.losses) this.pushLoss(l);
        this.accuracy.push([msg.step, msg.accuracy]);
        if (this.accuracy.length > MAX_LOSSES) this.accuracy = this.accuracy.filter((_, i) => i % 2 === 0);
        if (msg.grid) this.grid = msg.grid;
        $("stat-step").textContent = String(msg.step);
        const last = msg.losses[msg.losses.length - 1];
        if (last !== undefined) $("stat-loss").textContent = short(last);
        $("stat-accuracy").textContent = `${(msg.accuracy * 100).toFixed(1)}%`;
        $("stat-speed").textContent =
          msg.playing && msg.stepsPerSecond > 0 ? msg.stepsPerSecond.toFixed(0) : "–";
        this.draw();
        break;
      }
      case "sample":
        this.showSample(msg.sample);
        break;
      case "diverged":
        this.pause();
        this.status.textContent = `The loss became NaN or infinite at step ${msg.step}: lower the learning rate and press Reset.`;
        break;
      case "error":
        this.pause();
        this.showError(msg.message);
        break;
    }
  }

  private pushLoss(l: number): void {
    this.lossSkip++;
    if (this.lossSkip < this.lossStride) return;
    this.lossSkip = 0;
    this.losses.push(l);
    if (this.losses.length >= MAX_LOSSES) {
      this.losses = this.losses.filter((_, i) => i % 2 === 0);
      this.lossStride *= 2;
    }
  }

  private buildClassPicker(k: number): void {
    const box = $("add-class");
    if (box.childElementCount === k) return;
    if (this.addClass >= k) this.addClass = 0;
    box.replaceChildren(
      ...Array.from({ length: k }, (_, c) => {
        const label = document.createElement("label");
        label.className = "class-option";
        const input = document.createElement("input");
        input.type = "radio";
        input.name = "add-class";
        input.value = String(c);
        input.checked = c === this.addClass;
        input.addEventListener("change", () => {
          this.addClass = c;
        });
        const swatch = document.createElement("span");
        swatch.className = "swatch";
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
      if ($("view-train").hidden || !this.data) return;
      drawBoundary(this.boundary, {
        bounds: this.data.bounds,
        grid: this.grid,
        x: this.data.x,
        y: this.data.y,
        highlight: this.sampleIndex,
        cursor: document.activeElement === this.boundary ? this.cursor : null,
      });
      drawCurves(this.curves, this.losses, this.lossStride, this.accuracy);
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

  private async drawSample(): Promise<void> {
    if (this.sampleDrawing) return;
    this.sampleDrawing = true;
    this.sampleGraph.element.dataset.state = "busy";
    try {
      while (this.nextSample) {
        const s = this.nextSample;
        this.nextSample = null;
        const structure = `${JSON.stringify(trainSettingsOf(this.config))}|${s.index}|${s.snapshot.total}`;
        if (structure !== this.sampleStructure) this.sampleGraph.clear();
        const svg = await this.graphviz.layout(
          withLayoutLimits(snapshotToDot(s.snapshot), s.snapshot.nodes.length),
        );
        this.sampleGraph.show(svg, `n${s.snapshot.root}`);
        this.sampleGraph.highlight(`n${s.snapshot.root}`);
        this.sampleStructure = structure;
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

function labelOf(field: (typeof FIELDS)[number]): string {
  const labels: Record<string, string> = {
    n: "points",
    lr: "learning rate",
    batchSize: "batch size",
    hidden: "hidden layers",
  };
  return labels[field] ?? field;
}
