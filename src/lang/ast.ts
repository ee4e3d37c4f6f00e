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

/** A function call, e.g. `tanh(n)`. */
export interface CallNode {
  type: "call";
  callee: string;
  args: Expr[];
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
export type Expr = NumberNode | NameNode | NegNode | BinaryNode | CallNode | MethodNode;

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

/** One statement. */
export type Statement = AssignStatement | ExprStatement;

/** A parsed program: its statements in order (the last one is the output) and its source. */
export interface Program {
  type: "program";
  statements: Statement[];
  source: string;
}
