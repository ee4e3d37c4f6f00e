/**
 * The optimizer table of the training view, after EurekaLabs' micrograd.html: for a small model, one row
 * per parameter with its value, its grad, Adam's moments m and √v, and the update the last step applied.
 * Rows are built once per model and their numbers rewritten in place.
 */
import { el } from "../shared/dom.js";
import { short } from "../shared/format.js";
import type { OptimizerState } from "./train.worker.js";

/** The table's columns after the parameter's name. */
export const OPTIMIZER_COLUMNS = ["value", "grad", "m", "√v", "update"] as const;

/** The optimizer table (or a note saying why it is not shown). */
export class OptimizerTable {
  /** The table's container (put it in the page). */
  readonly element: HTMLElement;
  private readonly note: HTMLParagraphElement;
  private readonly body: HTMLTableSectionElement;
  private readonly table: HTMLTableElement;
  private cells: HTMLTableCellElement[][] = [];

  constructor() {
    this.element = el("div", undefined, "optimizer-table");
    this.note = el("p", undefined, "note");
    this.table = el("table");
    this.table.id = "optimizer-table";
    this.table.append(el("caption", "each parameter after the last step (m, √v: Adam's moments)"));
    const head = el("thead");
    const tr = el("tr");
    for (const h of ["param", ...OPTIMIZER_COLUMNS]) {
      const th = el("th", h);
      th.scope = "col";
      tr.append(th);
    }
    head.append(tr);
    this.body = el("tbody");
    this.table.append(head, this.body);
    const wrap = el("div", undefined, "table-wrap");
    wrap.append(this.table);
    this.element.append(this.note, wrap);
  }

  /**
   * Starts a model: rows for `labels`, or (null: too many parameters) a note saying so.
   * @param count the model's number of parameters
   * @param max the most parameters the table shows
   */
  setModel(labels: readonly string[] | null, count: number, max: number): void {
    this.cells = [];
    if (!labels) {
      this.table.hidden = true;
      this.note.textContent = `This model has ${count.toLocaleString("en-US")} parameters; the table is shown for models with at most ${max} (e.g. hidden layers 4,4 has 37).`;
      this.body.replaceChildren();
      return;
    }
    this.table.hidden = false;
    this.note.textContent = "";
    this.body.replaceChildren(
      ...labels.map((label) => {
        const tr = el("tr");
        const th = el("th", label);
        th.scope = "row";
        const row = OPTIMIZER_COLUMNS.map(() => el("td", "–"));
        this.cells.push(row);
        tr.append(th, ...row);
        return tr;
      }),
    );
  }

  /** Writes the latest numbers. */
  update(state: OptimizerState): void {
    this.cells.forEach((row, i) => {
      const values = [
        state.data[i],
        state.grad[i],
        state.m ? state.m[i] : undefined,
        state.v ? Math.sqrt(state.v[i]) : undefined,
        state.update[i],
      ];
      row.forEach((cell, j) => {
        const v = values[j];
        const text = v === undefined ? "–" : short(v as number);
        if (cell.textContent !== text) cell.textContent = text;
      });
    });
  }
}
