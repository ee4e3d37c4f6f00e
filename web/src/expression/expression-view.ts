/**
 * The expression view: an editor for the expression language, its graph (label | data | grad, op nodes),
 * Forward / Backward / Zero grads / Step (backward one node at a time), a table of values and the nudge
 * panel. Bad programs show the parser's message with a caret; huge graphs are drawn in part.
 *
 * The graph is laid out once per program, with every grad field as wide as the widest number it shows
 * during two stepped passes; steps then write numbers into the SVG in place and scroll the current node
 * and its parents into view. The step panel is reset whenever the program changes, so it always
 * describes the graph on screen.
 */
import { BUILTIN_FUNCTIONS, ParseError, type Value } from "micrograd-ts";
import { snapshotGraph, withLayoutLimits } from "micrograd-ts/limits";
import { $, el } from "../shared/dom.js";
import { fixed, short } from "../shared/format.js";
import { GraphView } from "../shared/graph-view.js";
import type { GraphvizClient } from "../shared/graphviz-client.js";
import { evaluateNamed, firstNaN, type ProgramGraph } from "../shared/program-graph.js";
import { type FieldWidths, reservedDot, textWidth } from "../shared/stable-layout.js";
import { introPanel, nameWithLine, renderStep } from "../shared/step-panel.js";
import { BackwardStepper, type StepRecord } from "../shared/stepper.js";
import { type ExpressionState, validH } from "./expression-link.js";
import { nudge } from "./nudge.js";
import { PRESETS } from "./presets.js";
import { CHECK_FROM, pasteRefusal } from "./program-check.js";
import { ProgramChecker } from "./program-checker.js";

/** Graphs up to this many values are drawn whole. */
export const DRAW_LIMIT = 400;
/** Bigger graphs: how many values nearest the output are drawn. */
export const PARTIAL_DRAW = 120;

/** The expression view's controller. */
export class ExpressionView {
  private readonly editor = $("program") as HTMLTextAreaElement;
  private readonly errorBox = $("program-error");
  private readonly nanNote = $("program-nan");
  private readonly stepPanel = $("step-panel");
  private readonly valuesBody = ($("values-table") as HTMLTableElement).tBodies[0];
  private readonly presetSelect = $("preset") as HTMLSelectElement;
  private readonly nudgeInput = $("nudge-input") as HTMLSelectElement;
  private readonly nudgeH = $("nudge-h") as HTMLInputElement;
  private readonly nudgeResult = $("nudge-result");
  private readonly graph = new GraphView("Computation graph");
  /** Counts a long program's values in a worker before the page builds it. */
  private readonly checker = new ProgramChecker();

  private program: ProgramGraph | null = null;
  private stepper: BackwardStepper | null = null;
  private record: StepRecord | null = null;
  /** Bumps when the graph must be laid out again (a new program, or a number outgrew its field). */
  private structure = 0;
  private drawnStructure = -1;
  /** Reserved field widths per node id, and the ids drawn (all, or the part nearest the output). */
  private widths = new Map<number, FieldWidths>();
  private drawn: number[] = [];
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
    $("program-functions").textContent = BUILTIN_FUNCTIONS.join(" "); // the language's own list
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
    // a paste or drop that would make the program too long for the page is refused, with the numbers
    const refuse = (e: Event, text: string | undefined) => {
      const ed = this.editor;
      const why = pasteRefusal(ed.value.length, ed.selectionEnd - ed.selectionStart, text?.length ?? 0);
      if (!why) return;
      e.preventDefault();
      this.errorBox.hidden = false;
      this.errorBox.textContent = why;
      delete this.errorBox.dataset.offset;
    };
    this.editor.addEventListener("paste", (e) => refuse(e, e.clipboardData?.getData("text/plain")));
    this.editor.addEventListener("drop", (e) => refuse(e, e.dataTransfer?.getData("text/plain")));
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

  /**
   * Forward: parses and evaluates the program into a fresh graph (all grads 0). A long program is first
   * checked in a worker (see `ProgramChecker`); the page stays responsive meanwhile.
   */
  forward(preferredInput?: string): void {
    window.clearTimeout(this.typingTimer);
    this.syncPreset();
    const source = this.editor.value;
    const previousInput = preferredInput ?? this.nudgeInput.value;
    if (source.length > CHECK_FROM) {
      void this.checkThenBuild(source, previousInput);
      return;
    }
    this.checker.cancel();
    this.build(source, previousInput);
  }

  /** Checks a long program's size in the worker, then builds it (or shows why not). */
  private async checkThenBuild(source: string, previousInput: string): Promise<void> {
    this.program = null;
    this.stepper = null;
    this.record = null;
    this.errorBox.hidden = true;
    this.fillNudgeInputs(previousInput);
    this.valuesBody.replaceChildren();
    this.structure++;
    this.graph.clear();
    this.graph.setMessage("Checking the program…");
    this.graph.element.dataset.state = "busy";
    this.stepPanel.replaceChildren(
      el(
        "p",
        `Checking this long program (${source.length.toLocaleString("en-US")} characters) in the background: ` +
          "how many values its graph has. The page stays usable meanwhile.",
        "note checking",
      ),
    );
    const failure = await this.checker.check(source);
    if (this.editor.value !== source) return; // edited meanwhile: a newer Forward follows
    this.build(source, previousInput, failure ?? undefined);
  }

  /** Builds the program's graph, or shows `failure` (from the check) or the program's own error. */
  private build(source: string, previousInput: string, failure?: Error): void {
    this.stepper = null;
    this.record = null;
    try {
      if (failure) throw failure;
      this.program = evaluateNamed(source);
      this.errorBox.hidden = true;
      this.errorBox.textContent = "";
      this.editor.removeAttribute("aria-invalid");
      const { backward: ran, assignments } = this.program.evaluation;
      const named = ran ? [...assignments].reverse().find((a) => a.value === ran) : undefined;
      const ranName = ran ? (named?.statement.name ?? ran.label) : undefined;
      this.stepPanel.replaceChildren(...introPanel(ranName));
    } catch (err) {
      this.program = null;
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
      // the panel describes the graph on screen: there is none until the program is fixed
      this.stepPanel.replaceChildren(
        el("p", "The program has an error (see above), so there is no graph to step through.", "note"),
      );
    }
    this.fillNudgeInputs(previousInput);
    this.widths = this.program ? reserveWidths(source, this.program) : new Map();
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
    const pg = this.program;
    if (!pg) return;
    if (this.stepper && !this.stepper.done) {
      this.stepper.finish();
      this.stepPanel.replaceChildren(el("p", "Finished the pass: every node's chain-rule step has run."));
    } else {
      const before = pg.evaluation.inputs.some((v) => v.grad !== 0);
      pg.evaluation.output.backward();
      this.stepPanel.replaceChildren(
        el(
          "p",
          before
            ? "backward() again: the inputs' grads grew, because gradients accumulate. Zero grads first for a fresh pass."
            : "backward(): the output's grad is 1 and the chain rule ran through every node.",
        ),
      );
    }
    this.record = null;
    this.stepper = null;
    this.refresh();
  }

  /** Zero grads: every grad in the graph set to 0 (and any stepping pass ended). */
  zeroGrads(): void {
    if (!this.program) return;
    this.program.evaluation.output.zeroGrad();
    this.stepper = null;
    this.record = null;
    this.stepPanel.replaceChildren(el("p", "zeroGrad(): every grad is 0."));
    this.refresh();
  }

  /** Step: one node of backward (the first step seeds the output's grad with 1). */
  step(): void {
    const pg = this.program;
    if (!pg) return;
    if (!this.stepper || this.stepper.done) this.stepper = new BackwardStepper(pg.evaluation.output);
    this.record = this.stepper.next();
    if (this.record) this.stepPanel.replaceChildren(...renderStep(pg, this.record, this.stepper));
    this.refresh();
  }

  private fillNudgeInputs(preferred: string): void {
    const inputs = this.program?.inputs ?? [];
    this.nudgeInput.replaceChildren(
      ...inputs.map((i) => {
        const reused = inputs.some((j) => j !== i && j.name === i.name);
        const o = el("option", reused ? `${i.name} (line ${i.line})` : i.name);
        o.value = i.key;
        return o;
      }),
    );
    const keys = inputs.map((i) => i.key);
    if (keys.includes(preferred)) this.nudgeInput.value = preferred;
    else {
      // a link or an earlier choice by name: the last assignment of that name
      const byName = inputs.filter((i) => i.name === preferred.replace(/#\d+$/, ""));
      const last = byName[byName.length - 1];
      if (last) this.nudgeInput.value = last.key;
    }
    this.nudgeInput.disabled = inputs.length === 0;
    this.nudgeResult.replaceChildren();
  }

  private runNudge(): void {
    const input = this.nudgeInput.value;
    const hText = this.nudgeH.value.trim();
    const h = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(hText) ? Number(hText) : Number.NaN;
    this.nudgeH.removeAttribute("aria-invalid");
    if (!input) {
      this.nudgeResult.replaceChildren(
        el("p", "The output depends on no input (a name assigned a number) to nudge.", "error-text"),
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
      const x = r.name;
      row(`${x} (line ${r.line})`, short(r.x), "nudge-x");
      row(`f(${x} − h)`, fixed(r.fMinus), "nudge-fminus");
      row(`f(${x})`, fixed(r.f0), "nudge-f0");
      row(`f(${x} + h)`, fixed(r.fPlus), "nudge-fplus");
      row("(f(x+h) − f(x−h)) / 2h", fixed(r.numeric), "nudge-numeric");
      row("analytic grad (backward)", fixed(r.analytic), "nudge-analytic");
      row("difference", short(r.difference), "nudge-difference");
      this.nudgeResult.replaceChildren(dl);
    } catch (err) {
      this.nudgeResult.replaceChildren(
        el("p", err instanceof Error ? err.message : String(err), "error-text"),
      );
    }
  }

  /** Updates the table and the graph's numbers (laying the graph out only when its structure changed). */
  private refresh(): void {
    this.fillValues();
    const nan = this.program ? firstNaN(this.program) : undefined;
    this.nanNote.hidden = nan === undefined;
    this.nanNote.textContent = nan ?? "";
    if (this.structure === this.drawnStructure && this.graph.shown) this.paint();
    else void this.draw();
  }

  private fillValues(): void {
    const pg = this.program;
    if (!pg) {
      this.valuesBody.replaceChildren();
      return;
    }
    const ev = pg.evaluation;
    const rows: HTMLTableRowElement[] = [];
    const inputs = new Set(ev.inputs);
    const seen = new Set<Value>();
    const r = this.record;
    const add = (name: string, v: Value) => {
      if (seen.has(v)) return;
      seen.add(v);
      const tr = el("tr");
      tr.dataset.name = name;
      if (r && r.node === v) {
        tr.className = "hl-current";
        tr.setAttribute("aria-current", "true");
      } else if (r?.contributions.some((c) => c.parent === v)) tr.className = "hl-parent";
      const th = el("th", name);
      th.scope = "row";
      const grad = el("td", fixed(v.grad));
      grad.className = "grad";
      tr.append(th, el("td", inputs.has(v) ? "input" : v.op), el("td", fixed(v.data)), grad);
      rows.push(tr);
    };
    for (const v of ev.inputs) if (pg.index.has(v)) add(v.label, v);
    for (const [name, v] of ev.values) add(name, v);
    add("(output)", ev.output);
    this.valuesBody.replaceChildren(...rows);
  }

  /**
   * Writes the current numbers into the laid-out graph, marks the current node and its parents and
   * scrolls them into view. Lays the graph out again if a number outgrew its field (e.g. after many
   * accumulating passes).
   */
  private paint(): void {
    const pg = this.program;
    if (!pg) return;
    for (const id of this.drawn) {
      const v = pg.topo[id];
      const w = this.widths.get(id);
      if (w && (textWidth(v.grad) > w.grad || textWidth(v.data) > w.data)) {
        for (const [i, x] of this.widths) this.widths.set(i, grow(x, pg.topo[i]));
        this.structure++;
        void this.draw();
        return;
      }
    }
    for (const id of this.drawn) {
      const v = pg.topo[id];
      const n = `n${id}`;
      const grad = `grad ${fixed(v.grad)}`;
      this.graph.setText(n, "data", `data ${fixed(v.data)}`);
      this.graph.setText(n, "grad", grad);
      this.graph.describe(n, `${nameWithLine(pg, v)}: data ${fixed(v.data)}, ${grad}`);
    }
    const r = this.record;
    const current = r ? `n${r.index}` : null;
    const parents = r ? r.contributions.map((c) => `n${c.parentIndex}`) : [];
    this.graph.highlight(current, parents);
    if (current) this.graph.reveal([current, ...parents], current);
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
        const pg = this.program;
        if (!pg) {
          this.graph.clear();
          this.graph.setMessage("Fix the program to see its graph.");
          this.drawnStructure = -1;
          break;
        }
        const total = pg.topo.length;
        const output = pg.topo.length - 1;
        const snapshot = snapshotGraph(pg.evaluation.output, total <= DRAW_LIMIT ? total : PARTIAL_DRAW);
        if (total <= DRAW_LIMIT) this.graph.setMessage("");
        else {
          this.graph.setMessage(
            `This graph has ${total.toLocaleString("en-US")} values — too many to draw (the limit is ${DRAW_LIMIT}). ` +
              `Showing the ${PARTIAL_DRAW} nearest the output; "… k more" marks what is left out. ` +
              "The table and every button still work on the whole graph.",
          );
        }
        const widths = this.widths;
        const dot = reservedDot(snapshot.nodes, (id) => widths.get(id) ?? { data: 10, grad: 10 });
        const structure = this.structure;
        if (structure !== this.drawnStructure) this.graph.clear(); // never show the old graph as the new one
        const svg = await this.graphviz.layout(withLayoutLimits(dot, snapshot.nodes.length));
        if (structure !== this.structure) {
          this.drawAgain = true; // stale: a newer graph is waiting
          continue;
        }
        this.drawn = snapshot.nodes.map((n) => n.id);
        this.graph.show(svg, `n${output}`);
        this.drawnStructure = structure;
        this.paint();
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

/** A width one character wider than the node's current numbers need (after a field overflowed). */
function grow(w: FieldWidths, v: Value): FieldWidths {
  return {
    data: Math.max(w.data, textWidth(v.data)),
    grad: Math.max(w.grad, textWidth(v.grad) + 1),
  };
}

/**
 * The widest data and grad text each node shows during two stepped backward passes (the second one
 * accumulating), worked out on a fresh copy of the program's graph so the shown graph is untouched.
 */
export function reserveWidths(source: string, shown: ProgramGraph): Map<number, FieldWidths> {
  const widths = new Map<number, FieldWidths>();
  const copy = evaluateNamed(source);
  const index = copy.index;
  const see = (v: Value, grad: number) => {
    const id = index.get(v) as number;
    const w = widths.get(id) ?? { data: textWidth(v.data), grad: textWidth(0) };
    w.grad = Math.max(w.grad, textWidth(grad));
    widths.set(id, w);
  };
  for (const v of copy.topo) see(v, 0);
  for (let pass = 0; pass < 2; pass++) {
    const stepper = new BackwardStepper(copy.evaluation.output);
    for (let r = stepper.next(); r; r = stepper.next()) {
      see(r.node, r.node.grad);
      for (const c of r.contributions) see(c.parent, c.gradAfter);
    }
  }
  if (copy.topo.length !== shown.topo.length) return new Map(); // cannot happen: the same program
  return widths;
}
