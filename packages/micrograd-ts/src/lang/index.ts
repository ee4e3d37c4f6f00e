export type {
  AssignOp,
  AssignStatement,
  BinaryNode,
  CallNode,
  Expr,
  ExprStatement,
  KeywordArg,
  LabelStatement,
  MethodNode,
  NameNode,
  NegNode,
  NumberNode,
  Program,
  Statement,
  StringNode,
} from "./ast.js";
export { BUILTIN_FUNCTIONS, BUILTIN_METHODS } from "./builtins.js";
export { lineColumn, ParseError, showInvisible } from "./errors.js";
export { type Assignment, type EvaluateOptions, type Evaluation, evaluateProgram } from "./evaluate.js";
export { MAX_NESTING, parseProgram } from "./parser.js";
export { type Token, type TokenKind, tokenize } from "./tokenizer.js";
