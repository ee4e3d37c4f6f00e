/**
 * The lecture view's lessons: one per chapter of "The spelled-out intro to neural networks and
 * backpropagation: building micrograd" (its title and start, from the video's description), then the
 * exercises. Each lesson has our own short text, the lecture's cell as a program where one fits, what to
 * try, and the interactive part (`widget`) the renderer builds. Data only: no DOM.
 */
import { NEURON_PROGRAM, NEURON_UP_TO_N } from "../shared/lecture-cells.js";

/** The lecture's video. */
export const VIDEO_ID = "VMj-3S1tku0";

/** The interactive part of a lesson (see lecture-view.ts for what each one builds). */
export type WidgetKind =
  | "overview"
  | "value-graph"
  | "derivative"
  | "bumps"
  | "hand-expression"
  | "optimization-step"
  | "hand-neuron"
  | "op-backward"
  | "topo"
  | "used-twice"
  | "tanh-exp"
  | "pytorch"
  | "mlp-forward"
  | "mlp-loss"
  | "mlp-parameters"
  | "mlp-train"
  | "summary"
  | "exercises";

/** One lesson. */
export interface Lesson {
  /** The chapter's name (or "exercises"). */
  title: string;
  /** Where the chapter starts in the video, in seconds (null: not a chapter). */
  start: number | null;
  /** A few sentences in our own words. */
  text: string[];
  /** The lecture's cell as a program in the expression language, when one fits. */
  program?: string;
  /** What to try. */
  tryThis: string[];
  /** The interactive part. */
  widget: WidgetKind;
}

/** "hh:mm:ss" as seconds. */
function at(hms: string): number {
  const [h, m, s] = hms.split(":").map(Number) as [number, number, number];
  return h * 3600 + m * 60 + s;
}

/** The link to the video at `seconds` (a plain link: the page itself loads nothing from outside). */
export function videoLink(seconds: number): string {
  return `https://www.youtube.com/watch?v=${VIDEO_ID}&t=${seconds}s`;
}

/** "1:09:02" for 4142 seconds ("8:08" under an hour). */
export function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** The lecture's first graph, L = (a*b + c) * f (first notebook, cell 7, with lol()'s `L.label = 'L'`). */
export const EXPRESSION_PROGRAM = `a = Value(2.0, label='a')
b = Value(-3.0, label='b')
c = Value(10.0, label='c')
e = a*b; e.label = 'e'
d = e + c; d.label = 'd'
f = Value(-2.0, label='f')
L = d * f; L.label = 'L'
`;

/** The same neuron with tanh broken up into exp, + and / (second notebook, cell 11). */
export const NEURON_EXP_PROGRAM = `${NEURON_UP_TO_N}# ----
e = (2*n).exp()
o = (e - 1) / (e + 1)
# ----
o.label = 'o'
o.backward()
draw_dot(o)
`;

/** f(x) = 3x² − 4x + 5, the first function of the lecture (its `def f(x)` written as a formula in x). */
export const DERIVATIVE_PROGRAM = "x = 3.0\ny = 3*x**2 - 4*x + 5\n";

/** d = a*b + c, the lecture's function of three inputs (first notebook, cell 5). */
export const BUMPS_PROGRAM = "# les get more complex\na = 2.0\nb = -3.0\nc = 10.0\nd = a*b + c\n";

/** `b = a + a`: one node used twice (first notebook, cell 31). */
export const TWICE_PROGRAM = `a = Value(3.0, label='a')
b = a + a   ; b.label = 'b'
b.backward()
draw_dot(b)
`;

/** The lecture's second example of a node used more than once (first notebook, cell 32). */
export const TWICE_PROGRAM_2 = `a = Value(-2.0, label='a')
b = Value(3.0, label='b')
d = a * b    ; d.label = 'd'
e = a + b    ; e.label = 'e'
f = d * e    ; f.label = 'f'

f.backward()

draw_dot(f)
`;

/** micrograd's README example, as written there (without its import and prints), which the overview runs. */
export const OVERVIEW_PROGRAM = `a = Value(-4.0)
b = Value(2.0)
c = a + b
d = a * b + b**3
c += c + 1
c += 1 + c + (-a)
d += d * 2 + (b + a).relu()
d += 3 * d + (b - a).relu()
e = c - d
f = e**2
g = f / 2.0
g += 10.0 / f
g.backward()
`;

/** Exercise 1: f(a, b, c) = −a³ + sin(3b) − 1/c + b^2.5 − a^0.5. */
export const EXERCISE_1_PROGRAM = `a = Value(2.0, label='a')
b = Value(3.0, label='b')
c = Value(4.0, label='c')
f = -a**3 + (3*b).sin() - 1.0/c + b**2.5 - a**0.5
`;

/** Exercise 2: softmax of four logits and the negative log likelihood of class 3. */
export const EXERCISE_2_PROGRAM = `l0 = Value(0.0, label='l0')
l1 = Value(3.0, label='l1')
l2 = Value(-2.0, label='l2')
l3 = Value(1.0, label='l3')
# softmax: exp of each logit over their sum
e0 = l0.exp(); e1 = l1.exp(); e2 = l2.exp(); e3 = l3.exp()
s = e0 + e1 + e2 + e3
p3 = e3 / s
# the negative log likelihood of class 3
loss = -p3.log()
`;

/** The lessons, in the video's order, then the exercises. */
export const LESSONS: readonly Lesson[] = [
  {
    title: "micrograd overview",
    start: at("00:00:25"),
    text: [
      "micrograd is a tiny autograd engine: it builds a graph of scalar operations as you compute, then walks it backwards to find how the output changes when each input changes. That backward walk (backpropagation) is all a neural network needs to learn.",
      "The program below is micrograd's README example. Run it: g is computed forward, then backward() fills every grad. The lecture shows the same numbers.",
    ],
    program: OVERVIEW_PROGRAM,
    tryThis: [
      "Change a to -3.0 and run again: every grad changes.",
      "Open the same program in the Expression view and press Step to watch backward one node at a time.",
    ],
    widget: "overview",
  },
  {
    title: "derivative of a simple function with one input",
    start: at("00:08:08"),
    text: [
      "A derivative says how much a function's output moves when its input moves a tiny bit. Take f(x) = 3x² − 4x + 5, bump x by a small h, and divide the change in f by h: that slope is the secant, and as h shrinks it approaches the derivative 6x − 4.",
      "The plot draws f over [−5, 5) and the secant through x and x + h. Too small an h fails for a different reason: doubles carry about 16 significant digits, so x + h rounds back to x and the difference is exactly 0.",
    ],
    program: DERIVATIVE_PROGRAM,
    tryThis: [
      "x = 3, h = 0.001: the slope is about 14 (the derivative 6·3 − 4).",
      "x = 2/3: the slope is almost 0, the bottom of the parabola.",
      "h = 1e-17: the slope is 0, because 3 + 1e-17 is 3 in floating point.",
    ],
    widget: "derivative",
  },
  {
    title: "derivative of a function with multiple inputs",
    start: at("00:14:12"),
    text: [
      "With several inputs, each one has its own derivative: bump one input, keep the others, and see how the output moves. For d = a*b + c, bumping c moves d one for one, bumping a moves it by b, bumping b moves it by a.",
    ],
    program: BUMPS_PROGRAM,
    tryThis: [
      "Bump c: the slope is 1 (up to rounding).",
      "Bump a: the slope is −3, the value of b. Bump b: 2, the value of a.",
    ],
    widget: "bumps",
  },
  {
    title: "starting the core Value object of micrograd and its visualization",
    start: at("00:19:09"),
    text: [
      "A Value wraps one number (data) and remembers the operation and the Values it came from. Chaining additions and multiplications of Values builds a graph: L = (a*b + c) * f has four leaves, two intermediate nodes and the output.",
      "Each node is drawn as the lecture's draw_dot draws it: its name, its data and its grad, with an oval for the operation that made it.",
    ],
    program: EXPRESSION_PROGRAM,
    tryThis: ["Change f to 3.0: L becomes 12.", "Add a line g = L * L and see the graph grow."],
    widget: "value-graph",
  },
  {
    title: "manual backpropagation example #1: simple expression",
    start: at("00:32:10"),
    text: [
      "Backpropagation by hand: start at the output (dL/dL = 1) and move backwards. At each node, the chain rule multiplies the node's local derivative by the gradient flowing down from above. A + passes the gradient through unchanged; a * multiplies it by the other operand.",
      "Your turn: type each node's grad, in the order backward() visits them. The numerical check of the lecture (lol(): bump b by 0.001 and measure) is one button.",
    ],
    program: EXPRESSION_PROGRAM,
    tryThis: [
      "Type a wrong number on purpose and read the hint.",
      "Press the numerical check and compare it with the grad of b.",
    ],
    widget: "hand-expression",
  },
  {
    title: "preview of a single optimization step",
    start: at("00:51:10"),
    text: [
      "The gradient points uphill. Nudging every leaf a little in the direction of its gradient (data += 0.01 × grad) and running the expression again makes L go up: from −8 to −7.286496. Training a network is this step repeated, with a minus sign to go downhill on a loss.",
    ],
    program: EXPRESSION_PROGRAM,
    tryThis: [
      "Press the step button several times: L keeps rising.",
      "Reset and compare with the lecture's number.",
    ],
    widget: "optimization-step",
  },
  {
    title: "manual backpropagation example #2: a neuron",
    start: at("00:52:52"),
    text: [
      "A neuron multiplies its inputs by weights, adds a bias and squashes the sum with tanh. The bias here is chosen so the output o is 0.7071 and the numbers stay readable.",
      "The new local derivative is tanh's: do/dn = 1 − o². Then the + nodes pass 0.5 through, and each * sends the gradient times the other operand. Your turn again.",
    ],
    program: NEURON_PROGRAM,
    tryThis: [
      "x2 is 0, so w2's grad is 0: a weight on a zero input cannot change the output.",
      "Press Show me if you are stuck, then carry on by hand.",
    ],
    widget: "hand-neuron",
  },
  {
    title: "implementing the backward function for each operation",
    start: at("01:09:02"),
    text: [
      "Doing it by hand is the same few rules over and over, so each operation gets a small backward function: + adds the output's grad to both operands, * adds it times the other operand, tanh adds it times 1 − t². In this library those rules are written once, in the ops table.",
      "Step through the neuron: each step runs one node's backward function and shows the local derivative, the upstream grad and what it adds.",
    ],
    program: NEURON_PROGRAM,
    tryThis: [
      "Step until b gets its grad.",
      "Notice that a node's backward runs only after everything above it.",
    ],
    widget: "op-backward",
  },
  {
    title: "implementing the backward function for a whole expression graph",
    start: at("01:17:32"),
    text: [
      "Calling every node's backward in the right order by hand gets old. A topological sort lists the nodes so that each one comes after everything it depends on; backward() sets the output's grad to 1 and runs the list in reverse.",
    ],
    program: NEURON_PROGRAM,
    tryThis: [
      "Compare our topological order with the lecture's: the data values are the same nodes, the order between independent branches may differ.",
      "Press backward() and check the grads.",
    ],
    widget: "topo",
  },
  {
    title: "fixing a backprop bug when one node is used multiple times",
    start: at("01:22:28"),
    text: [
      "If a node feeds two places, its gradient is the sum of what each place sends back. Setting grad = … instead of adding (grad += …) keeps only the last contribution. b = a + a shows it: db/da must be 2, the bug says 1.",
      "Turn the bug on and off and compare both examples.",
    ],
    program: TWICE_PROGRAM,
    tryThis: [
      "With the bug on, a.grad in b = a + a is 1; fixed, 2.",
      "In f = (a*b)*(a+b) both a and b are used twice: the bug gets both wrong.",
    ],
    widget: "used-twice",
  },
  {
    title: "breaking up a tanh, exercising with more operations",
    start: at("01:27:05"),
    text: [
      "tanh(n) = (e^2n − 1)/(e^2n + 1). Written with exp, subtraction and division instead of one tanh node, the graph grows, but the forward value and every gradient come out the same (up to rounding in the last digits): the chain rule does not care how finely you cut the function, as long as each piece knows its local derivative.",
    ],
    program: NEURON_EXP_PROGRAM,
    tryThis: ["Compare the grads with the tanh version: the same up to the last digit or two."],
    widget: "tanh-exp",
  },
  {
    title: "doing the same thing but in PyTorch: comparison",
    start: at("01:39:31"),
    text: [
      "PyTorch does the same with tensors instead of scalars. The lecture's cell builds the neuron with torch.Tensor([…]).double(), and its numbers differ from ours in the 7th digit. The reason: torch.Tensor makes float32 first, so the bias 6.8813735870195432 is stored as 6.881373405456543 before .double() widens it.",
      "Round the inputs to float32 (Math.fround) and this engine prints PyTorch's digits exactly.",
    ],
    tryThis: ["Switch float32 inputs on and off and watch the digits."],
    widget: "pytorch",
  },
  {
    title: "building out a neural net library (multi-layer perceptron) in micrograd",
    start: at("01:43:55"),
    text: [
      "A neuron holds weights and a bias drawn uniformly from (−1, 1) and computes tanh(w·x + b). A layer is a list of neurons reading the same inputs; an MLP chains layers. MLP(3, [4, 4, 1]) takes 3 numbers, has two layers of 4 neurons and one output neuron.",
      "The weights are random, so our output differs from the lecture's. The seed makes a run repeatable.",
    ],
    tryThis: [
      "Change the seed: a different network, a different output.",
      "The same seed gives the same number again.",
    ],
    widget: "mlp-forward",
  },
  {
    title: "creating a tiny dataset, writing the loss function",
    start: at("01:51:04"),
    text: [
      "Four examples of three numbers each, with targets +1 or −1. The loss measures how wrong the network is: the sum of the squared differences between each prediction and its target. It is 0 only when every prediction hits its target.",
    ],
    tryThis: ["Change the seed and see how the untrained loss changes."],
    widget: "mlp-loss",
  },
  {
    title: "collecting all of the parameters of the neural net",
    start: at("01:57:56"),
    text: [
      "To train, we need every weight and bias in one list. MLP(3, [4, 4, 1]) has 4·(3 + 1) + 4·(4 + 1) + 1·(4 + 1) = 41 parameters. After loss.backward() each one has a grad: the direction that would increase the loss.",
    ],
    tryThis: ["Find the largest grad in the list: that parameter matters most right now."],
    widget: "mlp-parameters",
  },
  {
    title: "doing gradient descent optimization manually, training the network",
    start: at("02:01:12"),
    text: [
      "The training loop: forward (predictions and loss), zero every grad, backward, then move every parameter a small step against its grad (p.data += −0.1 × p.grad). Twenty steps take the loss close to 0 and the predictions close to the targets.",
      "The lecture first forgot to zero the grads. Then each backward adds to the previous grads, so the steps get bigger and bigger; on this easy problem it still converged, which hid the bug.",
    ],
    tryThis: [
      "Run the 20 steps and watch the loss fall.",
      'Turn on "forget zero_grad" and compare the losses.',
      "Try a step size of 0.5 or 1: too big a step overshoots.",
    ],
    widget: "mlp-train",
  },
  {
    title: "summary of what we learned, how to go towards modern neural nets",
    start: at("02:14:03"),
    text: [
      "A neural network is a mathematical expression; its loss measures how wrong it is; backpropagation finds every parameter's gradient with the chain rule; gradient descent nudges the parameters downhill. Modern networks use the same loop with tensors, other losses and better optimizers.",
    ],
    tryThis: [
      "Train a bigger network in the Training view.",
      "Watch a tiny GPT learn names in the GPT view.",
    ],
    widget: "summary",
  },
  {
    title: "exercises",
    start: null,
    text: [
      "Two exercises from the set the video's description links. First, find a gradient with calculus and check it against a numerical estimate and the engine. Second, build softmax and the negative log likelihood from Value operations.",
    ],
    tryThis: [
      "Type a formula in a, b and c (e.g. -3*a**2 - 0.5*a**-0.5) or a number.",
      "Edit the logits of exercise 2 and see the loss and gradients change.",
    ],
    widget: "exercises",
  },
];
