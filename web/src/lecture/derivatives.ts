/**
 * The first two chapters' widgets: f(x) = 3x² − 4x + 5 plotted over [−5, 5) with x and h as controls and
 * the secant through x and x + h (its slope printed), and d = a*b + c with one input bumped by h. Both
 * run the lesson's program (edit it, and the plot and the numbers follow).
 */
import { h } from "../shared/dom.js";
import { pythonRepr as full } from "../shared/format.js";
import { button, type CompareRow, compareTable, field, liveText, updateCompare } from "./compare.js";
import { bump, functionOf, inputsOf, secant } from "./numbers.js";
import { drawFunction } from "./plots.js";
import { ProgramCell } from "./program-cell.js";
import { readAnswer } from "./your-turn.js";

/** The plot's x samples: the notebook's np.arange(-5, 5, 0.25). */
export const PLOT_XS: readonly number[] = Array.from({ length: 40 }, (_, i) => -5 + i * 0.25);

/** Lesson 2: the plot and the secant. */
export function derivativeWidget(source: string): HTMLElement {
  const canvas = h("canvas", {
    id: "fx-plot",
    width: 480,
    height: 260,
    role: "img",
    "aria-label": "f(x) over [-5, 5) with the secant through x and x + h",
  });
  const x = field("fx-x", "x", "3.0");
  const hh = field("fx-h", "h", "0.001");
  const out = h("dl", { id: "fx-out", class: "numbers", "aria-live": "polite" });
  const error = liveText("fx-error", "error-text");
  const lectureRows = (): CompareRow[] => {
    const f = fOf();
    if (!f) return [];
    return [
      { key: "f3", what: "f(3.0)", lecture: "20.0", ours: full(f(3)) },
      {
        key: "secant-3",
        what: "slope at x = 3, h = 0.001",
        lecture: "14.003…",
        ours: full(secant(f, 3, 0.001).slope),
      },
      {
        key: "secant-23",
        what: "slope at x = 2/3, h = 1e-6",
        lecture: "2.999378523327323e-06",
        ours: full(secant(f, 2 / 3, 1e-6).slope),
      },
      {
        key: "secant-tiny",
        what: "slope at x = 3, h = 1e-17",
        lecture: "0.0",
        ours: full(secant(f, 3, 1e-17).slope),
        note: "3 + 1e-17 rounds to 3",
      },
    ];
  };
  const compare = compareTable([]);
  let fOf = (): ((x: number) => number) | null => null;
  const cell = new ProgramCell({
    id: "fx",
    source,
    backward: false,
    grads: false,
    onRun: () => update(),
  });
  fOf = () => {
    const first = cell.program?.inputs[0];
    return first ? functionOf(cell.source, first.name) : null;
  };
  const update = () => {
    const f = fOf();
    error.textContent = "";
    if (!f) {
      error.textContent = "The program needs an input (a name assigned a number) to plot against.";
      return;
    }
    const xr = readAnswer(x.input.value);
    const hr = readAnswer(hh.input.value);
    if (!xr.ok || !hr.ok || hr.value === 0) {
      error.textContent = !xr.ok ? `x: ${xr.error}` : !hr.ok ? `h: ${hr.error}` : "h must not be 0.";
      return;
    }
    const s = secant(f, xr.value, hr.value);
    canvas.setAttribute(
      "aria-label",
      `f(x) over [-5, 5) with the secant through x = ${full(xr.value)} and x + h = ${full(xr.value + hr.value)}: slope ${full(s.slope)}`,
    );
    drawFunction(canvas, {
      xs: PLOT_XS,
      ys: PLOT_XS.map(f),
      secant: { x: xr.value, fx: s.fx, xh: xr.value + hr.value, fxh: s.fxh },
    });
    out.replaceChildren(
      ...[
        ["f(x)", full(s.fx), "fx-fx"],
        ["f(x + h)", full(s.fxh), "fx-fxh"],
        ["(f(x + h) − f(x)) / h", full(s.slope), "fx-slope"],
      ].map(([t, v, id]) =>
        h("div", {}, h("dt", {}, t as string), h("dd", { id: id as string }, v as string)),
      ),
    );
    updateCompare(compare, lectureRows());
  };
  const preset = (id: string, label: string, xv: string, hv: string) =>
    button(id, label, () => {
      x.input.value = xv;
      hh.input.value = hv;
      update();
    });
  x.input.addEventListener("change", update);
  hh.input.addEventListener("change", update);
  const form = h(
    "form",
    { class: "controls", novalidate: true },
    x.wrap,
    hh.wrap,
    h("button", { type: "submit" }, "Draw"),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    update();
  });
  const presets = h(
    "div",
    { class: "buttons" },
    preset("fx-preset-3", "x = 3, h = 0.001", "3.0", "0.001"),
    preset("fx-preset-23", "x = 2/3, h = 1e-6", "2/3", "0.000001"),
    preset("fx-preset-tiny", "x = 3, h = 1e-17", "3.0", "1e-17"),
  );
  const why = h(
    "p",
    { class: "note" },
    "Why 0 at h = 1e-17: a double holds about 16 significant digits, so 3 + 1e-17 is exactly 3; f(x + h) − f(x) is then 0. Shrinking h helps only until rounding errors outgrow the change you measure.",
  );
  const root = h("div", { class: "widget" }, cell.element, form, presets, error, canvas, out, why, compare);
  queueMicrotask(() => cell.run());
  return root;
}

/** Lesson 3: bump one input of d = a*b + c by h. */
export function bumpsWidget(source: string): HTMLElement {
  const hh = field("bump-h", "h", "0.0001");
  const out = h("dl", { id: "bump-out", class: "numbers", "aria-live": "polite" });
  const error = liveText("bump-error", "error-text");
  const choices = h("div", { class: "buttons", role: "group", "aria-label": "Bump an input" });
  const compare = compareTable([]);
  const cell = new ProgramCell({
    id: "bump",
    source,
    backward: false,
    grads: false,
    onRun: () => fillChoices(),
  });
  const doBump = (name: string) => {
    const hr = readAnswer(hh.input.value);
    error.textContent = "";
    if (!hr.ok || hr.value === 0) {
      error.textContent = hr.ok ? "h must not be 0." : `h: ${hr.error}`;
      return;
    }
    try {
      const r = bump(cell.source, name, hr.value);
      const out1 = cell.program?.name(cell.program.evaluation.output) ?? "d";
      out.replaceChildren(
        ...[
          [`${out1}1`, full(r.y1), "bump-y1"],
          [`${out1}2 (${name} += h)`, full(r.y2), "bump-y2"],
          ["slope", full(r.slope), "bump-slope"],
        ].map(([t, v, id]) =>
          h("div", {}, h("dt", {}, t as string), h("dd", { id: id as string }, v as string)),
        ),
      );
    } catch (err) {
      error.textContent = err instanceof Error ? err.message : String(err);
    }
  };
  const fillChoices = () => {
    choices.replaceChildren(
      ...inputsOf(cell.source).map((i) => button(`bump-${i.name}`, `bump ${i.name}`, () => doBump(i.name))),
    );
    const rows: CompareRow[] = [];
    try {
      const c = bump(cell.source, "c", 0.0001);
      rows.push(
        { key: "d1", what: "d1", lecture: "4.0", ours: full(c.y1) },
        { key: "d2", what: "d2 (c += 0.0001)", lecture: "4.0001", ours: full(c.y2) },
        { key: "slope-c", what: "slope for c", lecture: "0.9999999999976694", ours: full(c.slope) },
        {
          key: "slope-a",
          what: "slope for a",
          lecture: "about -3 (b)",
          ours: full(bump(cell.source, "a", 0.0001).slope),
        },
        {
          key: "slope-b",
          what: "slope for b",
          lecture: "about 2 (a)",
          ours: full(bump(cell.source, "b", 0.0001).slope),
        },
      );
    } catch {
      // an edited program without a, b or c: no comparison
    }
    updateCompare(compare, rows);
  };
  queueMicrotask(() => cell.run());
  return h("div", { class: "widget" }, cell.element, hh.wrap, choices, error, out, compare);
}
