/**
 * The GPT view: Karpathy's microgpt trained on the names in a Web Worker (`gpt.worker.ts`) with a live loss
 * curve, names sampled every 50 steps at a chosen temperature, and, for a typed name, the next-character
 * probabilities at each position and every head's attention weights. It builds its own DOM inside
 * `#view-gpt`, so index.html only holds the tab and the empty panel.
 */
import "./gpt.css";
import { h } from "../shared/dom.js";
import { ATTENTION_MASKED, attentionColor, drawAttention, drawLossCurve } from "./draw.js";
import type { FromGptWorker, ToGptWorker } from "./gpt.worker.js";
import {
  DEFAULT_GPT_SETTINGS,
  type GptRunSettings,
  MAX_GPT_STEPS,
  MAX_TEMPERATURE,
  MIN_TEMPERATURE,
  movingAverage,
  type NameInspection,
  parseGptSettings,
  SAMPLE_EVERY,
} from "./session.js";

/** The loss curve's moving average window (steps). */
const SMOOTH = 50;
/** How BOS (the start and the end of a name) is written, as makemore writes it. */
const BOS_LABEL = ".";

/** A probability in percent: "23%", "0.4%". */
function percent(p: number): string {
  return p >= 0.1 ? `${Math.round(p * 100)}%` : `${(p * 100).toFixed(1)}%`;
}

/** The attention maps' colour scale: a bar from weight 0 to 1 in the maps' colours, and the mask's grey. */
function attentionScale(): HTMLElement {
  const stops = [0, 0.25, 0.5, 0.75, 1].map((a) => `${attentionColor(a)} ${a * 100}%`).join(", ");
  const bar = h("span", { class: "gpt-scale-bar", "aria-hidden": "true" });
  bar.style.background = `linear-gradient(to right, ${stops})`;
  const masked = h("span", { class: "gpt-scale-swatch", "aria-hidden": "true" });
  masked.style.background = ATTENTION_MASKED;
  return h(
    "p",
    { id: "gpt-attention-scale", class: "gpt-scale" },
    h("span", {}, "attention weight 0"),
    bar,
    h("span", {}, "1"),
    masked,
    h("span", {}, "masked (a later position)"),
  );
}

function stat(id: string, label: string): HTMLElement {
  return h("div", {}, h("dt", {}, label), h("dd", { id }, "–"));
}

/** The GPT view's controller. */
export class GptView {
  private worker: Worker | null = null;
  private settings: GptRunSettings = { ...DEFAULT_GPT_SETTINGS };
  private playing = false;
  private done = false;
  private losses: number[] = [];
  private steps: number = DEFAULT_GPT_SETTINGS.steps;
  private vocabulary: string[] = [];
  private inspection: NameInspection | null = null;
  private frame = 0;
  /** The current run's number (see `ToGptWorker` "init"). */
  private run = 0;
  private inspectTimer = 0;
  private temperatureTimer = 0;

  private readonly root: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly stepsInput: HTMLInputElement;
  private readonly seedInput: HTMLInputElement;
  private readonly formError: HTMLElement;
  private readonly playButton: HTMLButtonElement;
  private readonly resetButton: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly timing: HTMLElement;
  private readonly curve: HTMLCanvasElement;
  private readonly temperature: HTMLInputElement;
  private readonly temperatureOut: HTMLOutputElement;
  private readonly sampleButton: HTMLButtonElement;
  private readonly samplesNote: HTMLElement;
  private readonly samples: HTMLOListElement;
  private readonly nameInput: HTMLInputElement;
  private readonly nameError: HTMLElement;
  private readonly nameNote: HTMLElement;
  private readonly probs: HTMLTableElement;
  private readonly heads: HTMLElement;

  /** @param root the view's (empty) panel, `#view-gpt` */
  constructor(root: HTMLElement) {
    this.root = root;
    this.stepsInput = h("input", {
      id: "gpt-steps",
      name: "steps",
      type: "text",
      inputmode: "numeric",
      size: 6,
      value: String(this.settings.steps),
      "aria-describedby": "gpt-steps-hint",
    });
    this.seedInput = h("input", {
      id: "gpt-seed",
      name: "seed",
      type: "text",
      inputmode: "numeric",
      size: 6,
      value: String(this.settings.seed),
    });
    this.formError = h("pre", { id: "gpt-error", class: "error", role: "alert", hidden: true });
    this.playButton = h(
      "button",
      { type: "button", id: "gpt-play", class: "primary", "aria-pressed": "false" },
      "Start",
    );
    this.resetButton = h(
      "button",
      { type: "button", id: "gpt-reset", title: "Fresh weights from the seed; the settings above" },
      "Reset",
    );
    this.status = h("p", { id: "gpt-status", class: "note", role: "status" });
    this.timing = h("p", { id: "gpt-timing", class: "note" });
    this.form = h(
      "form",
      { id: "gpt-form", class: "panel gpt-controls", novalidate: true, "aria-labelledby": "gpt-title" },
      h("h2", { id: "gpt-title" }, "microgpt on the names"),
      h(
        "p",
        { class: "note" },
        "Karpathy's microgpt: a 1-layer GPT (16-dim embeddings, 4 heads, block size 16, 4,192 parameters) ",
        "learns to make up names, one of 32,033 names per step, with Adam. Seed 42 and 1,000 steps is microgpt.py's run, loss for loss.",
      ),
      h(
        "div",
        { class: "gpt-field" },
        h("label", { for: "gpt-steps" }, "Steps"),
        this.stepsInput,
        h(
          "span",
          { id: "gpt-steps-hint", class: "hint" },
          `1 – ${MAX_GPT_STEPS.toLocaleString("en-US")}; lr decays to 0`,
        ),
      ),
      h("div", { class: "gpt-field" }, h("label", { for: "gpt-seed" }, "Seed"), this.seedInput),
      this.formError,
      h("div", { class: "buttons" }, this.playButton, this.resetButton),
      h(
        "dl",
        { class: "stats", "aria-live": "off" },
        stat("gpt-stat-step", "step"),
        stat("gpt-stat-loss", "loss (this step)"),
        stat("gpt-stat-avg", `mean loss (last ${SMOOTH})`),
        stat("gpt-stat-speed", "steps/s"),
        stat("gpt-stat-time", "training time"),
      ),
      this.status,
      this.timing,
    );

    this.curve = h("canvas", {
      id: "gpt-curve",
      width: 640,
      height: 240,
      role: "img",
      "aria-label": "Loss curve: no steps yet",
    });
    this.temperature = h("input", {
      id: "gpt-temperature",
      type: "range",
      min: MIN_TEMPERATURE,
      max: MAX_TEMPERATURE,
      step: 0.05,
      value: 0.5,
      "aria-describedby": "gpt-temperature-hint",
    });
    this.temperatureOut = h("output", { id: "gpt-temperature-value", for: "gpt-temperature" }, "0.50");
    this.sampleButton = h("button", { type: "button", id: "gpt-sample" }, "More names");
    this.samplesNote = h("p", { id: "gpt-samples-note", class: "note" });
    this.samples = h("ol", {
      id: "gpt-samples",
      class: "gpt-samples",
      "aria-labelledby": "gpt-samples-title",
    });
    const trainPanel = h(
      "div",
      { class: "panel gpt-train" },
      this.curve,
      h(
        "div",
        { class: "gpt-samples-head" },
        h("h2", { id: "gpt-samples-title" }, "Sampled names"),
        h(
          "div",
          { class: "gpt-temperature" },
          h("label", { for: "gpt-temperature" }, "Temperature"),
          this.temperature,
          this.temperatureOut,
        ),
        this.sampleButton,
      ),
      h(
        "p",
        { id: "gpt-temperature-hint", class: "hint" },
        "Low: safe, common names; 1: the model as it is; high: wilder.",
      ),
      this.samplesNote,
      this.samples,
    );

    this.nameInput = h("input", {
      id: "gpt-name",
      type: "text",
      value: "emma",
      size: 16,
      spellcheck: "false",
      autocomplete: "off",
      autocapitalize: "off",
      "aria-describedby": "gpt-name-note gpt-name-error",
    });
    this.nameError = h("p", { id: "gpt-name-error", class: "error", role: "alert", hidden: true });
    this.nameNote = h("p", { id: "gpt-name-note", class: "note" });
    this.probs = h("table", { id: "gpt-probs", class: "gpt-probs" });
    this.heads = h("div", { id: "gpt-attention", class: "gpt-heads" });
    const inspectPanel = h(
      "div",
      { class: "panel gpt-inspect" },
      h("h2", {}, "Type a name: what the model predicts"),
      h("div", { class: "row" }, h("label", { for: "gpt-name" }, "Name"), this.nameInput),
      this.nameError,
      this.nameNote,
      h(
        "p",
        { class: "hint" },
        `Each row is a position: the model has read the characters up to it (${BOS_LABEL} is the start token) and gives every next character a probability, in percent (${BOS_LABEL} = the name ends). The outlined cell is the character that comes next in your name.`,
      ),
      h("div", { class: "table-wrap" }, this.probs),
      h("h3", {}, "Attention"),
      h(
        "p",
        { class: "hint" },
        "One map per head: row = the position reading, column = the position it looks at (only earlier ones: the grey triangle is masked). Dark = most of the weight.",
      ),
      attentionScale(),
      this.heads,
    );
    root.append(this.form, trainPanel, inspectPanel);

    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.applyForm();
    });
    for (const input of [this.stepsInput, this.seedInput])
      input.addEventListener("change", () => this.applyForm());
    this.playButton.addEventListener("click", () => (this.playing ? this.pause() : this.play()));
    this.resetButton.addEventListener("click", () => this.reset());
    this.temperature.addEventListener("input", () => {
      const t = Number(this.temperature.value);
      this.temperatureOut.textContent = t.toFixed(2);
      this.temperature.setAttribute("aria-valuetext", t.toFixed(2));
      // sampling 10-20 names takes tens of ms: send the value once the slider rests
      window.clearTimeout(this.temperatureTimer);
      this.temperatureTimer = window.setTimeout(() => this.send({ type: "temperature", value: t }), 100);
    });
    this.sampleButton.addEventListener("click", () => this.send({ type: "sample" }));
    this.nameInput.addEventListener("input", () => {
      window.clearTimeout(this.inspectTimer);
      this.inspectTimer = window.setTimeout(
        () => this.send({ type: "inspect", text: this.nameInput.value }),
        120,
      );
    });
    window.addEventListener("resize", () => this.draw());
  }

  /** Starts the worker the first time the view is shown; redraws after being hidden. */
  activate(): void {
    if (this.worker) {
      this.draw();
      return;
    }
    this.worker = new Worker(new URL("./gpt.worker.ts", import.meta.url), { type: "module" });
    this.worker.onmessage = (e: MessageEvent<FromGptWorker>) => this.receive(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.showError(`The training worker failed: ${e.message || "it could not start"}`);
    };
    this.reset();
  }

  /** A stat's value cell (`gpt-stat-<name>`). */
  private stat(name: string): HTMLElement {
    return this.root.querySelector(`#gpt-stat-${name}`) as HTMLElement;
  }

  private send(msg: ToGptWorker): void {
    this.worker?.postMessage(msg);
  }

  private applyForm(): void {
    const { settings, errors } = parseGptSettings({
      steps: this.stepsInput.value,
      seed: this.seedInput.value,
    });
    this.stepsInput.toggleAttribute(
      "aria-invalid",
      errors.some((e) => e.startsWith("steps")),
    );
    this.seedInput.toggleAttribute(
      "aria-invalid",
      errors.some((e) => e.startsWith("seed")),
    );
    this.formError.hidden = errors.length === 0;
    this.formError.textContent = errors.join("\n");
    if (errors.length > 0) return;
    if (settings.steps === this.settings.steps && settings.seed === this.settings.seed) return;
    this.settings = settings;
    this.reset();
  }

  /** Fresh weights from the seed, with the form's settings (training paused). */
  reset(): void {
    this.done = false;
    this.losses = [];
    this.setPlaying(false);
    this.steps = this.settings.steps;
    this.status.textContent = "Building the run…";
    for (const id of ["loss", "avg", "speed"]) this.stat(id).textContent = "–";
    this.stat("step").textContent = `0 / ${this.steps}`;
    this.stat("time").textContent = "0.0 s";
    this.timing.textContent = "";
    this.samples.replaceChildren();
    this.run++;
    this.send({ type: "init", settings: this.settings, run: this.run });
    this.send({ type: "temperature", value: Number(this.temperature.value) });
    this.send({ type: "inspect", text: this.nameInput.value });
  }

  /** Starts (or resumes) training. */
  play(): void {
    if (this.done || !this.worker) return;
    this.setPlaying(true);
    this.send({ type: "play" });
  }

  /** Pauses training. */
  pause(): void {
    if (!this.playing) return;
    this.setPlaying(false);
    this.send({ type: "pause" });
  }

  private setPlaying(playing: boolean): void {
    this.playing = playing;
    this.playButton.setAttribute("aria-pressed", String(playing));
    this.playButton.disabled = this.done;
    this.playButton.textContent = this.done
      ? "Done"
      : playing
        ? "Pause"
        : this.losses.length > 0
          ? "Resume"
          : "Start";
  }

  private showError(message: string): void {
    this.formError.hidden = false;
    this.formError.textContent = message;
  }

  private receive(msg: FromGptWorker): void {
    if (msg.run !== this.run) return; // from a run that Reset replaced
    switch (msg.type) {
      case "ready":
        this.vocabulary = msg.vocabulary;
        this.steps = msg.settings.steps;
        this.formError.hidden = true;
        this.status.textContent =
          `${msg.docs.toLocaleString("en-US")} names, ${msg.vocabulary.length + 1} tokens ` +
          `(${msg.vocabulary.join("")} and ${BOS_LABEL}), ${msg.parameters.toLocaleString("en-US")} parameters.`;
        this.nameInput.maxLength = msg.maxNameLength;
        this.setPlaying(false);
        this.draw();
        break;
      case "progress": {
        for (const l of msg.losses) this.losses.push(l);
        this.steps = msg.steps;
        const n = this.losses.length;
        this.stat("step").textContent = `${n} / ${msg.steps}`;
        const last = this.losses[n - 1];
        this.stat("loss").textContent = last === undefined ? "–" : last.toFixed(4);
        const recent = this.losses.slice(-SMOOTH);
        this.stat("avg").textContent =
          recent.length === 0 ? "–" : (recent.reduce((a, b) => a + b, 0) / recent.length).toFixed(4);
        // the last speed stays when the run pauses or ends (Reset clears it)
        if (msg.playing && msg.stepsPerSecond > 0)
          this.stat("speed").textContent = msg.stepsPerSecond.toFixed(0);
        // a run shorter than one speed window (a second) ends with its own average instead
        else if (msg.done && this.stat("speed").textContent === "–" && msg.trainMs > 0)
          this.stat("speed").textContent = (n / (msg.trainMs / 1000)).toFixed(0);
        this.stat("time").textContent = `${(msg.trainMs / 1000).toFixed(1)} s`;
        if (msg.done && !this.done) {
          this.done = true;
          const tm = msg.timings;
          const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
          this.status.textContent =
            `${n.toLocaleString("en-US")} steps in ${sec(msg.trainMs)} ` +
            `(${Math.round((n * 1000) / msg.trainMs)} steps/s). Reset to train again.`;
          this.timing.textContent =
            `Where the time went: ${tm.replays} steps replayed a compiled graph in ${sec(tm.replayMs)} ` +
            `(${Math.round((tm.replays * 1000) / tm.replayMs)} steps/s); ${tm.traces} steps met a new name ` +
            `length and traced its graph first, ${sec(tm.traceMs)}; live samples and your name, ${sec(tm.inspectMs)}.`;
        }
        if (this.playing !== msg.playing || msg.done) this.setPlaying(msg.playing);
        this.draw();
        break;
      }
      case "samples":
        this.showSamples(msg.names, msg.step, msg.temperature, msg.final);
        break;
      case "inspect":
        this.showInspection(msg.result, msg.error, msg.step);
        break;
      case "error":
        this.setPlaying(false);
        this.showError(msg.message);
        break;
    }
  }

  private showSamples(names: string[], step: number, temperature: number, final: boolean): void {
    this.samples.replaceChildren(...names.map((name) => h("li", {}, name === "" ? "(empty)" : name)));
    this.samples.dataset.step = String(step);
    this.samples.dataset.final = String(final);
    this.samplesNote.textContent = final
      ? `After the run, at temperature ${temperature.toFixed(2)}: microgpt.py's inference, continuing the run's random numbers` +
        (this.settings.seed === 42 && this.steps === 1000 && temperature === 0.5
          ? " (the first 20 are exactly the names microgpt.py prints)."
          : ".")
      : `At step ${step} (new names every ${SAMPLE_EVERY} steps), temperature ${temperature.toFixed(2)}.`;
  }

  private showInspection(result: NameInspection | null, error: string | null, step: number): void {
    this.nameError.hidden = error === null;
    this.nameError.textContent = error ?? "";
    this.nameInput.toggleAttribute("aria-invalid", error !== null);
    if (error !== null) return; // keep the last good picture
    this.inspection = result;
    if (!result) {
      this.nameNote.textContent =
        "Type a name (lowercase letters) to see what the model expects at each position.";
      this.probs.replaceChildren();
      this.heads.replaceChildren();
      return;
    }
    this.nameNote.textContent =
      `"${result.name}" at step ${step}: loss ${result.loss.toFixed(4)} ` +
      `(the mean of −log p of each next character; ${Math.log(this.vocabulary.length + 1).toFixed(2)} is a uniform guess).`;
    this.buildProbTable(result);
    this.buildHeads(result);
    this.draw();
  }

  private buildProbTable(r: NameInspection): void {
    const columns = [...this.vocabulary, BOS_LABEL];
    const head = h(
      "tr",
      {},
      h("th", { scope: "col" }, "after"),
      ...columns.map((c, i) =>
        h("th", { scope: "col", title: i === columns.length - 1 ? "end of the name" : c }, c),
      ),
      h("th", { scope: "col", title: "the probability of the character that comes next" }, "p(next)"),
    );
    const body = r.probs.map((row, pos) => {
      const input = r.inputs[pos] || BOS_LABEL;
      const target = r.targets[pos] || BOS_LABEL;
      const targetIndex = columns.indexOf(target);
      return h(
        "tr",
        {},
        h("th", { scope: "row" }, input),
        ...row.map((p, i) => {
          const cell = h(
            "td",
            {
              title: `p(${columns[i]} | ${BOS_LABEL}${r.inputs.slice(1, pos + 1).join("")}) = ${p.toFixed(3)}`,
              class: i === targetIndex ? "gpt-target" : "",
            },
            p >= 0.05 ? String(Math.round(p * 100)) : "", // percent; small ones are left blank
          );
          cell.style.background = `rgba(31, 95, 191, ${Math.min(1, p * 1.6).toFixed(3)})`;
          if (p > 0.45) cell.style.color = "#fff"; // dark enough for white text
          return cell;
        }),
        h("td", { class: "gpt-pnext" }, percent(row[targetIndex] ?? 0)),
      );
    });
    this.probs.replaceChildren(
      h(
        "caption",
        { class: "sr-only" },
        `Next-character probabilities in percent for each position of "${r.name}"; the outlined cell is the actual next character`,
      ),
      h("thead", {}, head),
      h("tbody", {}, ...body),
    );
  }

  private buildHeads(r: NameInspection): void {
    const nLayer = r.attention[0]?.length ?? 0;
    const nHead = r.attention[0]?.[0]?.length ?? 0;
    const labels = r.inputs.map((c) => c || BOS_LABEL);
    const figures: HTMLElement[] = [];
    for (let l = 0; l < nLayer; l++) {
      for (let hd = 0; hd < nHead; hd++) {
        const rows = r.attention.map((pos) => pos[l]?.[hd] ?? []);
        const strongest = rows.map((row, q) => {
          let best = 0;
          row.forEach((a, t) => {
            if (a > (row[best] ?? 0)) best = t;
          });
          return `${labels[q]} → ${labels[best]} ${(row[best] ?? 0).toFixed(2)}`;
        });
        const title = nLayer > 1 ? `layer ${l + 1}, head ${hd + 1}` : `head ${hd + 1}`;
        const canvas = h("canvas", {
          class: "gpt-head",
          width: 200,
          height: 200,
          role: "img",
          "data-layer": l,
          "data-head": hd,
          "aria-label": `Attention of ${title}: each position looks most at ${strongest.join(", ")}`,
        });
        figures.push(h("figure", {}, canvas, h("figcaption", {}, title)));
      }
    }
    this.heads.replaceChildren(...figures);
  }

  /** How many tokens the model chooses from: the letters and BOS (27 for the names). */
  private tokens(): number {
    return this.vocabulary.length > 0 ? this.vocabulary.length + 1 : 27;
  }

  /** The loss of a uniform guess over the tokens: −log(1/27) = 3.30 for the names. */
  private uniformLoss(): number {
    return Math.log(this.tokens());
  }

  private draw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.root.hidden) return;
      const smooth = movingAverage(this.losses, SMOOTH);
      const uniform = this.uniformLoss();
      drawLossCurve(this.curve, this.losses, smooth, this.steps, SMOOTH, uniform);
      const last = smooth[smooth.length - 1];
      const guess = `; a uniform guess over the ${this.tokens()} tokens scores −log(1/${this.tokens()}) = ${uniform.toFixed(2)}`;
      this.curve.setAttribute(
        "aria-label",
        last === undefined
          ? `Loss curve: no steps yet${guess}`
          : `Loss curve: ${this.losses.length} of ${this.steps} steps, mean loss of the last ${SMOOTH} steps ${last.toFixed(3)} (step 1: ${(this.losses[0]).toFixed(3)})${guess}`,
      );
      const r = this.inspection;
      if (r) {
        const labels = r.inputs.map((c) => c || BOS_LABEL);
        for (const canvas of this.heads.querySelectorAll("canvas")) {
          const l = Number(canvas.dataset.layer);
          const hd = Number(canvas.dataset.head);
          drawAttention(
            canvas,
            r.attention.map((pos) => pos[l]?.[hd] ?? []),
            labels,
          );
          canvas.dataset.drawn = String(r.inputs.length);
        }
      }
    });
  }
}
