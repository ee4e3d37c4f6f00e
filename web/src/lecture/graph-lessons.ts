/**
 * The widgets of the lessons about the Value graph and its backward pass: a program with its graph and
 * the lecture's numbers; one optimization step; the numerical check lol(); tanh's local derivative; the
 * backward function of each op, one step at a time; the topological order; a node used twice with the
 * overwrite bug; tanh broken up; and the PyTorch cell with float32 inputs.
 */
import { evaluateProgram, topoOrder, Value } from "micrograd-ts";
import { h } from "../shared/dom.js";
import { pythonRepr as full } from "../shared/format.js";
import type { GraphvizClient } from "../shared/graphviz-client.js";
import { NEURON_PROGRAM } from "../shared/lecture-cells.js";
import type { ProgramGraph } from "../shared/program-graph.js";
import { renderStep } from "../shared/step-panel.js";
import { BackwardStepper } from "../shared/stepper.js";
import { button, type CompareRow, checkbox, compareTable, liveText, updateCompare } from "./compare.js";
import { HandBackprop } from "./hand-backprop.js";
import { LessonGraph, shownGrad } from "./lesson-graph.js";
import { backwardOverwriting, bump, float32Inputs, optimizationStep } from "./numbers.js";
import { ProgramCell } from "./program-cell.js";

/** The value a program assigned to `name` (undefined if none). */
function namedValue(pg: ProgramGraph | null, name: string): Value | undefined {
  return pg?.evaluation.values.get(name) ?? pg?.evaluation.inputs.find((v) => v.label === name);
}

/** A grad or data of a named value, printed as Python would ("–" when the program has no such name). */
function num(v: Value | undefined, what: "data" | "grad"): string {
  return v ? full(v[what]) : "–";
}

/** A program, its graph and the lecture's numbers for it (`rows` is computed after every run). */
export function programWidget(
  id: string,
  source: string,
  graphviz: GraphvizClient,
  rows: (pg: ProgramGraph) => CompareRow[],
): HTMLElement {
  const compare = compareTable([]);
  const graph = new LessonGraph(graphviz, "Computation graph");
  const cell = new ProgramCell({ id, source, graph, onRun: (pg) => updateCompare(compare, rows(pg)) });
  queueMicrotask(() => cell.run());
  return h("div", { class: "widget" }, cell.element, compare);
}

/** Lesson 1: micrograd's README example. */
export const overviewRows = (pg: ProgramGraph): CompareRow[] => {
  const out = pg.evaluation.output;
  const a = namedValue(pg, "a");
  const b = namedValue(pg, "b");
  return [
    { key: "g", what: "g.data", lecture: "24.7041", ours: out.data.toFixed(4) },
    { key: "dg-da", what: "a.grad", lecture: "138.8338", ours: a ? a.grad.toFixed(4) : "–" },
    { key: "dg-db", what: "b.grad", lecture: "645.5773", ours: b ? b.grad.toFixed(4) : "–" },
  ];
};

/** Lesson 4: L = (a*b + c) * f. */
export const expressionRows = (pg: ProgramGraph): CompareRow[] => [
  {
    key: "L",
    what: "L",
    lecture: "Value(data=-8.0)",
    ours: `Value(data=${full(pg.evaluation.output.data)})`,
  },
];

/** Lesson 5: your turn on L, and lol(). */
export function handExpressionWidget(source: string, graphviz: GraphvizClient): HTMLElement {
  const compare = compareTable([]);
  const lolOut = liveText("lol-out");
  let hand: HandBackprop;
  const lol = button("lol", "Numerical check: lol() (bump b by h = 0.001)", () => {
    try {
      const r = bump(hand.cell.source, "b", 0.001);
      lolOut.textContent = `(L2 − L1) / h = ${full(r.slope)}`;
      updateCompare(compare, [
        { key: "lol", what: "lol(): (L2 − L1)/h", lecture: "-3.9999999999995595", ours: full(r.slope) },
      ]);
    } catch (err) {
      lolOut.textContent = err instanceof Error ? err.message : String(err);
    }
  });
  hand = new HandBackprop(source, graphviz, () => {
    lolOut.textContent = "";
  });
  queueMicrotask(() => hand.cell.run());
  return h("div", { class: "widget" }, ...hand.parts(), h("div", { class: "buttons" }, lol), lolOut, compare);
}

/** Lesson 6: one optimization step, data += 0.01 × grad. */
export function optimizationWidget(source: string, graphviz: GraphvizClient): HTMLElement {
  const compare = compareTable([]);
  const graph = new LessonGraph(graphviz, "Computation graph");
  const out = h("ol", { id: "opt-history", class: "history", "aria-live": "polite" });
  let inputs: Record<string, number> = {};
  const cell = new ProgramCell({
    id: "opt",
    source,
    graph,
    onRun: () => {
      inputs = {};
      out.replaceChildren();
      updateCompare(compare, []);
    },
  });
  const step = button("opt-step", "Step: every leaf's data += 0.01 × grad", () => {
    try {
      const s = optimizationStep(cell.source, 0.01, inputs);
      inputs = s.next;
      const leaves = Object.entries(s.next)
        .map(([k, v]) => `${k} = ${full(v)}`)
        .join(", ");
      out.append(h("li", {}, `${full(s.before)} → ${full(s.after)} (${leaves})`));
      if (out.children.length === 1)
        updateCompare(compare, [
          { key: "after", what: "L after one step", lecture: "-7.286496", ours: full(s.after) },
        ]);
      // the graph at the new inputs, with its grads there (ready for the next step)
      const now = evaluateProgram(cell.source, { inputs });
      now.output.zeroGrad();
      now.output.backward();
      void graph.draw(now.output);
    } catch (err) {
      out.append(h("li", { class: "error-text" }, err instanceof Error ? err.message : String(err)));
    }
  });
  const reset = button("opt-reset", "Reset", () => cell.run());
  queueMicrotask(() => cell.run());
  return h(
    "div",
    { class: "widget" },
    cell.element,
    h("div", { class: "buttons" }, step, reset),
    h("p", { class: "note" }, "The output before → after each step:"),
    out,
    compare,
  );
}

/** Lesson 7: your turn on the neuron, and tanh's local derivative 1 − o². */
export function handNeuronWidget(source: string, graphviz: GraphvizClient): HTMLElement {
  const compare = compareTable([]);
  const hand = new HandBackprop(source, graphviz, (pg) => {
    const o = namedValue(pg, "o");
    const n = namedValue(pg, "n");
    if (!o || !n) {
      updateCompare(compare, []);
      return;
    }
    // the lecture's tanh: t = (exp(2x) - 1)/(exp(2x) + 1), with this library's ops
    const e = new Value(n.data).mul(2).exp();
    const t = e.sub(1).div(e.add(1)).data;
    updateCompare(compare, [
      {
        key: "o",
        what: "o (the engine's tanh)",
        lecture: "0.7071067811865476",
        ours: full(o.data),
        note: "the engine's tanh is Math.tanh, one bit from the lecture's formula",
      },
      {
        key: "o-lecture",
        what: "o = (e^2n − 1)/(e^2n + 1), the lecture's formula",
        lecture: "0.7071067811865476",
        ours: full(t),
      },
      {
        key: "one-minus",
        what: "1 - o**2 (the lecture's o)",
        lecture: "0.4999999999999999",
        ours: full(1 - t ** 2),
      },
      {
        key: "one-minus-engine",
        what: "1 - o**2 (the engine's o)",
        lecture: "–",
        ours: full(1 - o.data ** 2),
        note: "≈ 0.5 either way",
      },
    ]);
  });
  queueMicrotask(() => hand.cell.run());
  return h("div", { class: "widget" }, ...hand.parts(), compare);
}

/** Lesson 8: backward one op at a time, with each op's local derivative (the expression view's stepper). */
export function opBackwardWidget(source: string, graphviz: GraphvizClient): HTMLElement {
  const graph = new LessonGraph(graphviz, "Computation graph");
  const panel = h("div", { id: "op-step-panel", class: "step-panel", "aria-live": "polite" });
  let stepper: BackwardStepper | null = null;
  const cell = new ProgramCell({
    id: "ops",
    source,
    backward: false,
    graph,
    onRun: () => {
      stepper = null;
      panel.replaceChildren(
        h(
          "p",
          { class: "note" },
          "Press Step: first the output's grad is set to 1, then each node's backward runs.",
        ),
      );
    },
  });
  const step = button("op-step", "Step", () => {
    const pg = cell.program;
    if (!pg) return;
    if (!stepper || stepper.done) stepper = new BackwardStepper(pg.evaluation.output);
    const record = stepper.next();
    if (!record) return;
    panel.replaceChildren(...renderStep(pg, record, stepper));
    cell.fill();
    graph.paint(shownGrad, record.node);
  });
  queueMicrotask(() => cell.run());
  return h("div", { class: "widget" }, cell.element, h("div", { class: "buttons" }, step), panel);
}

/** The lecture's printed topological order of the neuron (first notebook, cell 16): the data values. */
export const LECTURE_TOPO = [
  "6.881373587019543",
  "2.0",
  "-3.0",
  "-6.0",
  "0.0",
  "1.0",
  "0.0",
  "-6.0",
  "0.8813735870195432",
  "0.7071067811865476",
];

/** Lesson 9: the topological order, then backward() over it. */
export function topoWidget(source: string, graphviz: GraphvizClient): HTMLElement {
  const graph = new LessonGraph(graphviz, "Computation graph");
  const ours = h("ol", { id: "topo-ours", class: "topo" });
  const lecture = h(
    "ol",
    { id: "topo-lecture", class: "topo" },
    ...LECTURE_TOPO.map((d) => h("li", {}, `Value(data=${d})`)),
  );
  const cell = new ProgramCell({
    id: "topo",
    source,
    backward: false,
    graph,
    onRun: (pg) => {
      ours.replaceChildren(
        ...topoOrder(pg.evaluation.output).map((v) =>
          h("li", {}, `Value(data=${full(v.data)})`, h("span", { class: "note" }, ` ${pg.name(v)}`)),
        ),
      );
    },
  });
  const run = button(
    "topo-backward",
    "backward(): grad of the output = 1, then each node in reverse order",
    () => {
      const pg = cell.program;
      if (!pg) return;
      pg.evaluation.output.zeroGrad();
      pg.evaluation.output.backward();
      cell.fill();
      graph.paint();
    },
  );
  queueMicrotask(() => cell.run());
  return h(
    "div",
    { class: "widget" },
    cell.element,
    h("div", { class: "buttons" }, run),
    h(
      "div",
      { class: "side-by-side" },
      h("section", {}, h("h3", {}, "Our topological order"), ours),
      h("section", {}, h("h3", {}, "The lecture's (Python set order)"), lecture),
    ),
  );
}

/** Lesson 10: a node used twice, with the overwrite bug as a switch. */
export function usedTwiceWidget(first: string, second: string, graphviz: GraphvizClient): HTMLElement {
  const bug = checkbox("twice-bug", "overwrite grads instead of accumulating (the bug)");
  const compare = compareTable([]);
  const cells: ProgramCell[] = [];
  const backward = (pg: ProgramGraph) => {
    const out = pg.evaluation.output;
    out.zeroGrad();
    if (bug.input.checked) backwardOverwriting(out);
    else out.backward();
  };
  const rows = () => {
    const a1 = namedValue(cells[0]?.program ?? null, "a");
    const a2 = namedValue(cells[1]?.program ?? null, "a");
    const b2 = namedValue(cells[1]?.program ?? null, "b");
    const on = bug.input.checked;
    updateCompare(compare, [
      {
        key: "twice-a",
        what: "b = a + a: a.grad",
        lecture: on ? "1.0 (with the bug)" : "2.0",
        ours: num(a1, "grad"),
      },
      {
        key: "twice-a2",
        what: "f = (a*b)*(a+b): a.grad",
        lecture: on ? "wrong (the bug)" : "-3.0",
        ours: num(a2, "grad"),
      },
      {
        key: "twice-b2",
        what: "f = (a*b)*(a+b): b.grad",
        lecture: on ? "wrong (the bug)" : "-8.0",
        ours: num(b2, "grad"),
      },
    ]);
  };
  for (const [i, source] of [first, second].entries()) {
    const graph = new LessonGraph(graphviz, `Computation graph ${i + 1}`);
    const cell: ProgramCell = new ProgramCell({
      id: `twice${i + 1}`,
      source,
      backward: false,
      graph,
      label: i === 0 ? "The lecture's cell: b = a + a" : "The lecture's cell: f = (a*b)*(a+b)",
      onRun: (pg) => {
        backward(pg);
        cell.fill();
        rows();
      },
    });
    cells.push(cell);
  }
  bug.input.addEventListener("change", () => {
    for (const c of cells) c.run();
  });
  queueMicrotask(() => {
    for (const c of cells) c.run();
  });
  return h(
    "div",
    { class: "widget" },
    h("div", { class: "switch" }, bug.wrap),
    ...cells.map((c) => c.element),
    compare,
  );
}

/** Lesson 11: tanh broken up into exp, + and /; the grads match the lecture's by-hand ones. */
export const tanhExpRows = (pg: ProgramGraph): CompareRow[] =>
  [
    ["o", "data", "0.7071067811865476"],
    ["x1", "grad", "-1.5"],
    ["w1", "grad", "1.0"],
    ["x2", "grad", "0.5"],
    ["w2", "grad", "0.0"],
  ].map(([name, what, lecture]) => ({
    key: `exp-${name}`,
    what: `${name}.${what}`,
    lecture: lecture as string,
    ours: num(namedValue(pg, name as string), what as "data" | "grad"),
  }));

/** The lecture's PyTorch cell (second notebook, cell 13), shown as text. */
export const PYTORCH_CELL = `x1 = torch.Tensor([2.0]).double()                ; x1.requires_grad = True
x2 = torch.Tensor([0.0]).double()                ; x2.requires_grad = True
w1 = torch.Tensor([-3.0]).double()               ; w1.requires_grad = True
w2 = torch.Tensor([1.0]).double()                ; w2.requires_grad = True
b = torch.Tensor([6.8813735870195432]).double()  ; b.requires_grad = True
n = x1*w1 + x2*w2 + b
o = torch.tanh(n)

print(o.data.item())
o.backward()

print('---')
print('x2', x2.grad.item())
print('w2', w2.grad.item())
print('x1', x1.grad.item())
print('w1', w1.grad.item())`;

const PYTORCH_PRINTED: [string, "data" | "grad", string][] = [
  ["o", "data", "0.7071066904050358"],
  ["x2", "grad", "0.5000001283844369"],
  ["w2", "grad", "0.0"],
  ["x1", "grad", "-1.5000003851533106"],
  ["w1", "grad", "1.0000002567688737"],
];

/** Lesson 12: PyTorch's numbers beside the engine's, with and without float32 inputs. */
export function pytorchWidget(): HTMLElement {
  const f32 = checkbox(
    "pytorch-f32",
    "round the inputs to float32 first (Math.fround), as torch.Tensor does",
  );
  const compare = compareTable([], "PyTorch's printed numbers beside this engine's");
  const bias = h("p", { id: "pytorch-b", class: "note" });
  const update = () => {
    const inputs = f32.input.checked ? float32Inputs(NEURON_PROGRAM) : {};
    const ev = evaluateProgram(NEURON_PROGRAM, { inputs });
    ev.output.backward();
    const get = (name: string) => ev.values.get(name) ?? ev.inputs.find((v) => v.label === name);
    bias.textContent = `b as the engine holds it: ${full(get("b")?.data ?? Number.NaN)} (typed: 6.8813735870195432)`;
    updateCompare(
      compare,
      PYTORCH_PRINTED.map(([name, what, lecture]) => {
        const ours = num(get(name), what);
        return {
          key: `torch-${name}`,
          what: what === "data" ? name : `${name} grad`,
          lecture,
          ours,
          note: ours === lecture ? "same digits" : "differs from the 7th digit: float32 inputs in PyTorch",
        };
      }),
    );
  };
  f32.input.addEventListener("change", update);
  queueMicrotask(update);
  return h(
    "div",
    { class: "widget" },
    h("pre", { class: "code", "aria-label": "The lecture's PyTorch cell" }, PYTORCH_CELL),
    h("div", { class: "switch" }, f32.wrap),
    bias,
    compare,
  );
}
