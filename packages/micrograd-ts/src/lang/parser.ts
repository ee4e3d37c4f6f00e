/**
 * The parser of the expression language: a recursive-descent parser with Python's precedence.
 *
 *     program   := statement? ((';' | newline) statement?)*
 *     statement := NAME ('=' | '+=' | '-=' | '*=' | '/=' | '**=') expr | NAME '.' 'label' '=' STRING | expr
 *     expr      := term (('+' | '-') term)*
 *     term      := unary (('*' | '/') unary)*
 *     unary     := '-' unary | power
 *     power     := postfix ('**' unary)?          -- right-associative; -2**2 = -(2**2) = -4
 *     postfix   := primary ('.' NAME '(' args? ')')*   -- x.exp().log(); -x.relu() = -(x.relu())
 *     primary   := NUMBER | STRING | NAME | NAME '(' args? ')' | '(' expr ')'
 *     args      := arg (',' arg)* ','?
 *     arg       := expr | NAME '=' expr              -- a keyword argument: Value(2.0, label='a')
 *
 * It never evaluates anything (and never uses eval or Function): it only builds the syntax tree.
 */
import type { AssignOp, Expr, KeywordArg, Program, Statement } from "./ast.js";
import { ParseError } from "./errors.js";
import { attributeError, isModule, moduleError, setAttributeError } from "./python.js";
import { type Token, tokenize } from "./tokenizer.js";

/** How a token reads in an error message: `name 'b'`, `number '2'`, `'+'`, `end of input`. */
function describe(t: Token): string {
  switch (t.kind) {
    case "eof":
      return "end of input";
    case "sep":
      return t.text === ";" ? "';'" : "a new line";
    case "name":
      return `name '${t.text}'`;
    case "number":
      return `number '${t.text}'`;
    case "string":
      return `string ${t.text}`;
    default:
      return `'${t.text}'`;
  }
}

/** How deeply parentheses, unary minus and `**` may nest (deeper input gets a ParseError, not a stack overflow). */
export const MAX_NESTING = 500;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private error(reason: string, t: Token): ParseError {
    return new ParseError(reason, this.source, t.offset, Math.max(1, t.text.length));
  }

  /** Error for a missing token: `expected X` at end of input, `expected X but found Y` otherwise. */
  private expected(what: string, t: Token): ParseError {
    return this.error(t.kind === "eof" ? `expected ${what}` : `expected ${what} but found ${describe(t)}`, t);
  }

  program(): Program {
    const statements: Statement[] = [];
    for (;;) {
      while (this.peek().kind === "sep") this.next();
      if (this.peek().kind === "eof") break;
      statements.push(this.statement());
      const t = this.peek();
      if (t.kind === "eof") break;
      if (t.kind !== "sep") {
        if (t.kind === "=") {
          const example = t.text === "=" ? "a = 2" : `c ${t.text} 2`;
          throw this.error(`unexpected '${t.text}': only a name can be assigned to, e.g. \`${example}\``, t);
        }
        if (t.kind === ")") throw this.error("unexpected ')': there is no '(' to close", t);
        throw this.error(`expected an operator, ';' or a new line but found ${describe(t)}`, t);
      }
    }
    if (statements.length === 0) {
      throw new ParseError(
        "empty program: write at least one expression, e.g. `a = 2; b = 3; a * b`",
        this.source,
        this.source.length,
      );
    }
    return { type: "program", statements, source: this.source };
  }

  private statement(): Statement {
    const t = this.peek();
    const assign = this.peek(1);
    if (
      t.kind === "name" &&
      assign.kind === "." &&
      this.peek(2).kind === "name" &&
      this.peek(3).kind === "="
    ) {
      return this.setAttribute();
    }
    if (t.kind === "name" && assign.kind === "=") {
      this.next();
      this.next();
      const value = this.expr();
      const op = assign.text as AssignOp;
      return {
        type: "assign",
        name: t.text,
        op,
        opOffset: assign.offset,
        start: t.offset,
        end: value.end,
        value,
      };
    }
    const value = this.expr();
    return { type: "expr", start: value.start, end: value.end, value };
  }

  /** `e.label = 'e'` (the only attribute a program sets; `.data = …` and others get a reason). */
  private setAttribute(): Statement {
    const target = this.next();
    this.next(); // the '.'
    const attr = this.next();
    const op = this.next();
    if (attr.text !== "label") {
      throw new ParseError(setAttributeError(attr.text), this.source, attr.offset, attr.text.length);
    }
    if (op.text !== "=")
      throw this.error(`a label is set with '=', e.g. ${target.text}.label = '${target.text}'`, op);
    const value = this.peek();
    if (value.kind !== "string") {
      throw this.expected(`a label in quotes, e.g. ${target.text}.label = '${target.text}'`, value);
    }
    this.next();
    const end = value.offset + value.text.length;
    return {
      type: "label",
      name: target.text,
      value: { type: "string", value: value.string ?? "", start: value.offset, end },
      start: target.offset,
      end,
    };
  }

  private expr(): Expr {
    return this.binaryLevel("+", "-", () => this.term());
  }

  private term(): Expr {
    return this.binaryLevel("*", "/", () => this.unary());
  }

  /** A left-associative chain `x op y op z …` of one precedence level, built in a loop. */
  private binaryLevel(op1: "+" | "*", op2: "-" | "/", operand: () => Expr): Expr {
    let left = operand();
    for (;;) {
      const t = this.peek();
      if (t.kind !== "op" || (t.text !== op1 && t.text !== op2)) return left;
      this.next();
      const right = operand();
      left = {
        type: "binary",
        op: t.text,
        left,
        right,
        opOffset: t.offset,
        start: left.start,
        end: right.end,
      };
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (++this.depth > MAX_NESTING) {
      throw this.error(`expression nested too deeply (more than ${MAX_NESTING} levels of (), - or **)`, t);
    }
    try {
      return this.unaryInner(t);
    } finally {
      this.depth--;
    }
  }

  private unaryInner(t: Token): Expr {
    if (t.kind === "op" && t.text === "-") {
      this.next();
      const operand = this.unary();
      return { type: "neg", operand, start: t.offset, end: operand.end };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    const t = this.peek();
    if (t.kind === "op" && t.text === "**") {
      this.next();
      const exponent = this.unary();
      return {
        type: "binary",
        op: "**",
        left: base,
        right: exponent,
        opOffset: t.offset,
        start: base.start,
        end: exponent.end,
      };
    }
    return base;
  }

  /** Method calls after a primary, `x.exp().log()`, built in a loop (each one wraps the previous). */
  private postfix(): Expr {
    let e = this.primary();
    while (this.peek().kind === ".") {
      this.next();
      const name = this.peek();
      if (name.kind !== "name") throw this.expected("a method name after '.', e.g. x.relu()", name);
      this.next();
      const nameEnd = name.offset + name.text.length;
      if (this.peek().kind !== "(") {
        const module = e.type === "name" && isModule(e.name);
        throw new ParseError(
          module ? moduleError((e as { name: string }).name, name.text, false) : attributeError(name.text),
          this.source,
          module ? e.start : name.offset,
          module ? nameEnd - e.start : name.text.length,
        );
      }
      const { args, keywords, end } = this.args();
      if (keywords.length > 0) {
        const k = keywords[0] as KeywordArg;
        throw new ParseError(
          `.${name.text}() takes no keyword argument '${k.name}=' (only Value(2.0, label='a') takes one)`,
          this.source,
          k.start,
          k.end - k.start,
        );
      }
      e = {
        type: "method",
        receiver: e,
        method: name.text,
        args,
        nameStart: name.offset,
        nameEnd,
        start: e.start,
        end,
      };
    }
    return e;
  }

  /**
   * `'(' args? ')'` after a function or method name: the arguments, the keyword arguments (`label='a'`,
   * after the others, as in Python) and the offset after the `)`.
   */
  private args(): { args: Expr[]; keywords: KeywordArg[]; end: number } {
    this.next(); // the '('
    const args: Expr[] = [];
    const keywords: KeywordArg[] = [];
    while (this.peek().kind !== ")") {
      const t = this.peek();
      if (t.kind === "name" && this.peek(1).kind === "=" && this.peek(1).text === "=") {
        this.next();
        this.next();
        const value = this.expr();
        keywords.push({ name: t.text, value, start: t.offset, end: value.end });
      } else {
        const value = this.expr();
        if (keywords.length > 0) {
          throw new ParseError(
            "an argument without a name cannot follow a keyword argument (as in Python: Value(2.0, label='a'))",
            this.source,
            value.start,
            value.end - value.start,
          );
        }
        args.push(value);
      }
      if (this.peek().kind !== ",") break;
      this.next();
    }
    const close = this.peek();
    if (close.kind !== ")") throw this.expected("')'", close);
    this.next();
    return { args, keywords, end: close.offset + 1 };
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case "number":
        return { type: "number", value: t.value, start: t.offset, end: t.offset + t.text.length };
      case "string":
        return { type: "string", value: t.string ?? "", start: t.offset, end: t.offset + t.text.length };
      case "name": {
        const end = t.offset + t.text.length;
        if (this.peek().kind !== "(") return { type: "name", name: t.text, start: t.offset, end };
        const call = this.args();
        return {
          type: "call",
          callee: t.text,
          args: call.args,
          ...(call.keywords.length > 0 ? { keywords: call.keywords } : {}),
          calleeEnd: end,
          start: t.offset,
          end: call.end,
        };
      }
      case "(": {
        const inner = this.expr();
        const close = this.peek();
        if (close.kind !== ")") throw this.expected("')'", close);
        this.next();
        // Parentheses only group: the inner node keeps its own span.
        return inner;
      }
      default:
        if (t.kind === "op" && t.text === "+") {
          throw this.error("unexpected '+': unary plus is not supported (write the number itself)", t);
        }
        throw this.expected("an expression (a number, a name, a call or '(')", t);
    }
  }
}

/**
 * Parses a program of the expression language into its syntax tree.
 *
 * ```ts
 * const program = parseProgram("a = 2; b = -3; c = 10; f = -2; L = (a*b + c) * f");
 * program.statements.length; // 5
 * ```
 * @throws ParseError (with line, column and a caret via `format`) for any syntax error
 */
export function parseProgram(source: string): Program {
  if (typeof source !== "string") {
    throw new TypeError(`parseProgram(source): source must be a string, got ${typeof source}`);
  }
  return new Parser(tokenize(source), source).program();
}
