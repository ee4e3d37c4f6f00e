/**
 * The expression view: an editor for the expression language, its graph (label | data | grad, op nodes),
 * Forward / Backward / Zero grads / Step (backward one node at a time), a table of values and the nudge
 * panel. Bad programs show the parser's message with a caret; huge graphs are drawn in part.
 */
import { type Evaluation, evaluateProgram, ParseError, toDot, topoOrder, type Value } from "micrograd-ts";
import { fixed, short } from "./format.js";
import { snapshotGraph, snapshotToDot, withLayoutLimits } from "./graph-snapshot.js";
import { GraphView } from "./graph-view.js";
import type { GraphvizClient } from "./graphviz-client.js";
import { nudge } from "./nudge.js";
import { PRESETS } from "./presets.js";
import { type ExpressionState, validH } from "./share.js";
import { BackwardStepper, type StepRecord } from "./stepper.js";

/** Graphs up to this many values are drawn whole. */
export const DRAW_LIMIT = 400;
/** Bigger graphs: how many values nearest the output are drawn. */
export const PARTIAL_DRAW = 120;

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function nameOf(v: Value, index: number): string {
  return v.label !== "" ? v.label : `(${v.op || "value"} #${index})`;
}

/** The expression view's controller. */
export class ExpressionView {
  private readonly editor = $("program") as HTMLTextAreaElement;
  private readonly errorBox = $("program-error");
  private readonly stepPanel = $("step-panel");
  private readonly valuesBody = ($("values-table") as HTMLTableElement).tBodies[0] as HTMLTableSectionElement;
  private readonly presetSelect = $("preset") as HTMLSelectElement;
  private readonly nudgeInput = $("nudge-input") as HTMLSelectElement;
  private readonly nudgeH = $("nudge-h") as HTMLInputElement;
  private readonly nudgeResult = $("nudge-result");
  private readonly graph = new GraphView("Computation graph");

  private evaluation: Evaluation | null = null;
  private topoIndex = new Map<Value, number>();
  private stepper: BackwardStepper | null = null;
  private record: StepRecord | null = null;
  private structure = 0; // bumps when the graph's shape changes (new program)
  private drawnStructure = -1;
  private drawing = false;
  private drawAgain = false;
  private typingTimer = 0;

  /**
   * @param graphviz lays out the graph
   * @param onChange called when the shareable state changes
   */
  constructor(
    private readonly graphviz: GraphvizClient,
    private readonly onChange: () => void,
  ) {
    $("expr-graph").append(this.graph.element);
    for (const p of PRESETS) {
      const o = el("option", p.title);
      o.value = p.id;
      this.presetSelect.append(o);
    }
    const custom = el("option", "(your own program)");
    custom.value = "";
    this.presetSelect.append(custom);
    this.presetSelect.addEventListener("change", () => {
      const p = PRESETS.find((q) => q.id === this.presetSelect.value);
      if (p) this.load(p.source);
    });
    this.editor.addEventListener("input", () => {
      window.clearTimeout(this.typingTimer);
      this.typingTimer = window.setTimeout(() => this.forward(), 300);
    });
    this.editor.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.forward();
      }
    });
    $("btn-forward").addEventListener("click", () => this.forward());
    $("btn-backward").addEventListener("click", () => this.backward());
    $("btn-zero").addEventListener("click", () => this.zeroGrads());
    $("btn-step").addEventListener("click", () => this.step());
    $("nudge-form").addEventListener("submit", (e) => {
      e.preventDefault();
      this.runNudge();
    });
    this.nudgeInput.addEventListener("change", () => {
      this.runNudge();
      this.onChange();
    });
    this.nudgeH.addEventListener("change", () => {
      this.runNudge();
      this.onChange();
    });
    this.errorBox.addEventListener("click", () => this.gotoError());
  }

  /** The state to put in a share link. */
  state(): ExpressionState {
    const s: ExpressionState = { view: "expression", source: this.editor.value };
    if (this.nudgeInput.value) s.input = this.nudgeInput.value;
    const h = Number(this.nudgeH.value);
    if (validH(h)) s.h = h;
    return s;
  }

  /** Restores a shared state (the program is parsed like typed text). */
  restore(state: ExpressionState): void {
    if (state.h !== undefined) this.nudgeH.value = String(state.h);
    this.load(state.source, state.input);
  }

  /** Puts a program in the editor and runs it. */
  load(source: string, input?: string): void {
    this.editor.value = source;
    this.forward(input);
  }

  private syncPreset(): void {
    const p = PRESETS.find((q) => q.source === this.editor.value);
    this.presetSelect.value = p ? p.id : "";
    $("preset-note").textContent = p ? p.note : "";
  }

  /** Forward: parses and evaluates the program into a fresh graph (all grads 0). */
  forward(preferredInput?: string): void {
    window.clearTimeout(this.typingTimer);
    this.syncPreset();
    const source = this.editor.value;
    const previousInput = preferredInput ?? this.nudgeInput.value;
    this.stepper = null;
    this.record = null;
    try {
      this.evaluation = evaluateProgram(source);
      this.errorBox.hidden = true;
      this.errorBox.textContent = "";
      this.editor.removeAttribute("aria-invalid");
    } catch (err) {
      this.evaluation = null;
      this.editor.setAttribute("aria-invalid", "true");
      this.errorBox.hidden = false;
      if (err instanceof ParseError) {
        this.errorBox.textContent = err.format(source);
        this.errorBox.dataset.offset = String(err.offset);
        this.errorBox.title = "Click to put the cursor at the mistake";
      } else {
        // not a syntax error (e.g. a program nested too deeply): say so, never crash the page
        const deep = err instanceof RangeError && /call stack/i.test(err.message);
        this.errorBox.textContent = deep
          ? "This program is nested too deeply to evaluate (one statement with thousands of operators or parentheses). Split it into several statements, e.g. y = y * x on separate lines."
          : `Could not evaluate the program: ${err instanceof Error ? err.message : String(err)}`;
        delete this.errorBox.dataset.offset;
      }
    }
    this.topoIndex.clear();
    if (this.evaluation) {
      // the same order (and so the same node ids n<i>) as toDot and the stepper
      topoOrder(this.evaluation.output).forEach((v, i) => {
        this.topoIndex.set(v, i);
      });
    }
    this.fillNudgeInputs(previousInput);
    this.structure++;
    this.refresh();
    this.onChange();
  }

  private gotoError(): void {
    const offset = Number(this.errorBox.dataset.offset);
    if (!Number.isInteger(offset)) return;
    this.editor.focus();
    this.editor.setSelectionRange(offset, offset + 1);
  }

  /** Backward all at once: finishes a pass being stepped through, or runs output.backward(). */
  backward(): void {
    if (!this.evaluation) return;
    if (this.stepper && !this.stepper.done) {
      this.stepper.finish();
      this.record = null;
      this.stepPanel.replaceChildren(el("p", "Finished the pass: every node's chain-rule step has run."));
    } else {
      const before = this.evaluation.inputs.some((v) => v.grad !== 0);
      this.evaluation.output.backward();
      this.record = null;
      this.stepPanel.replaceChildren(
        el(
          "p",
          before
            ? "backward() again: the inputs' grads grew, because gradients accumulate. Zero grads first for a fresh pass."
            : "backward(): the output's grad is 1 and the chain rule ran through every node.",
        ),
      );
    }
    this.stepper = null;
    this.refresh();
  }

  /** Zero grads: every grad in the graph set to 0 (and any stepping pass ended). */
  zeroGrads(): void {
    if (!this.evaluation) return;
    this.evaluation.output.zeroGrad();
    this.stepper = null;
    this.record = null;
    this.stepPanel.replaceChildren(el("p", "zeroGrad(): every grad is 0."));
    this.refresh();
  }

  /** Step: one node of backward (the first step seeds the output's grad with 1). */
  step(): void {
    if (!this.evaluation) return;
    if (!this.stepper || this.stepper.done) this.stepper = new BackwardStepper(this.evaluation.output);
    this.record = this.stepper.next();
    this.showStep();
    this.refresh();
  }

  private showStep(): void {
    const r = this.record;
    const s = this.stepper;
    if (!r || !s) return;
    const panel: HTMLElement[] = [];
    const head = el("p", undefined, "step-head");
    head.append(el("strong", `Step ${r.step} of ${r.total}: `));
    if (r.kind === "seed") {
      head.append(
        `seed — ${nameOf(r.node, r.index)}.grad += 1 (d${nameOf(r.node, r.index)}/d${nameOf(r.node, r.index)} = 1).`,
      );
      panel.push(head);
      if (this.evaluation?.inputs.some((v) => v.grad !== 0)) {
        panel.push(
          el(
            "p",
            "The inputs still hold gradients from an earlier pass: this pass adds to them (gradients accumulate). Zero grads first for a fresh pass.",
            "note",
          ),
        );
      }
    } else {
      const args = r.node.prev.map((p) => nameOf(p, this.topoIndex.get(p) ?? -1));
      head.append(
        `${nameOf(r.node, r.index)} = ${r.op === "+" || r.op === "-" || r.op === "*" || r.op === "/" ? args.join(` ${r.op} `) : `${r.op}(${args.join(", ")})`}, grad ${fixed(r.node.grad)}`,
      );
      panel.push(head);
      const table = el("table", undefined, "chain");
      table.id = "step-table";
      const caption = el(
        "caption",
        "local derivative × upstream grad = contribution, added to the parent's grad",
      );
      const thead = el("thead");
      const hr = el("tr");
      for (const h of ["parent", "local", "× upstream", "= contribution", "parent grad"]) {
        const th = el("th", h);
        th.scope = "col";
        hr.append(th);
      }
      thead.append(hr);
      const body = el("tbody");
      for (const c of r.contributions) {
        const tr = el("tr");
        tr.dataset.parent = `n${c.parentIndex}`;
        tr.append(
          el("td", nameOf(c.parent, c.parentIndex)),
          el("td", `${c.rule} = ${fixed(c.local)}`),
          el("td", fixed(c.upstream)),
          el("td", fixed(c.contribution)),
          el("td", `${fixed(c.gradBefore)} → ${fixed(c.gradAfter)}`),
        );
        body.append(tr);
      }
      table.append(caption, thead, body);
      const wrap = el("div", undefined, "table-wrap");
      wrap.append(table);
      panel.push(wrap);
    }
    if (s.done) panel.push(el("p", "Backward is complete: every gradient is in place.", "note"));
    else {
      const nxt = s.peek();
      if (nxt)
        panel.push(el("p", `Next: ${nameOf(nxt, this.topoIndex.get(nxt) ?? -1)} (${nxt.op}).`, "note"));
    }
    this.stepPanel.replaceChildren(...panel);
  }

  private fillNudgeInputs(preferred: string): void {
    const names = this.evaluation ? [...new Set(this.evaluation.inputs.map((v) => v.label))] : [];
    this.nudgeInput.replaceChildren(
      ...names.map((n) => {
        const o = el("option", n);
        o.value = n;
        return o;
      }),
    );
    if (names.includes(preferred)) this.nudgeInput.value = preferred;
    this.nudgeInput.disabled = names.length === 0;
    this.nudgeResult.replaceChildren();
  }

  private runNudge(): void {
    const input = this.nudgeInput.value;
    const hText = this.nudgeH.value.trim();
    const h = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(hText) ? Number(hText) : Number.NaN;
    this.nudgeH.removeAttribute("aria-invalid");
    if (!input) {
      this.nudgeResult.replaceChildren(
        el("p", "The program has no inputs (names assigned a number) to nudge.", "error-text"),
      );
      return;
    }
    if (!validH(h)) {
      this.nudgeH.setAttribute("aria-invalid", "true");
      this.nudgeResult.replaceChildren(
        el(
          "p",
          `h must be a number with |h| from 1e-12 to 1000 (got ${JSON.stringify(hText.slice(0, 30))}).`,
          "error-text",
        ),
      );
      return;
    }
    try {
      const r = nudge(this.editor.value, input, h);
      const dl = el("dl", undefined, "nudge-numbers");
      const row = (term: string, value: string, id: string) => {
        const div = el("div");
        const dd = el("dd", value);
        dd.id = id;
        div.append(el("dt", term), dd);
        dl.append(div);
      };
      row(`${input}`, short(r.x), "nudge-x");
      row("f(x)", fixed(r.f0), "nudge-f0");
      row(`f(x + ${short(h)})`, fixed(r.f1), "nudge-f1");
      row("(f(x+h) − f(x)) / h", fixed(r.numeric), "nudge-numeric");
      row(`analytic grad (backward)`, fixed(r.analytic), "nudge-analytic");
      row("difference", short(r.difference), "nudge-difference");
      this.nudgeResult.replaceChildren(dl);
    } catch (err) {
      this.nudgeResult.replaceChildren(
        el("p", err instanceof Error ? err.message : String(err), "error-text"),
      );
    }
  }

  /** Updates the table and redraws the graph (the latest state wins; layouts never pile up). */
  private refresh(): void {
    this.fillValues();
    void this.draw();
  }

  private fillValues(): void {
    const ev = this.evaluation;
    if (!ev) {
      this.valuesBody.replaceChildren();
      return;
    }
    const rows: HTMLTableRowElement[] = [];
    const inputs = new Set(ev.inputs);
    const seen = new Set<Value>();
    const add = (name: string, v: Value) => {
      if (seen.has(v)) return;
      seen.add(v);
      const tr = el("tr");
      tr.dataset.name = name;
      if (this.record && (this.record.node === v || this.record.contributions.some((c) => c.parent === v))) {
        tr.className = this.record.node === v ? "hl-current" : "hl-parent";
      }
      const th = el("th", name);
      th.scope = "row";
      const grad = el("td", fixed(v.grad));
      grad.className = "grad";
      tr.append(th, el("td", inputs.has(v) ? "input" : v.op), el("td", fixed(v.data)), grad);
      rows.push(tr);
    };
    for (const v of ev.inputs) add(v.label, v);
    for (const [name, v] of ev.values) add(name, v);
    add("(output)", ev.output);
    this.valuesBody.replaceChildren(...rows);
  }

  private async draw(): Promise<void> {
    if (this.drawing) {
      this.drawAgain = true;
      return;
    }
    this.drawing = true;
    this.graph.element.dataset.state = "busy";
    try {
      do {
        this.drawAgain = false;
        const ev = this.evaluation;
        if (!ev) {
          this.graph.clear();
          this.graph.setMessage("Fix the program to see its graph.");
          this.drawnStructure = -1;
          break;
        }
        const total = this.topoIndex.size;
        let dot: string;
        let drawn = total;
        if (total <= DRAW_LIMIT) {
          dot = toDot(ev.output);
          this.graph.setMessage("");
        } else {
          dot = snapshotToDot(snapshotGraph(ev.output, PARTIAL_DRAW));
          drawn = PARTIAL_DRAW;
          this.graph.setMessage(
            `This graph has ${total.toLocaleString("en-US")} values — too many to draw (the limit is ${DRAW_LIMIT}). ` +
              `Showing the ${PARTIAL_DRAW} nearest the output; "… k more" marks what is left out. ` +
              "The table and every button still work on the whole graph.",
          );
        }
        const structure = this.structure;
        if (structure !== this.drawnStructure) this.graph.clear(); // never show the old graph as the new one
        const svg = await this.graphviz.layout(withLayoutLimits(dot, drawn));
        if (this.drawAgain && structure !== this.structure) continue; // stale: a newer graph is waiting
        this.graph.show(svg, structure === this.drawnStructure, `n${this.topoIndex.get(ev.output)}`);
        this.drawnStructure = structure;
        const r = this.record;
        this.graph.highlight(
          r ? `n${r.index}` : null,
          r ? r.contributions.map((c) => `n${c.parentIndex}`) : [],
        );
      } while (this.drawAgain);
    } catch (err) {
      this.graph.clear();
      this.graph.setMessage(err instanceof Error ? err.message : String(err));
      this.drawnStructure = -1;
    } finally {
      this.drawing = false;
      this.graph.element.dataset.state = "ready";
      if (this.drawAgain) void this.draw();
    }
  }
}
