/**
 * Cells of the lecture's notebooks (/work/shared/lecture, karpathy/nn-zero-to-hero lectures/micrograd,
 * MIT license), copied verbatim, and what the notebooks' `draw_dot` outputs show for each node
 * (label, "data %.4f", "grad %.4f"), read from the SVGs the notebooks saved.
 */

/** first half, cell 7 (after the class): the expression L = (a*b + c) * f. */
export const CELL_L = `a = Value(2.0, label='a')
b = Value(-3.0, label='b')
c = Value(10.0, label='c')
e = a*b; e.label = 'e'
d = e + c; d.label = 'd'
f = Value(-2.0, label='f')
L = d * f; L.label = 'L'
L`;

/** first half, cell 9. */
export const DRAW_L = "draw_dot(L)";

/** first half, cell 9's picture (the grads were filled in by hand in the cells before; backward gives the same). */
export const CELL_L_DRAWN: Record<string, [string, string]> = {
  a: ["2.0000", "6.0000"],
  b: ["-3.0000", "-4.0000"],
  c: ["10.0000", "-2.0000"],
  e: ["-6.0000", "-2.0000"],
  d: ["4.0000", "-2.0000"],
  f: ["-2.0000", "4.0000"],
  L: ["-8.0000", "1.0000"],
};

/** first half, cell 13: the neuron. */
export const CELL_NEURON = `# inputs x1,x2
x1 = Value(2.0, label='x1')
x2 = Value(0.0, label='x2')
# weights w1,w2
w1 = Value(-3.0, label='w1')
w2 = Value(1.0, label='w2')
# bias of the neuron
b = Value(6.8813735870195432, label='b')
# x1*w1 + x2*w2 + b
x1w1 = x1*w1; x1w1.label = 'x1*w1'
x2w2 = x2*w2; x2w2.label = 'x2*w2'
x1w1x2w2 = x1w1 + x2w2; x1w1x2w2.label = 'x1*w1 + x2*w2'
n = x1w1x2w2 + b; n.label = 'n'
o = n.tanh(); o.label = 'o'`;

/** first half, cells 15 and 14 (the picture of cell 14 is the one after backward). */
export const NEURON_BACKWARD = "o.backward()";
export const DRAW_O = "draw_dot(o)";

/** second half, cell 9: the neuron with o.backward() in the same cell (cell 10 draws it). */
export const CELL_NEURON_BACKWARD = `# inputs x1,x2
x1 = Value(2.0, label='x1')
x2 = Value(0.0, label='x2')
# weights w1,w2
w1 = Value(-3.0, label='w1')
w2 = Value(1.0, label='w2')
# bias of the neuron
b = Value(6.8813735870195432, label='b')
# x1*w1 + x2*w2 + b
x1w1 = x1*w1; x1w1.label = 'x1*w1'
x2w2 = x2*w2; x2w2.label = 'x2*w2'
x1w1x2w2 = x1w1 + x2w2; x1w1x2w2.label = 'x1*w1 + x2*w2'
n = x1w1x2w2 + b; n.label = 'n'
o = n.tanh(); o.label = 'o'
o.backward()`;

/** first half cell 14 and second half cell 10: the neuron after backward. */
export const NEURON_DRAWN: Record<string, [string, string]> = {
  x1: ["2.0000", "-1.5000"],
  x2: ["0.0000", "0.5000"],
  w1: ["-3.0000", "1.0000"],
  w2: ["1.0000", "0.0000"],
  b: ["6.8814", "0.5000"],
  "x1*w1": ["-6.0000", "0.5000"],
  "x2*w2": ["0.0000", "0.5000"],
  "x1*w1 + x2*w2": ["-6.0000", "0.5000"],
  n: ["0.8814", "0.5000"],
  o: ["0.7071", "1.0000"],
};

/** first half, cell 31: a node used twice. */
export const CELL_A_PLUS_A = `a = Value(3.0, label='a')
b = a + a   ; b.label = 'b'
b.backward()
draw_dot(b)`;

export const A_PLUS_A_DRAWN: Record<string, [string, string]> = {
  a: ["3.0000", "2.0000"],
  b: ["6.0000", "1.0000"],
};

/** first half, cell 32: (a*b)*(a+b). */
export const CELL_AB = `a = Value(-2.0, label='a')
b = Value(3.0, label='b')
d = a * b    ; d.label = 'd'
e = a + b    ; e.label = 'e'
f = d * e    ; f.label = 'f'

f.backward()

draw_dot(f)`;

export const AB_DRAWN: Record<string, [string, string]> = {
  a: ["-2.0000", "-3.0000"],
  b: ["3.0000", "-8.0000"],
  d: ["-6.0000", "1.0000"],
  e: ["1.0000", "-6.0000"],
  f: ["-6.0000", "1.0000"],
};

/** second half, cell 11: the neuron with tanh broken up into exp, -, + and /. */
export const CELL_NEURON_EXP = `# inputs x1,x2
x1 = Value(2.0, label='x1')
x2 = Value(0.0, label='x2')
# weights w1,w2
w1 = Value(-3.0, label='w1')
w2 = Value(1.0, label='w2')
# bias of the neuron
b = Value(6.8813735870195432, label='b')
# x1*w1 + x2*w2 + b
x1w1 = x1*w1; x1w1.label = 'x1*w1'
x2w2 = x2*w2; x2w2.label = 'x2*w2'
x1w1x2w2 = x1w1 + x2w2; x1w1x2w2.label = 'x1*w1 + x2*w2'
n = x1w1x2w2 + b; n.label = 'n'
# ----
e = (2*n).exp()
o = (e - 1) / (e + 1)
# ----
o.label = 'o'
o.backward()
draw_dot(o)`;

/**
 * second half, cell 11's picture: every node's data and grad, labelled or not (the lecture's Value builds
 * `a - b` as `a + (b * -1)` and `a / b` as `a * b**-1`, with the constants as leaves of their own).
 */
export const NEURON_EXP_DRAWN: [string, string, string][] = [
  ["", "4.8284", "0.1464"],
  ["", "0.1464", "4.8284"],
  ["x2*w2", "0.0000", "0.5000"],
  ["o", "0.7071", "1.0000"],
  ["b", "6.8814", "0.5000"],
  ["", "1.0000", "-0.1036"],
  ["x1", "2.0000", "-1.5000"],
  ["w1", "-3.0000", "1.0000"],
  ["", "5.8284", "0.0429"],
  ["x1*w1", "-6.0000", "0.5000"],
  ["", "2.0000", "0.2203"],
  ["x2", "0.0000", "0.5000"],
  ["", "1.7627", "0.2500"],
  ["", "6.8284", "-0.1036"],
  ["", "-1.0000", "0.1464"],
  ["n", "0.8814", "0.5000"],
  ["w2", "1.0000", "0.0000"],
  ["x1*w1 + x2*w2", "-6.0000", "0.5000"],
];
