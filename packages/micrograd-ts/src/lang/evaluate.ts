/**
 * The evaluator of the expression language: walks the syntax tree and builds a `Value` graph with the
 * engine's ops. `a = 2` (or the lecture's `a = Value(2.0, label='a')`) makes a leaf labelled "a" (an
 * input); `e = a*b` labels the product "e"; `e.label = 'e'`, `L.backward()` and `draw_dot(L)` do what
 * they do in the lecture.
 */
import type { CustomOp } from "../engine/custom.js";
import { BUILTIN_OP_NAMES } from "../engine/custom.js";
import { Value } from "../engine/value.js";
import { checkOptions, optionKeys } from "../util/options.js";
import type { AssignStatement, CallNode, Expr, MethodNode, Program } from "./ast.js";
import {
  type Arg,
  asValue,
  BUILTIN_METHODS,
  BUILTINS,
  type Callable,
  METHODS,
  notAFunction,
  takes,
} from "./builtins.js";
import { ParseError, showInvisible } from "./errors.js";
import { parseProgram } from "./parser.js";
import { isModule, moduleError, pythonNameHint } from "./python.js";
import { isName } from "./tokenizer.js";

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

/** One assignment of a program and the node it bound its name to. */
export interface Assignment {
  statement: AssignStatement;
  value: Value;
}

/** What `evaluateProgram` returns. */
export interface Evaluation {
  /** The value `draw_dot(x)` named last, or else the value of the last statement. */
  output: Value;
  /** Every assigned name and its (last) value. */
  values: Map<string, Value>;
  /**
   * The leaves assigned a plain number or a `Value(…)` (e.g. `a = 2`, `b = Value(-3.0, label='b')`), in
   * program order.
   */
  inputs: Value[];
  /** Every assignment, in program order, with the node it bound (an alias `d = a` binds a's node). */
  assignments: Assignment[];
  /** The value whose `backward()` the program called last (its graph's grads are filled in), or null. */
  backward: Value | null;
  /** The parsed program. */
  program: Program;
}

function applyBinary(op: string, left: Value, right: Arg): Value {
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

/** The built-in functions and the custom ops of `options.functions`, by name. */
function functionTable(functions: EvaluateOptions["functions"]): Map<string, Callable> {
  const table = new Map(BUILTINS);
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
    if (!isName(name)) {
      throw new TypeError(
        `evaluateProgram: function name "${showInvisible(name)}" cannot be called from the language (use letters, digits and _, as a Python name)`,
      );
    }
    if (BUILTIN_OP_NAMES.includes(name) || BUILTINS.has(name) || name === "Value" || name === "draw_dot") {
      throw new TypeError(`evaluateProgram: function name "${name}" is taken by a built-in`);
    }
    const usage = `${name}(${Array.from({ length: op.arity }, (_, i) => `x${i}`).join(", ")})`;
    table.set(name, { min: op.arity, max: op.arity, usage, call: (args) => op(...args) });
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
 * non-constant exponent uses `pow(Value)`. The lecture's cells run as written: `Value(2.0, label='a')` is
 * a leaf with that label (an input when assigned), `e.label = 'x1*w1'` relabels a node, `L.backward()`
 * runs backward there and then, and `draw_dot(L)` makes L the output. An alias like `d = a` keeps the
 * node's first label. `c += x` (also `-=`, `*=`, `/=`, `**=`) is `c = c + (x)`: a new node labelled "c". Calls are the functions of
 * `BUILTIN_FUNCTIONS` (`tanh(x)`, `max(a, b, c)`), the methods of `BUILTIN_METHODS` (`x.relu()`,
 * `(a*b).tanh()`, `a.pow(2)`) and the custom ops of `options.functions`.
 * @param source the program text, or a program from `parseProgram`
 * @throws ParseError with the position for syntax errors, unknown names, functions or methods, and wrong arity
 */
export function evaluateProgram(source: string | Program, options: EvaluateOptions = {}): Evaluation {
  const program = typeof source === "string" ? parseProgram(source) : source;
  if (program === null || typeof program !== "object" || program.type !== "program") {
    throw new TypeError("evaluateProgram(source): source must be a string or a Program from parseProgram");
  }
  checkOptions(
    "evaluateProgram(source, options)",
    options,
    optionKeys<EvaluateOptions>({ inputs: true, functions: true }),
  );
  const text = program.source;
  const functions = functionTable(options.functions);
  const overrides = options.inputs ?? {};
  if (overrides === null || typeof overrides !== "object") {
    throw new TypeError(`evaluateProgram: options.inputs must be a record of name -> number or Value`);
  }
  const values = new Map<string, Value>();
  const inputs: Value[] = [];
  /** The key of each input in `options.inputs`: its label when it was made (the name, or Value's label=). */
  const inputKeys: string[] = [];
  const assignments: Assignment[] = [];
  let backward: Value | null = null;
  let drawn: Value | null = null;

  const evaluate = (e: Expr): Value | number => {
    switch (e.type) {
      case "number":
        return e.value;
      case "string":
        throw new ParseError(
          "a string is only a label here: Value(2.0, label='a') or e.label = 'e'",
          text,
          e.start,
          e.end - e.start,
        );
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
        if (e.callee === "Value") return leafOf(e);
        if (e.callee === "draw_dot") {
          const arg = e.args[0];
          if (e.args.length !== 1 || arg === undefined || e.keywords !== undefined) {
            throw new ParseError(
              "draw_dot() takes the value to draw, e.g. draw_dot(L)",
              text,
              e.start,
              e.end - e.start,
            );
          }
          drawn = asValue(evaluate(arg));
          return drawn;
        }
        const f = functions.get(e.callee);
        if (f === undefined) {
          const allowed = [...functions.keys(), "Value", "draw_dot"].join(", ");
          const python = pythonNameHint(e.callee);
          const hint = values.has(e.callee)
            ? ` ('${e.callee}' is a value, not a function)`
            : python !== undefined
              ? ` (${python})`
              : notAFunction(e.callee);
          throw new ParseError(
            `unknown function '${e.callee}'${hint}; allowed: ${allowed}`,
            text,
            e.start,
            e.calleeEnd - e.start,
          );
        }
        if (e.keywords !== undefined) {
          const k = e.keywords[0];
          throw new ParseError(
            `${e.callee}() takes no keyword argument '${k?.name}=' (call it like ${f.usage})`,
            text,
            k?.start ?? e.start,
            (k?.end ?? e.end) - (k?.start ?? e.start),
          );
        }
        if (e.args.length < f.min || e.args.length > f.max) {
          throw new ParseError(
            `${e.callee}() ${takes(f)}, got ${e.args.length} (call it like ${f.usage})`,
            text,
            e.start,
            e.end - e.start,
          );
        }
        return f.call(e.args.map((a) => asValue(evaluate(a))));
      }
      case "method": {
        // Chains like `x.exp().log()…` nest to the left: walk them in a loop, not by recursion.
        const chain: MethodNode[] = [];
        let receiver: Expr = e;
        while (receiver.type === "method") {
          chain.push(receiver);
          receiver = receiver.receiver;
        }
        const first = chain[chain.length - 1] as MethodNode;
        if (receiver.type === "name" && !values.has(receiver.name) && isModule(receiver.name)) {
          // math.exp(x), torch.tanh(n), random.uniform(-1, 1): say what to write instead
          throw new ParseError(
            moduleError(receiver.name, first.method, functions.has(first.method)),
            text,
            receiver.start,
            first.nameEnd - receiver.start,
          );
        }
        let acc = asValue(evaluate(receiver));
        for (let i = chain.length - 1; i >= 0; i--) acc = callMethod(chain[i], acc);
        return acc;
      }
    }
  };

  /** `Value(2.0)` or `Value(-3.0, label='b')`: a new leaf (with the label, if given). */
  const leafOf = (e: CallNode): Value => {
    const usage = "Value() takes a number and, if you like, a label, e.g. Value(2.0, label='a')";
    const arg = e.args[0];
    const data = e.args.length === 1 && arg !== undefined ? evaluate(arg) : undefined;
    if (typeof data !== "number") {
      const hint = data === undefined ? "" : "; a computed value is a Value already: use it as it is";
      throw new ParseError(`${usage}${hint}`, text, e.start, e.end - e.start);
    }
    let label = "";
    for (const k of e.keywords ?? []) {
      if (k.name !== "label" || k.value.type !== "string") {
        const why =
          k.name === "label" ? "the label is a string in quotes" : `it has no argument '${k.name}='`;
        throw new ParseError(`${usage} (${why})`, text, k.start, k.end - k.start);
      }
      label = k.value.value;
    }
    return new Value(data, label);
  };

  const callMethod = (e: MethodNode, receiver: Value): Value => {
    if (e.method === "backward") {
      if (e.args.length > 0) {
        throw new ParseError(
          ".backward() takes no arguments, e.g. L.backward()",
          text,
          e.nameStart,
          e.end - e.nameStart,
        );
      }
      receiver.backward();
      backward = receiver;
      return receiver;
    }
    const m = METHODS.get(e.method);
    if (m === undefined) {
      let hint = "";
      const f = functions.get(e.method);
      if (f !== undefined) hint = ` ('${e.method}' is a function, not a method: call it like ${f.usage})`;
      else if (e.method === "_backward") {
        hint =
          " (one node's step of backward: the playground's Step button runs them one at a time; L.backward() runs them all)";
      }
      throw new ParseError(
        `unknown method '${e.method}'${hint}; allowed: ${[...BUILTIN_METHODS, "backward"].join(", ")}`,
        text,
        e.nameStart,
        e.nameEnd - e.nameStart,
      );
    }
    if (e.args.length < m.min || e.args.length > m.max) {
      throw new ParseError(
        `.${e.method}() ${takes(m)}, got ${e.args.length} (call it like ${m.usage})`,
        text,
        e.nameStart,
        e.end - e.nameStart,
      );
    }
    return m.call([receiver, ...e.args.map(evaluate)]);
  };

  const unknownName = (name: string, start: number, end: number, compound?: string): ParseError => {
    const known = [...values.keys()];
    let reason = `unknown name '${name}'`;
    if (compound !== undefined) reason += ` before '${compound}' (it updates a name assigned earlier)`;
    const f = functions.get(name);
    const python = pythonNameHint(name);
    if (f !== undefined) reason += `: '${name}' is a function, call it like ${f.usage}`;
    else if (python !== undefined) reason += `: ${python}`;
    else if (known.length === 0) reason += `: assign it first, e.g. \`${name} = 2\``;
    else reason += `; defined so far: ${known.join(", ")}`;
    return new ParseError(reason, text, start, end - start);
  };

  let output: Value | number = 0;
  for (const s of program.statements) {
    let v: Value | number;
    if (s.type === "label") {
      const target = values.get(s.name);
      if (target === undefined) throw unknownName(s.name, s.start, s.start + s.name.length);
      target.label = s.value.value;
      output = target;
      continue;
    }
    if (s.type === "assign" && s.op !== "=") {
      // `c += x` is `c = c + (x)`: a new node, and the name rebound to it (micrograd's README writes it so)
      const target = values.get(s.name);
      if (target === undefined) throw unknownName(s.name, s.start, s.start + s.name.length, s.op);
      v = applyBinary(s.op.slice(0, -1), target, evaluate(s.value));
    } else {
      v = evaluate(s.value);
    }
    if (s.type === "assign") {
      const leaf =
        s.op === "=" && s.value.type === "call" && s.value.callee === "Value" ? (v as Value) : undefined;
      let node: Value;
      if (typeof v === "number" || leaf !== undefined) {
        // an input: `a = 2`, or `a = Value(2.0, label='a')` (keyed by its label, given or the name)
        const key = leaf?.label || s.name;
        const given = Object.hasOwn(overrides, key) ? overrides[key] : undefined;
        if (given instanceof Value) {
          node = given;
          if (node.label === "") node.label = key;
        } else if (leaf !== undefined) {
          if (typeof given === "number") leaf.data = given;
          leaf.label = key;
          node = leaf;
        } else {
          node = new Value(given ?? (v as number), s.name);
        }
        inputs.push(node);
        inputKeys.push(key);
      } else {
        node = v;
        if (node.label === "") node.label = s.name;
      }
      values.set(s.name, node);
      assignments.push({ statement: s, value: node });
      v = node;
    }
    output = v;
  }

  for (const [name, given] of Object.entries(overrides)) {
    if (typeof given !== "number" && !(given instanceof Value)) {
      throw new TypeError(`evaluateProgram: options.inputs.${name} must be a number or a Value`);
    }
    if (!inputKeys.includes(name)) {
      const names = [...new Set(inputKeys)];
      throw new RangeError(
        `evaluateProgram: options.inputs has '${name}', but the program's inputs (names assigned a number) are: ${
          names.length ? names.join(", ") : "none"
        }`,
      );
    }
  }

  return { output: drawn ?? asValue(output), values, inputs, assignments, backward, program };
}
