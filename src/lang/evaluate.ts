/**
 * The evaluator of the expression language: walks the syntax tree and builds a `Value` graph with the
 * engine's ops. `a = 2` makes a leaf labelled "a" (an input); `e = a*b` labels the product "e".
 */
import type { CustomOp } from "../engine/custom.js";
import { BUILTIN_OP_NAMES } from "../engine/custom.js";
import { Value } from "../engine/value.js";
import type { Expr, Program } from "./ast.js";
import { ParseError } from "./errors.js";
import { parseProgram } from "./parser.js";

/** The functions every program can call, each taking one argument. */
export const BUILTIN_FUNCTIONS: readonly string[] = ["exp", "log", "tanh", "relu", "sigmoid"];

/** Options for `evaluateProgram`. */
export interface EvaluateOptions {
  /**
   * Replaces the number assigned to an input, by name: `{ a: 3 }` evaluates `a = 2; a * a` at a = 3.
   * A `Value` is used as the input's leaf itself (labelled with the name if it has no label), which is
   * how `gradcheck` feeds its own leaves in.
   */
  inputs?: Readonly<Record<string, number | Value>>;
  /** Extra functions: ops made with `defineOp`, callable by their name (or by the record's key). */
  functions?: readonly CustomOp[] | Readonly<Record<string, CustomOp>>;
}

/** What `evaluateProgram` returns. */
export interface Evaluation {
  /** The value of the last statement. */
  output: Value;
  /** Every assigned name and its (last) value. */
  values: Map<string, Value>;
  /** The leaves assigned a plain number (e.g. `a = 2`, `b = -3`), in program order. */
  inputs: Value[];
  /** The parsed program. */
  program: Program;
}

type Fn = (args: Value[]) => Value;

function applyBinary(op: string, left: Value, right: Value | number): Value {
  switch (op) {
    case "+":
      return left.add(right);
    case "-":
      return left.sub(right);
    case "*":
      return left.mul(right);
    case "/":
      return left.div(right);
    default:
      return left.pow(right);
  }
}

function builtin(name: string): Fn {
  switch (name) {
    case "exp":
      return ([x]) => (x as Value).exp();
    case "log":
      return ([x]) => (x as Value).log();
    case "tanh":
      return ([x]) => (x as Value).tanh();
    case "relu":
      return ([x]) => (x as Value).relu();
    default:
      return ([x]) => (x as Value).sigmoid();
  }
}

function functionTable(functions: EvaluateOptions["functions"]): Map<string, { arity: number; fn: Fn }> {
  const table = new Map<string, { arity: number; fn: Fn }>();
  for (const name of BUILTIN_FUNCTIONS) table.set(name, { arity: 1, fn: builtin(name) });
  if (functions === undefined) return table;
  if (functions === null || typeof functions !== "object") {
    throw new TypeError(
      `evaluateProgram: options.functions must be an array or a record of ops from defineOp, got ${typeof functions}`,
    );
  }
  const entries: [string, CustomOp][] = Array.isArray(functions)
    ? functions.map((op: CustomOp) => [op?.name, op])
    : Object.entries(functions);
  for (const [name, op] of entries) {
    if (typeof op !== "function" || typeof op.arity !== "number") {
      throw new TypeError(`evaluateProgram: options.functions["${name}"] must be an op made with defineOp`);
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new TypeError(
        `evaluateProgram: function name "${name}" cannot be called from the language (use letters, digits and _)`,
      );
    }
    if (BUILTIN_OP_NAMES.includes(name)) {
      throw new TypeError(`evaluateProgram: function name "${name}" is taken by a built-in`);
    }
    table.set(name, { arity: op.arity, fn: (args) => op(...args) });
  }
  return table;
}

/**
 * Runs a program of the expression language and returns its graph (not yet backpropagated).
 *
 * ```ts
 * const { output, values } = evaluateProgram("a = 2; b = -3; c = 10; f = -2; L = (a*b + c) * f");
 * output.backward();
 * values.get("a")?.grad; // 6
 * ```
 * `x ** 3` (a number exponent, possibly negative or in parentheses) uses `pow(number)`; `x ** y` with a
 * non-constant exponent uses `pow(Value)`. An alias like `d = a` keeps the node's first label.
 * @param source the program text, or a program from `parseProgram`
 * @throws ParseError with the position for syntax errors, unknown names or functions, and wrong arity
 */
export function evaluateProgram(source: string | Program, options: EvaluateOptions = {}): Evaluation {
  const program = typeof source === "string" ? parseProgram(source) : source;
  if (program === null || typeof program !== "object" || program.type !== "program") {
    throw new TypeError("evaluateProgram(source): source must be a string or a Program from parseProgram");
  }
  if (options === null || typeof options !== "object") {
    throw new TypeError(`evaluateProgram(source, options): options must be an object, got ${typeof options}`);
  }
  const text = program.source;
  const functions = functionTable(options.functions);
  const overrides = options.inputs ?? {};
  if (overrides === null || typeof overrides !== "object") {
    throw new TypeError(`evaluateProgram: options.inputs must be a record of name -> number or Value`);
  }
  const values = new Map<string, Value>();
  const inputs: Value[] = [];

  const asValue = (x: Value | number): Value => (typeof x === "number" ? new Value(x) : x);

  const evaluate = (e: Expr): Value | number => {
    switch (e.type) {
      case "number":
        return e.value;
      case "name": {
        const v = values.get(e.name);
        if (v !== undefined) return v;
        throw unknownName(e.name, e.start, e.end);
      }
      case "neg": {
        const x = evaluate(e.operand);
        return typeof x === "number" ? -x : x.neg();
      }
      case "binary": {
        // Long chains like `x*x*…*x` nest to the left: walk that spine in a loop, not by recursion.
        const spine: (typeof e)[] = [];
        let leftmost: Expr = e;
        while (leftmost.type === "binary" && leftmost.op !== "**") {
          spine.push(leftmost);
          leftmost = leftmost.left;
        }
        if (spine.length === 0) return asValue(evaluate(e.left)).pow(evaluate(e.right));
        let acc = evaluate(leftmost);
        for (let i = spine.length - 1; i >= 0; i--) {
          const b = spine[i] as typeof e;
          acc = applyBinary(b.op, asValue(acc), evaluate(b.right));
        }
        return acc;
      }
      case "call": {
        const f = functions.get(e.callee);
        if (f === undefined) {
          const allowed = [...functions.keys()].join(", ");
          const hint = values.has(e.callee) ? ` ('${e.callee}' is a value, not a function)` : "";
          throw new ParseError(
            `unknown function '${e.callee}'${hint}; allowed: ${allowed}`,
            text,
            e.start,
            e.calleeEnd - e.start,
          );
        }
        if (e.args.length !== f.arity) {
          throw new ParseError(
            `${e.callee}() takes ${f.arity} argument${f.arity === 1 ? "" : "s"}, got ${e.args.length}`,
            text,
            e.start,
            e.end - e.start,
          );
        }
        return f.fn(e.args.map((a) => asValue(evaluate(a))));
      }
    }
  };

  const unknownName = (name: string, start: number, end: number): ParseError => {
    const known = [...values.keys()];
    let reason = `unknown name '${name}'`;
    if (functions.has(name)) reason += `: '${name}' is a function, call it like ${name}(x)`;
    else if (known.length === 0) reason += `: assign it first, e.g. \`${name} = 2\``;
    else reason += `; defined so far: ${known.join(", ")}`;
    return new ParseError(reason, text, start, end - start);
  };

  let output: Value | number = 0;
  for (const s of program.statements) {
    let v = evaluate(s.value);
    if (s.type === "assign") {
      if (typeof v === "number") {
        const given = Object.hasOwn(overrides, s.name) ? overrides[s.name] : undefined;
        if (given instanceof Value) {
          v = given;
          if (v.label === "") v.label = s.name;
        } else {
          v = new Value(given ?? v, s.name);
        }
        inputs.push(v);
      } else if (v.label === "") {
        v.label = s.name;
      }
      values.set(s.name, v);
    }
    output = v;
  }

  for (const [name, given] of Object.entries(overrides)) {
    if (typeof given !== "number" && !(given instanceof Value)) {
      throw new TypeError(`evaluateProgram: options.inputs.${name} must be a number or a Value`);
    }
    if (!inputs.some((v) => v.label === name)) {
      const names = [...new Set(inputs.map((v) => v.label))];
      throw new RangeError(
        `evaluateProgram: options.inputs has '${name}', but the program's inputs (names assigned a number) are: ${
          names.length ? names.join(", ") : "none"
        }`,
      );
    }
  }

  return { output: asValue(output), values, inputs, program };
}
