/** Example programs for the expression view, from the lecture and micrograd's README. */
import { NEURON_PROGRAM } from "../shared/lecture-cells.js";

/** A named example program. */
export interface Preset {
  id: string;
  title: string;
  /** One line on what it shows. */
  note: string;
  source: string;
}

/** The presets, in the order the lecture meets them. */
export const PRESETS: readonly Preset[] = [
  {
    id: "lecture",
    title: "Lecture: L = (a*b + c) * f",
    note: "The first graph of the lecture: dL/da = 6, dL/db = -4, dL/dc = -2, dL/df = 4.",
    source: "a = 2\nb = -3\nc = 10\nf = -2\ne = a * b\nd = e + c\nL = d * f\n",
  },
  {
    id: "neuron",
    title: "Neuron with tanh",
    note: "A 2-input neuron o = tanh(x1*w1 + x2*w2 + b); b is chosen so that o = 0.7071.",
    source:
      "x1 = 2\nx2 = 0\nw1 = -3\nw2 = 1\nb = 6.8813735870195432\n" +
      "x1w1 = x1 * w1\nx2w2 = x2 * w2\nx1w1x2w2 = x1w1 + x2w2\nn = x1w1x2w2 + b\no = tanh(n)\n",
  },
  {
    id: "neuron-notebook",
    title: "Neuron, pasted from the lecture's notebook",
    note: "The notebook's cell as it is: Value(…, label=…), labels such as 'x1*w1 + x2*w2', draw_dot(o). Step through its backward.",
    source: `${NEURON_PROGRAM}draw_dot(o)\n`,
  },
  {
    id: "neuron-exp",
    title: "Neuron, tanh through exp",
    note: "The same neuron with tanh spelled out as (e^2n - 1) / (e^2n + 1): same gradients, more nodes.",
    source:
      "x1 = 2\nx2 = 0\nw1 = -3\nw2 = 1\nb = 6.8813735870195432\n" +
      "x1w1 = x1 * w1\nx2w2 = x2 * w2\nx1w1x2w2 = x1w1 + x2w2\nn = x1w1x2w2 + b\n" +
      "e = exp(2 * n)\no = (e - 1) / (e + 1)\n",
  },
  {
    id: "accumulate",
    title: "b = a + a (gradients accumulate)",
    note: "a is used twice, so its gradient is the sum of both paths: db/da = 2, not 1.",
    source: "a = 3\nb = a + a\n",
  },
  {
    id: "readme",
    title: "micrograd README example",
    note: "From micrograd's README: g = 24.7041, dg/da = 138.8338, dg/db = 645.5773.",
    source:
      "a = -4\nb = 2\nc = a + b\nd = a * b + b**3\n" +
      "c = c + c + 1\nc = c + 1 + c + (-a)\n" +
      "d = d + d * 2 + relu(b + a)\nd = d + 3 * d + relu(b - a)\n" +
      "e = c - d\nf = e**2\ng = f / 2\ng = g + 10 / f\n",
  },
];
