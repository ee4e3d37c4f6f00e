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

/** Any expression. */
export type Expr = NumberNode | NameNode | NegNode | BinaryNode | CallNode;

/** `name = expr`. */
export interface AssignStatement {
  type: "assign";
  name: string;
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
