/**
 * The data view: a CSV table of your own (read from a file picker in this page, never uploaded), its
 * target picked, an MLP trained on it with the loss and accuracy curves and the test set's confusion
 * matrix (no decision plane: a table has any number of features); and the 8x8 digits, trained in the
 * page, with a pad to draw a digit on (mouse, touch, keyboard) and the 10 class probabilities updated
 * live. It builds its own DOM inside `#view-data`. Training runs on the page's thread in short chunks.
 */
import "./data.css";
import { type CsvTable, csvDataset, digitsStandardization, loadDigits, parseCsv } from "micrograd-ts";
import type { CurvePoint } from "../shared/axes.js";
import { whiteCanvas } from "../shared/canvas.js";
import { drawCurves } from "../shared/curves.js";
import { h } from "../shared/dom.js";
import { DigitPad, MAX_INK, SIDE } from "./digit-pad.js";
import { DIGITS_RUN, TableRun } from "./table-run.js";

/** Steps for a CSV table (Adam, lr 0.05, full batch; batches of 64 above 1,000 rows). */
const CSV_STEPS = 300;
/** Steps for the digits (the CLI's recipe). */
const DIGITS_STEPS = 400;
/** Time per chunk of steps before the page gets the thread back (ms). */
const CHUNK_MS = 30;
/** Steps between two points of the curves. */
const CURVE_EVERY = 10;

const percent = (a: number) => `${(a * 100).toFixed(1)}%`;

/** Runs `steps` steps of `run` in chunks, calling `progress` after each chunk; resolves when done. */
function trainInChunks(
  run: TableRun,
  steps: number,
  progress: () => void,
  onCurve: () => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const chunk = () => {
      try {
        const start = performance.now();
        while (run.steps < steps && performance.now() - start < CHUNK_MS) {
          run.step();
          if (run.steps % CURVE_EVERY === 0 || run.steps === steps) onCurve();
        }
        progress();
        if (run.steps < steps) setTimeout(chunk, 0);
        else resolve();
      } catch (e) {
        reject(e);
      }
    };
    setTimeout(chunk, 0);
  });
}

/** The confusion matrix as a table: true classes down, predicted across, counts in the cells. */
function confusionTable(m: readonly (readonly number[])[], names: readonly string[]): HTMLTableElement {
  const head = h(
    "tr",
    {},
    h("th", { scope: "col" }, "true \\ predicted"),
    ...names.map((n) => h("th", { scope: "col" }, n)),
  );
  const rows = m.map((row, a) => {
    const total = row.reduce((s, v) => s + v, 0);
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, names[a]),
      ...row.map((v, p) => {
        const td = h("td", { class: p === a ? "diag" : v > 0 ? "miss" : "" }, String(v));
        td.style.setProperty("--share", String(total > 0 ? v / total : 0));
        return td;
      }),
    );
  });
  return h("table", { class: "confusion" }, h("thead", {}, head), h("tbody", {}, ...rows));
}

/** The data view's controller. */
export class RealDataView {
  private readonly root: HTMLElement;
  private built = false;
  private table: CsvTable | null = null;
  private fileName = "";
  private busy = false;
  private digits: TableRun | null = null;
  private readonly pad = new DigitPad();
  private testShown = 0;

  constructor(root: HTMLElement) {
    this.root = root;
  }

  /** Builds the view on first use. */
  activate(): void {
    if (this.built) return;
    this.built = true;
    this.root.append(this.csvSection(), this.digitsSection());
    this.drawPad();
  }

  private el<T extends HTMLElement = HTMLElement>(id: string): T {
    return this.root.querySelector(`#${id}`) as T;
  }

  // ---- CSV ----

  private csvSection(): HTMLElement {
    const file = h("input", { type: "file", id: "csv-file", accept: ".csv,text/csv" });
    file.addEventListener("change", () => void this.loadFile(file.files?.[0]));
    const target = h("select", { id: "csv-target", disabled: true });
    const train = h("button", { type: "button", id: "csv-train", disabled: true }, "Train");
    train.addEventListener("click", () => void this.trainCsv());
    return h(
      "section",
      { class: "data-card", "aria-labelledby": "csv-title" },
      h("h2", { id: "csv-title" }, "Your table (CSV)"),
      h(
        "p",
        { class: "hint" },
        "Pick a CSV file with a header row: one column is the class, the others numbers. The file is read in this page and never leaves it.",
      ),
      h("label", {}, "CSV file ", file),
      h("p", { id: "csv-summary", role: "status" }),
      h("p", { id: "csv-error", role: "alert", class: "error", hidden: true }),
      h("label", {}, "Class column ", target),
      " ",
      train,
      h("p", { id: "csv-status", role: "status" }),
      h("canvas", {
        id: "csv-curves",
        class: "curves",
        "aria-label": "Loss and accuracy per step, training (solid) and test (dashed)",
      }),
      h(
        "p",
        { class: "hint" },
        "A table has any number of features, so there is no plane to draw: the curves and the test rows' confusion matrix show how the model does.",
      ),
      h("div", { id: "csv-confusion" }),
    );
  }

  private showCsvError(text: string): void {
    const e = this.el("csv-error");
    e.textContent = text;
    e.hidden = text === "";
  }

  private async loadFile(f: File | undefined): Promise<void> {
    if (!f) return;
    const target = this.el<HTMLSelectElement>("csv-target");
    const train = this.el<HTMLButtonElement>("csv-train");
    this.table = null;
    target.replaceChildren();
    target.disabled = true;
    train.disabled = true;
    this.el("csv-summary").textContent = "";
    this.showCsvError("");
    try {
      const table = parseCsv(await f.text());
      if (table.rows.length === 0) throw new Error("the file has a header but no rows");
      this.table = table;
      this.fileName = f.name.replace(/\.[^.]*$/, "") || "csv";
      for (const name of table.header) target.append(h("option", { value: name }, name));
      target.value = table.header[table.header.length - 1];
      target.disabled = false;
      train.disabled = this.busy;
      this.el("csv-summary").textContent =
        `${f.name}: ${table.rows.length} rows, ${table.header.length} columns (${table.header.join(", ")}).`;
    } catch (e) {
      this.showCsvError(`${f.name}: ${(e as Error).message}`);
    }
  }

  private async trainCsv(): Promise<void> {
    if (!this.table || this.busy) return;
    const status = this.el("csv-status");
    this.showCsvError("");
    let data: ReturnType<typeof csvDataset>;
    try {
      data = csvDataset(this.table, {
        target: this.el<HTMLSelectElement>("csv-target").value,
        name: this.fileName,
      });
    } catch (e) {
      const msg = (e as Error).message.replace(/^csvDataset\(csv, options\): /, "");
      this.showCsvError(`${this.fileName}: ${msg}`);
      return;
    }
    const run = new TableRun(data, {
      hidden: [16],
      lr: 0.05,
      batchSize: data.x.length > 1000 ? 64 : 0,
      seed: 42,
      trainFraction: 0.8,
    });
    const points: CurvePoint[] = [];
    const canvas = this.el<HTMLCanvasElement>("csv-curves");
    this.el("csv-confusion").replaceChildren();
    this.setBusy(true);
    try {
      await trainInChunks(
        run,
        CSV_STEPS,
        () => {
          status.textContent = `Training MLP(${data.featureNames.length}, [16, ${data.nClasses}]) on ${run.data.train.x.length} rows: step ${run.steps} / ${CSV_STEPS}`;
          drawCurves(canvas, points, "log");
        },
        () => {
          const s = run.scores();
          points.push({
            step: run.steps,
            trainLoss: s.train.loss,
            testLoss: s.test?.loss ?? Number.NaN,
            trainAccuracy: s.train.accuracy,
            testAccuracy: s.test?.accuracy ?? Number.NaN,
          });
        },
      );
      const s = run.scores();
      drawCurves(canvas, points, "log");
      canvas.dataset.drawn = String(points.length);
      status.textContent = `Trained ${CSV_STEPS} steps: train accuracy ${percent(s.train.accuracy)}, test accuracy ${s.test ? percent(s.test.accuracy) : "– (no test rows)"} (${run.data.test.x.length} test rows, ${data.classNames.length} classes: ${data.classNames.join(", ")}).`;
      this.el("csv-confusion").replaceChildren(
        h("h3", {}, `Confusion matrix of the ${run.data.test.x.length > 0 ? "test" : "training"} rows`),
        confusionTable(run.confusion(), data.classNames),
      );
    } catch (e) {
      this.showCsvError(`training stopped: ${(e as Error).message}`);
    } finally {
      this.setBusy(false);
    }
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.el<HTMLButtonElement>("csv-train").disabled = busy || !this.table;
    this.el<HTMLButtonElement>("digits-train").disabled = busy;
  }

  // ---- digits ----

  private digitsSection(): HTMLElement {
    const train = h("button", { type: "button", id: "digits-train" }, "Train on the digits");
    train.addEventListener("click", () => void this.trainDigits());
    const pad = h("canvas", {
      id: "digit-pad",
      tabindex: 0,
      role: "img",
      "aria-label":
        "An 8 by 8 pad to draw a digit on: drag with the mouse or a finger, or move the cursor with the arrow keys, press Space or Enter to ink, Delete to erase",
    });
    this.bindPad(pad);
    const clear = h("button", { type: "button", id: "digit-clear" }, "Clear");
    clear.addEventListener("click", () => {
      this.pad.clear();
      this.el("digit-truth").textContent = "";
      this.padChanged();
    });
    const sample = h("button", { type: "button", id: "digit-sample", disabled: true }, "Show a test digit");
    sample.addEventListener("click", () => this.showTestDigit());
    const probs = h(
      "ol",
      { id: "digit-probs", start: 0 },
      ...Array.from({ length: 10 }, (_, d) =>
        h(
          "li",
          { "data-digit": d },
          h("span", { class: "digit" }, String(d)),
          h("span", { class: "bar" }),
          h("span", { class: "p" }, "–"),
        ),
      ),
    );
    return h(
      "section",
      { class: "data-card", "aria-labelledby": "digits-title" },
      h("h2", { id: "digits-title" }, "Handwritten digits"),
      h(
        "p",
        { class: "hint" },
        "scikit-learn's 8x8 digits (1,797 images, UCI, CC BY 4.0), bundled with the library. Train MLP(64, [32, 10]) as micrograd train --dataset digits does, then draw a digit.",
      ),
      train,
      h("p", { id: "digits-status", role: "status" }, "Not trained yet."),
      h(
        "div",
        { class: "digit-row" },
        h("div", {}, pad, h("div", {}, clear, " ", sample), h("p", { id: "digit-truth" })),
        h("div", {}, h("p", { id: "digit-guess", "aria-live": "polite" }, "Train first, then draw."), probs),
      ),
    );
  }

  private async trainDigits(): Promise<void> {
    if (this.busy) return;
    const status = this.el("digits-status");
    const run = new TableRun(loadDigits(), { ...DIGITS_RUN, standardization: digitsStandardization() });
    this.setBusy(true);
    const start = performance.now();
    try {
      await trainInChunks(
        run,
        DIGITS_STEPS,
        () => {
          status.textContent = `Training: step ${run.steps} / ${DIGITS_STEPS}`;
        },
        () => {},
      );
      const s = run.scores();
      const seconds = ((performance.now() - start) / 1000).toFixed(1);
      status.textContent = `Trained ${DIGITS_STEPS} steps in ${seconds} s: train accuracy ${percent(s.train.accuracy)}, test accuracy ${percent(s.test?.accuracy ?? Number.NaN)} (${run.data.test.x.length} test images).`;
      this.digits = run;
      this.el<HTMLButtonElement>("digit-sample").disabled = false;
      this.padChanged();
    } catch (e) {
      status.textContent = `Training stopped: ${(e as Error).message}`;
    } finally {
      this.setBusy(false);
    }
  }

  private showTestDigit(): void {
    const run = this.digits;
    if (!run) return;
    const { x, y } = run.data.rawTest;
    const k = this.testShown % x.length;
    this.testShown++;
    this.pad.load(x[k]);
    this.el("digit-truth").textContent = `Test image ${k + 1} of ${x.length}: a ${y[k]}.`;
    this.padChanged();
  }

  private bindPad(pad: HTMLCanvasElement): void {
    let last = -1;
    const at = (e: PointerEvent) => {
      const r = pad.getBoundingClientRect();
      const col = Math.floor(((e.clientX - r.left) / r.width) * SIDE);
      const row = Math.floor(((e.clientY - r.top) / r.height) * SIDE);
      if (row < 0 || row >= SIDE || col < 0 || col >= SIDE) return;
      const k = row * SIDE + col;
      if (k === last) return;
      last = k;
      this.pad.brush(row, col);
      this.pad.cursor = k;
      this.padChanged();
    };
    pad.addEventListener("pointerdown", (e) => {
      if (e.isPrimary) pad.setPointerCapture(e.pointerId);
      last = -1;
      at(e);
    });
    pad.addEventListener("pointermove", (e) => {
      if (pad.hasPointerCapture(e.pointerId)) at(e);
    });
    pad.addEventListener("pointerup", (e) => pad.releasePointerCapture(e.pointerId));
    pad.addEventListener("keydown", (e) => {
      const what = this.pad.key(e.key);
      if (!what) return;
      e.preventDefault();
      if (what === "ink") this.padChanged();
      else this.drawPad();
    });
    pad.addEventListener("focus", () => this.drawPad());
    pad.addEventListener("blur", () => this.drawPad());
  }

  /** Redraws the pad and, with a trained model, the probabilities. */
  private padChanged(): void {
    this.drawPad();
    const run = this.digits;
    if (!run) return;
    const p = run.probabilities(this.pad.pixels);
    const best = p.indexOf(Math.max(...p));
    const items = this.root.querySelectorAll<HTMLLIElement>("#digit-probs li");
    items.forEach((li, d) => {
      (li.querySelector(".bar") as HTMLElement).style.width = `${(p[d] * 100).toFixed(1)}%`;
      (li.querySelector(".p") as HTMLElement).textContent = percent(p[d]);
      li.classList.toggle("best", d === best);
    });
    const ink = this.pad.pixels.some((v) => v > 0);
    this.el("digit-guess").textContent = ink
      ? `Looks like a ${best} (${percent(p[best])}).`
      : `An empty pad looks most like a ${best} (${percent(p[best])}); draw a digit.`;
    this.el("digit-probs").dataset.best = String(best);
  }

  private drawPad(): void {
    const canvas = this.el<HTMLCanvasElement>("digit-pad");
    if (!canvas) return;
    const blank = whiteCanvas(canvas);
    if (!blank) return;
    const { ctx, w } = blank;
    const cell = w / SIDE;
    this.pad.pixels.forEach((v, k) => {
      if (v <= 0) return;
      const g = Math.round(255 * (1 - v / MAX_INK));
      ctx.fillStyle = `rgb(${g}, ${g}, ${g})`;
      ctx.fillRect((k % SIDE) * cell, Math.floor(k / SIDE) * cell, cell, cell);
    });
    ctx.strokeStyle = "#ddd";
    ctx.lineWidth = 1;
    for (let i = 1; i < SIDE; i++) {
      ctx.beginPath();
      ctx.moveTo(i * cell, 0);
      ctx.lineTo(i * cell, w);
      ctx.moveTo(0, i * cell);
      ctx.lineTo(w, i * cell);
      ctx.stroke();
    }
    if (document.activeElement === canvas) {
      const k = this.pad.cursor;
      ctx.strokeStyle = "#d55e00";
      ctx.lineWidth = 3;
      ctx.strokeRect((k % SIDE) * cell + 1.5, Math.floor(k / SIDE) * cell + 1.5, cell - 3, cell - 3);
    }
    canvas.dataset.ink = String(this.pad.pixels.reduce((a, b) => a + b, 0));
  }
}
