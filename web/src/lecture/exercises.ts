/**
 * The exercises lesson: (1) the learner's analytic gradient of f(a, b, c) = −a³ + sin(3b) − 1/c + b^2.5
 * − a^0.5, checked against the engine's, with the central difference beside both; (2) softmax and the
 * negative log likelihood of class 3 from Value ops, with the solution's loss and gradients beside ours.
 */

import { h } from "../shared/dom.js";
import { pythonRepr as full } from "../shared/format.js";
import type { ProgramGraph } from "../shared/program-graph.js";
import { type CompareRow, compareTable, field, updateCompare } from "./compare.js";
import { EXERCISE_1_PROGRAM, EXERCISE_2_PROGRAM } from "./lessons.js";
import { centralDifference, functionOf } from "./numbers.js";
import { ProgramCell } from "./program-cell.js";
import { close, readAnswer } from "./your-turn.js";

/** The gradient the exercise's solution prints. */
export const EXERCISE_1_GRADIENT = [-12.353553390593273, 10.25699027111255, 0.0625] as const;
/** Exercise 2's loss and logit gradients, from the exercise's solution. */
export const EXERCISE_2_LOSS = 2.1755153626167147;
export const EXERCISE_2_GRADS = [
  0.0417725705153504, 0.839024507462532, 0.00565330266221633, -0.886450380640099,
] as const;

/** Step of the central difference. */
export const CENTRAL_H = 1e-6;

function exerciseOne(): HTMLElement {
  const names = ["a", "b", "c"] as const;
  const fields = names.map((n) => field(`ex1-${n}`, `df/d${n}`, "", 22));
  const verdicts = names.map((n) =>
    h("span", { id: `ex1-${n}-verdict`, class: "verdict", "aria-live": "polite" }),
  );
  const table = h("div", { class: "table-wrap" });
  /** The answers (the engine's grads) stay hidden until the learner checks a gradient. */
  let revealed = false;
  const cell = new ProgramCell({
    id: "ex1",
    gradCell: (v) => (revealed || !["a", "b", "c"].includes(v.label) ? full(v.grad) : "?"),
    source: EXERCISE_1_PROGRAM,
    label: "f in the expression language (edit it)",
    onRun: () => check(),
  });
  const check = () => {
    const pg = cell.program;
    if (!pg || !revealed) return;
    const at = Object.fromEntries(pg.evaluation.inputs.map((v) => [v.label, v.data]));
    const body = h("tbody");
    names.forEach((n, i) => {
      const leaf = pg.evaluation.inputs.find((v) => v.label === n);
      const verdict = verdicts[i];
      const input = (fields[i] as (typeof fields)[number]).input;
      if (!leaf) {
        verdict.textContent = `the program has no input ${n}`;
        return;
      }
      const numeric = centralDifference(functionOf(cell.source, n), leaf.data, CENTRAL_H);
      const r = readAnswer(input.value, at);
      if (input.value.trim() === "") verdict.textContent = "";
      else if (!r.ok) verdict.textContent = r.error;
      else
        verdict.textContent = close(r.value, leaf.grad)
          ? `right (${full(r.value)})`
          : `not yet: ${full(r.value)} is not df/d${n}`;
      input.setAttribute(
        "aria-invalid",
        String(input.value.trim() !== "" && !(r.ok && close(r.value, leaf.grad))),
      );
      body.append(
        h(
          "tr",
          { "data-key": `ex1-${n}` },
          h("th", { scope: "row" }, `df/d${n}`),
          h("td", { class: "yours" }, r.ok ? full(r.value) : "–"),
          h("td", { class: "numerical" }, full(numeric)),
          h("td", { class: "ours" }, full(leaf.grad)),
          h("td", { class: "lecture" }, full(EXERCISE_1_GRADIENT[i])),
        ),
      );
    });
    table.replaceChildren(
      h(
        "table",
        { id: "ex1-table", class: "compare" },
        h(
          "caption",
          {},
          "Your gradient, the central difference (h = 1e-6), the engine's backward() and the solution's",
        ),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...["", "yours", "numerical", "engine", "solution"].map((t) => h("th", { scope: "col" }, t)),
          ),
        ),
        body,
      ),
    );
  };
  const form = h(
    "form",
    { class: "controls ex1-form", novalidate: true },
    ...fields.map((f, i) => h("div", { class: "answer" }, f.wrap, verdicts[i])),
    h("button", { type: "submit", id: "ex1-check" }, "Check my gradient"),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    revealed = true;
    cell.fill();
    check();
  });
  queueMicrotask(() => cell.run());
  return h(
    "section",
    { class: "exercise", "aria-labelledby": "ex1-title" },
    h(
      "h3",
      { id: "ex1-title" },
      "1. The gradient of f(a, b, c) = −a³ + sin(3b) − 1/c + b^2.5 − a^0.5 at (2, 3, 4)",
    ),
    h(
      "p",
      { class: "note" },
      "Differentiate by hand and type each partial derivative: a number, or a formula in a, b and c (use cos, sin, **). Checking shows the numerical estimate and the engine's gradient beside yours.",
    ),
    cell.element,
    form,
    table,
  );
}

function exerciseTwo(): HTMLElement {
  const compare = compareTable([], "The solution's loss and gradients beside the engine's");
  const rows = (pg: ProgramGraph): CompareRow[] => {
    const loss = pg.evaluation.output.data;
    const out: CompareRow[] = [
      {
        key: "ex2-loss",
        what: "loss",
        lecture: full(EXERCISE_2_LOSS),
        ours: full(loss),
        note:
          Math.abs(loss - EXERCISE_2_LOSS) <= 1e-15
            ? "within 1e-15"
            : `differs by ${Math.abs(loss - EXERCISE_2_LOSS)}`,
      },
    ];
    EXERCISE_2_GRADS.forEach((g, i) => {
      const v = pg.evaluation.inputs.find((x) => x.label === `l${i}`);
      out.push({
        key: `ex2-l${i}`,
        what: `l${i}.grad`,
        lecture: g.toFixed(7),
        ours: v ? v.grad.toFixed(7) : "–",
        note: v ? `full: ${full(v.grad)}` : "",
      });
    });
    return out;
  };
  const cell = new ProgramCell({
    id: "ex2",
    source: EXERCISE_2_PROGRAM,
    label: "softmax and the negative log likelihood of class 3 (edit the logits)",
    onRun: (pg) => updateCompare(compare, rows(pg)),
  });
  queueMicrotask(() => cell.run());
  return h(
    "section",
    { class: "exercise", "aria-labelledby": "ex2-title" },
    h(
      "h3",
      { id: "ex2-title" },
      "2. softmax and the negative log likelihood of class 3 on logits [0, 3, −2, 1]",
    ),
    h(
      "p",
      { class: "note" },
      "Each probability is exp(logit) divided by the sum of the exps; the loss is −log of class 3's probability. Backward gives each logit the gradient p_i − [i = 3].",
    ),
    cell.element,
    compare,
  );
}

/** The exercises lesson's widget. */
export function exercisesWidget(): HTMLElement {
  return h("div", { class: "widget" }, exerciseOne(), exerciseTwo());
}
