/**
 * "Your turn": backprop by hand on a lesson's graph. The grads are hidden ("?"); one node at a time, in
 * the order backward() visits them, the learner types the node's grad into an input named
 * "grad of <name>". A right answer (within 1e-4) is filled into the graph and the table and the next node
 * opens; a wrong one gets the hint (local derivative and upstream grad, in the graph's names); "Show me"
 * fills it in. Editing and running the program starts over on the new graph.
 */
import type { Value } from "micrograd-ts";
import { h } from "../shared/dom.js";
import { fixed, pythonRepr } from "../shared/format.js";
import type { GraphvizClient } from "../shared/graphviz-client.js";
import type { ProgramGraph } from "../shared/program-graph.js";
import { LessonGraph } from "./lesson-graph.js";
import { ProgramCell } from "./program-cell.js";
import { checkAnswer, type HandStep, handSteps, hintFor } from "./your-turn.js";

/** The your-turn widget's state and DOM. */
export class HandBackprop {
  readonly element: HTMLElement;
  readonly cell: ProgramCell;
  private readonly graph: LessonGraph;
  private readonly list: HTMLOListElement;
  private readonly status: HTMLElement;
  private steps: HandStep[] = [];
  private known = new Map<Value, number>();
  private rootName = "";
  private position = 0;

  /**
   * @param source the lesson's program
   * @param graphviz lays out the graph
   * @param onRun called after each good run (for the lesson's extras)
   */
  constructor(source: string, graphviz: GraphvizClient, onRun?: (pg: ProgramGraph) => void) {
    this.graph = new LessonGraph(graphviz, "Computation graph (your turn)");
    this.cell = new ProgramCell({
      id: "hand",
      source,
      backward: false,
      gradCell: (v) => {
        const g = this.known.get(v);
        return g === undefined ? "?" : pythonRepr(g);
      },
      onRun: (pg) => {
        this.start(pg);
        onRun?.(pg);
      },
    });
    this.list = h("ol", { id: "hand-steps", class: "hand-steps" });
    this.status = h("p", { id: "hand-status", class: "note", role: "status" });
    const restart = h("button", { type: "button", id: "hand-restart" }, "Start over");
    restart.addEventListener("click", () => this.cell.run());
    this.element = h(
      "section",
      { class: "your-turn", "aria-labelledby": "hand-title" },
      h("h3", { id: "hand-title" }, "Your turn: backprop by hand"),
      h(
        "p",
        { class: "note" },
        "Type each node's grad, in the order backward() visits them (the output first). A number or a formula works (e.g. -2*1). Within 1e-4 counts as right.",
      ),
      this.list,
      this.status,
      restart,
    );
  }

  /** The elements to put in the lesson: the cell, then the your-turn panel beside the graph. */
  parts(): HTMLElement[] {
    return [this.cell.element, h("div", { class: "hand-layout" }, this.element, this.graph.element)];
  }

  private gradText = (v: Value): string => {
    const g = this.known.get(v);
    return g === undefined ? "grad ?" : `grad ${fixed(g)}`;
  };

  private start(pg: ProgramGraph): void {
    const root = pg.evaluation.output;
    this.steps = handSteps(root, pg.name);
    this.rootName = pg.name(root);
    this.known = new Map();
    this.position = 0;
    this.list.replaceChildren();
    const expected = new Map(this.steps.map((s) => [s.node, s.expected]));
    void this.graph.draw(root, this.gradText, (v) => expected.get(v) ?? 0).then(() => this.paint());
    this.cell.fill();
    this.open(false);
  }

  private paint(): void {
    this.graph.paint(this.gradText, this.steps[this.position]?.node ?? null);
  }

  /** Opens the current step (focusing its input when the learner got here by answering). */
  private open(focus: boolean): void {
    const step = this.steps[this.position];
    this.status.textContent =
      step === undefined
        ? `All ${this.steps.length} grads done: they are what backward() computes.`
        : `${this.position} of ${this.steps.length} grads done.`;
    if (!step) {
      this.paint();
      return;
    }
    const i = this.position;
    const input = h("input", {
      id: `hand-${i}`,
      type: "text",
      inputmode: "decimal",
      size: 10,
      autocomplete: "off",
      spellcheck: "false",
      "aria-describedby": `hand-${i}-hint`,
    });
    const hint = h("p", { id: `hand-${i}-hint`, class: "hint", "aria-live": "polite" });
    const show = h("button", { type: "button", id: `hand-${i}-show` }, "Show me");
    const form = h(
      "form",
      { class: "hand-step", novalidate: true },
      h("label", { for: `hand-${i}` }, `grad of ${step.name}`),
      input,
      h("button", { type: "submit", id: `hand-${i}-check` }, "Check"),
      show,
    );
    const li = h("li", { "data-name": step.name, "data-state": "open" }, form, hint);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const v = checkAnswer(step, input.value, this.rootName);
      if (v.kind === "right") this.accept(li, input, hint, `Right: ${pythonRepr(step.expected)}.`);
      else if (v.kind === "wrong") {
        input.setAttribute("aria-invalid", "true");
        hint.textContent = `Not quite (${input.value.trim()}). ${v.hint}`;
      } else {
        input.setAttribute("aria-invalid", "true");
        hint.textContent = v.error;
      }
    });
    show.addEventListener("click", () => {
      input.value = pythonRepr(step.expected);
      this.accept(
        li,
        input,
        hint,
        `${hintFor(step, this.rootName)} So the grad of ${step.name} is ${pythonRepr(step.expected)}.`,
      );
    });
    this.list.append(li);
    this.paint();
    if (focus) input.focus();
  }

  private accept(li: HTMLElement, input: HTMLInputElement, hint: HTMLElement, message: string): void {
    const step = this.steps[this.position];
    if (!step) return;
    input.removeAttribute("aria-invalid");
    input.readOnly = true;
    li.dataset.state = "done";
    for (const b of li.querySelectorAll("button")) b.remove();
    hint.textContent = message;
    this.known.set(step.node, step.expected);
    this.position++;
    this.cell.fill();
    this.open(true);
  }
}
