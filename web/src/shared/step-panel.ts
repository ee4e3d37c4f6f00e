/**
 * The text of the step panel: what one step of backward did, in the program's own names — the node
 * (`L = d * f`, or its expression when unnamed, e.g. `10 / f`), then one row per parent with the local
 * derivative as a rule (`∂L/∂d = f = -2.0000`), the upstream grad, the contribution and the parent's
 * grad before and after. Pure DOM building; the view decides when to show it.
 */
import type { Value } from "micrograd-ts";
import { el } from "./dom.js";
import { fixed } from "./format.js";
import { expressionOf, type ProgramGraph } from "./program-graph.js";
import { type BackwardStepper, namedRule, type StepRecord } from "./stepper.js";

/** A node's name with its line when the name is reused ("c (line 5)"). */
export function nameWithLine(pg: ProgramGraph, v: Value): string {
  const line = pg.reused(v) ? pg.lineOf(v) : undefined;
  return line === undefined ? pg.name(v) : `${pg.name(v)} (line ${line})`;
}

/** The node as an equation in its operands: "L = d * f", or just the expression when unnamed. */
export function equationOf(pg: ProgramGraph, v: Value): string {
  const rhs = expressionOf(v, (p) => (p.label !== "" ? p.label : undefined));
  return v.label !== "" ? `${nameWithLine(pg, v)} = ${rhs}` : rhs;
}

/** The panel's content for a step record. */
export function renderStep(pg: ProgramGraph, record: StepRecord, stepper: BackwardStepper): HTMLElement[] {
  const panel: HTMLElement[] = [];
  const head = el("p", undefined, "step-head");
  head.append(el("strong", `Step ${record.step} of ${record.total}: `));
  const name = pg.name(record.node);
  if (record.kind === "seed") {
    head.append(`seed — ${name}.grad += 1 (d${name}/d${name} = 1).`);
    panel.push(head);
    if (pg.evaluation.inputs.some((v) => v.grad !== 0)) {
      panel.push(
        el(
          "p",
          "The inputs still hold gradients from an earlier pass: this pass adds to them (gradients accumulate). Zero grads first for a fresh pass.",
          "note",
        ),
      );
    }
  } else {
    head.append(`${equationOf(pg, record.node)}, grad ${fixed(record.node.grad)}`);
    panel.push(head);
    const operands = record.node.prev.map((p) => pg.name(p));
    const table = el("table", undefined, "chain");
    table.id = "step-table";
    table.append(
      el("caption", "local derivative × upstream grad = contribution, added to the parent's grad"),
    );
    const thead = el("thead");
    const hr = el("tr");
    const columns = ["parent", "local derivative", "× upstream", "= contribution", "parent grad"];
    for (const h of columns) {
      const th = el("th", h);
      th.scope = "col";
      hr.append(th);
    }
    thead.append(hr);
    const body = el("tbody");
    for (const c of record.contributions) {
      const tr = el("tr");
      tr.dataset.parent = `n${c.parentIndex}`;
      const parent = el("th", nameWithLine(pg, c.parent));
      parent.scope = "row";
      tr.append(
        parent,
        el("td", `${namedRule(c.rule, record.op, operands)} = ${fixed(c.local)}`),
        el("td", fixed(c.upstream)),
        el("td", fixed(c.contribution)),
        el("td", `${fixed(c.gradBefore)} → ${fixed(c.gradAfter)}`),
      );
      // each cell names its column, for the phone layout that stacks a row's cells
      [...tr.children].forEach((cell, i) => {
        (cell as HTMLElement).dataset.label = columns[i] ?? "";
      });
      body.append(tr);
    }
    table.append(thead, body);
    const wrap = el("div", undefined, "table-wrap");
    wrap.append(table);
    panel.push(wrap);
  }
  if (stepper.done) panel.push(el("p", "Backward is complete: every gradient is in place.", "note"));
  else {
    const next = stepper.peek();
    if (next) panel.push(el("p", `Next: ${equationOf(pg, next)}.`, "note"));
  }
  return panel;
}

/**
 * The panel before any step: how to use it, or, when the program ran `ranBackward.backward()` itself,
 * that the grads are filled in already.
 */
export function introPanel(ranBackward?: string): HTMLElement[] {
  if (ranBackward !== undefined) {
    const done = el("p", undefined, "note");
    done.append(
      `The program ran ${ranBackward}.backward(): every grad is filled in, as after `,
      el("strong", "Backward"),
      ". Press ",
      el("strong", "Zero grads"),
      ", then ",
      el("strong", "Step"),
      " to watch the pass one node at a time.",
    );
    return [done];
  }
  const p = el("p", undefined, "note");
  p.append(
    "Press ",
    el("strong", "Step"),
    " to run backward one node at a time, or ",
    el("strong", "Backward"),
    " for all at once.",
  );
  return [p];
}
