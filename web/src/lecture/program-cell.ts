/**
 * A lesson's program: the lecture's cell in the expression language, editable, with a Run button
 * (Ctrl+Enter) that evaluates it (and runs backward, unless the lesson hides the grads), a table of every
 * named value with its data and grad in full digits, the graph, and a link that opens the same program
 * in the Expression view. Errors show the parser's message; the lesson's widget hears every good run.
 */
import { ParseError, type Value } from "micrograd-ts";
import { encodeState } from "../share.js";
import { el } from "../shared/dom.js";
import { pythonRepr } from "../shared/format.js";
import { evaluateNamed, type ProgramGraph } from "../shared/program-graph.js";
import { nameWithLine } from "../shared/step-panel.js";
import type { LessonGraph } from "./lesson-graph.js";

/** How a program cell behaves. */
export interface CellOptions {
  /** Prefix of the cell's element ids (`<id>-program`, `<id>-run`, `<id>-values`, …). */
  id: string;
  /** The program at first. */
  source: string;
  /** The editor's label. */
  label?: string;
  /** Run backward after forward (default true). */
  backward?: boolean;
  /** The graph to draw the program in (none: no graph). */
  graph?: LessonGraph;
  /** Show the grad column (default true; false for lessons about plain numbers). */
  grads?: boolean;
  /** The grad column's text for a value (default: its grad in full digits). */
  gradCell?: (v: Value) => string;
  /** Called after every run that evaluated. */
  onRun?: (pg: ProgramGraph) => void;
}

/** A number in full digits, as the lecture's Python prints a float. */
export const full = pythonRepr;

/** One program cell. */
export class ProgramCell {
  readonly element: HTMLElement;
  readonly editor: HTMLTextAreaElement;
  private readonly errorBox: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly open: HTMLAnchorElement;
  /** The last good run (null before one, or after an error). */
  program: ProgramGraph | null = null;

  constructor(private readonly options: CellOptions) {
    const id = options.id;
    this.element = el("section", undefined, "lesson-cell");
    const label = el("label", options.label ?? "The lecture's cell (edit and run it)");
    label.htmlFor = `${id}-program`;
    this.editor = el("textarea");
    this.editor.id = `${id}-program`;
    this.editor.rows = Math.min(14, options.source.split("\n").length + 1);
    this.editor.spellcheck = false;
    this.editor.wrap = "off"; // code: scroll sideways rather than wrap
    this.editor.setAttribute("autocapitalize", "off");
    this.editor.setAttribute("autocomplete", "off");
    this.editor.setAttribute("aria-describedby", `${id}-error`);
    this.editor.value = options.source;
    this.editor.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.run();
      }
    });
    const run = el("button", options.backward === false ? "Run" : "Run (forward, then backward)");
    run.type = "button";
    run.id = `${id}-run`;
    run.title = "Ctrl+Enter in the editor";
    run.addEventListener("click", () => this.run());
    this.open = el("a", "Open in the Expression view");
    this.open.id = `${id}-open`;
    const buttons = el("div", undefined, "buttons");
    buttons.append(run, this.open);
    this.errorBox = el("pre", undefined, "error");
    this.errorBox.id = `${id}-error`;
    this.errorBox.setAttribute("role", "alert");
    this.errorBox.hidden = true;
    const table = el("table", undefined, "lesson-values");
    table.id = `${id}-values`;
    table.append(el("caption", "Every named value"));
    const head = el("thead");
    const hr = el("tr");
    for (const h of options.grads === false ? ["name", "data"] : ["name", "data", "grad"]) {
      const th = el("th", h);
      th.scope = "col";
      hr.append(th);
    }
    head.append(hr);
    this.body = el("tbody");
    table.append(head, this.body);
    const wrap = el("div", undefined, "table-wrap");
    wrap.append(table);
    this.element.append(label, this.editor, buttons, this.errorBox, wrap);
    if (options.graph) this.element.append(options.graph.element);
  }

  /** The program text. */
  get source(): string {
    return this.editor.value;
  }

  /** Evaluates the program (and runs backward unless told not to), fills the table and draws the graph. */
  run(): ProgramGraph | null {
    const source = this.editor.value;
    this.open.href = encodeState({ view: "expression", source }).hash;
    try {
      const pg = evaluateNamed(source);
      if (this.options.backward !== false) {
        // a fresh pass, even if the program called backward() itself
        pg.evaluation.output.zeroGrad();
        pg.evaluation.output.backward();
      }
      this.program = pg;
      this.errorBox.hidden = true;
      this.errorBox.textContent = "";
      this.editor.removeAttribute("aria-invalid");
    } catch (err) {
      this.program = null;
      this.editor.setAttribute("aria-invalid", "true");
      this.errorBox.hidden = false;
      this.errorBox.textContent =
        err instanceof ParseError
          ? err.format(source)
          : `Could not run the program: ${err instanceof Error ? err.message : String(err)}`;
      this.body.replaceChildren();
      return null;
    }
    this.fill();
    if (this.options.graph)
      void this.options.graph.draw(this.program.evaluation.output, undefined, (v) => v.grad);
    this.options.onRun?.(this.program);
    return this.program;
  }

  /** Writes the table again (after the widget changed grads or data). */
  fill(): void {
    const pg = this.program;
    if (!pg) return;
    const ev = pg.evaluation;
    const seen = new Set<Value>();
    const rows: HTMLTableRowElement[] = [];
    const gradCell = this.options.gradCell ?? ((v: Value) => full(v.grad));
    // each node once, named as the graph draws it (its label), with its line when the name is reused
    const add = (v: Value) => {
      if (seen.has(v) || !pg.index.has(v)) return;
      seen.add(v);
      const tr = el("tr");
      tr.dataset.name = pg.name(v);
      const th = el("th", nameWithLine(pg, v));
      th.scope = "row";
      const data = el("td", full(v.data));
      data.className = "data";
      const grad = el("td", gradCell(v));
      grad.className = "grad";
      tr.append(th, data);
      if (this.options.grads !== false) tr.append(grad);
      rows.push(tr);
    };
    for (const v of ev.inputs) add(v);
    for (const v of ev.values.values()) add(v);
    add(ev.output);
    this.body.replaceChildren(...rows);
  }
}
