/**
 * The summary lesson's widget: where each idea of the lecture lives in this library (the files, by path
 * in the repository) and where to go next in the playground.
 */
import { h } from "../shared/dom.js";

/** Each idea of the lecture and the file of this repository that holds it. */
export const WHERE: readonly [string, string, string][] = [
  [
    "Value: data, grad, the graph",
    "packages/micrograd-ts/src/engine/value.ts",
    "the Value class and backward()",
  ],
  [
    "each op's forward and local derivative",
    "packages/micrograd-ts/src/engine/ops.ts",
    "the ops table: one entry per op",
  ],
  [
    "the topological order",
    "packages/micrograd-ts/src/engine/topo.ts",
    "iterative, so huge graphs do not overflow the stack",
  ],
  ["draw_dot", "packages/micrograd-ts/src/engine/graphviz.ts", "the graph as Graphviz DOT"],
  ["Neuron, Layer, MLP", "packages/micrograd-ts/src/nn/", "neuron.ts, layer.ts, mlp.ts"],
  ["losses and the training loop", "packages/micrograd-ts/src/train/", "the Trainer, on Values or compiled"],
  [
    "the compiled path",
    "packages/micrograd-ts/src/compile/",
    "a fixed graph replayed as flat arrays, same numbers",
  ],
  ["the expression language", "packages/micrograd-ts/src/lang/", "the programs of these lessons"],
];

/** The summary's content. */
export function summaryWidget(): HTMLElement {
  const body = h("tbody");
  for (const [idea, path, note] of WHERE) {
    body.append(
      h("tr", {}, h("th", { scope: "row" }, idea), h("td", {}, h("code", {}, path)), h("td", {}, note)),
    );
  }
  return h(
    "div",
    { class: "widget" },
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { id: "summary-files" },
        h("caption", {}, "Where each idea lives in this repository"),
        h("thead", {}, h("tr", {}, ...["idea", "file", ""].map((t) => h("th", { scope: "col" }, t)))),
        body,
      ),
    ),
    h(
      "p",
      {},
      "Next: ",
      h("a", { id: "summary-train", href: "#view=train" }, "the Training view"),
      " trains an MLP on 2-D datasets and draws its decision boundary as it learns; ",
      h("a", { id: "summary-gpt", href: "#view=gpt" }, "the GPT view"),
      " trains a tiny GPT on names with this same engine; ",
      h("a", { id: "summary-expression", href: "#view=expression" }, "the Expression view"),
      " steps through backward on any program you type.",
    ),
  );
}
