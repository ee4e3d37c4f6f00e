export type {
  AssignStatement,
  BinaryNode,
  CallNode,
  Expr,
  ExprStatement,
  NameNode,
  NegNode,
  NumberNode,
  Program,
  Statement,
} from "./ast.js";
export { lineColumn, ParseError } from "./errors.js";
export { BUILTIN_FUNCTIONS, type EvaluateOptions, type Evaluation, evaluateProgram } from "./evaluate.js";
export { MAX_NESTING, parseProgram } from "./parser.js";
export { type Token, type TokenKind, tokenize } from "./tokenizer.js";
