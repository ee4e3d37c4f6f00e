/**
 * The syntax tree of the expression language. Every node records where it is in the source
 * (`start` inclusive, `end` exclusive offsets), so errors and editors can point at it.
 */

/** A number literal, e.g. `2`, `0.5`, `1e-3`. */
export interface NumberNode {
  type: "number";
  value: number;
  start: number;
  end: number;
}

/** A reference to an assigned name. */
export interface NameNode {
  type: "name";
  name: string;
  start: number;
  end: number;
}

/** Unary minus: `-x`. */
export interface NegNode {
  type: "neg";
  operand: Expr;
  start: number;
  end: number;
}

/** A binary operation. */
export interface BinaryNode {
  type: "binary";
  op: "+" | "-" | "*" | "/" | "**";
  left: Expr;
  right: Expr;
  /** Offset of the operator. */
  opOffset: number;
  start: number;
  end: number;
}

/** A string literal in `'` or `"`, e.g. the label of `Value(2.0, label='a')`: the language uses strings only as labels. */
export interface StringNode {
  type: "string";
  /** The characters (escapes like `\'` resolved). */
  value: string;
  start: number;
  end: number;
}

/** A keyword argument, e.g. `label='a'` in `Value(2.0, label='a')`. */
export interface KeywordArg {
  name: string;
  value: Expr;
  /** Offset of the name. */
  start: number;
  end: number;
}

/** A function call, e.g. `tanh(n)`, `Value(2.0, label='a')`. */
export interface CallNode {
  type: "call";
  callee: string;
  args: Expr[];
  /** The keyword arguments (`label='a'`), absent when there are none. */
  keywords?: KeywordArg[];
  /** Offset just after the name (the `(`). */
  calleeEnd: number;
  start: number;
  end: number;
}

/** A method call, e.g. `x.relu()`, `(a*b).tanh()`, `a.pow(2)`; chains nest to the left. */
export interface MethodNode {
  type: "method";
  /** What the method is called on (`x` in `x.relu()`). */
  receiver: Expr;
  method: string;
  args: Expr[];
  /** Offset of the method's name (just after the `.`). */
  nameStart: number;
  /** Offset just after the method's name (the `(`). */
  nameEnd: number;
  start: number;
  end: number;
}

/** Any expression. */
export type Expr = NumberNode | StringNode | NameNode | NegNode | BinaryNode | CallNode | MethodNode;

/** How a statement assigns: `=`, or a compound operator (`c += x` means `c = c + (x)`). */
export type AssignOp = "=" | "+=" | "-=" | "*=" | "/=" | "**=";

/** `name = expr`, or a compound `name += expr` (also `-=`, `*=`, `/=`, `**=`). */
export interface AssignStatement {
  type: "assign";
  name: string;
  /** `=`, or the compound operator; `c += x` makes a new node `c + (x)` and rebinds `c` to it. */
  op: AssignOp;
  /** Offset of the operator. */
  opOffset: number;
  /** Offset of the name. */
  start: number;
  /** Offset just past the expression. */
  end: number;
  value: Expr;
}

/** A bare expression, e.g. the last line `a * b`. */
export interface ExprStatement {
  type: "expr";
  start: number;
  end: number;
  value: Expr;
}

/** `e.label = 'e'`: sets the label a node is drawn with (any text, e.g. `'x1*w1 + x2*w2'`), as the lecture does. */
export interface LabelStatement {
  type: "label";
  /** The name whose node gets the label. */
  name: string;
  /** The label: a string in quotes. */
  value: StringNode;
  /** Offset of the name. */
  start: number;
  /** Offset just past the string. */
  end: number;
}

/** One statement. */
export type Statement = AssignStatement | ExprStatement | LabelStatement;

/** A parsed program: its statements in order (the last one is the output) and its source. */
export interface Program {
  type: "program";
  statements: Statement[];
  source: string;
}
