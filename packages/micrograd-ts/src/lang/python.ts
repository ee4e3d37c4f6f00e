/**
 * The lecture's Python that the expression language does not have (loops, `def`, classes, imports,
 * `math.exp`, lists, …): for each, a one-line reason that names the construct and says what to write instead.
 */

const STATEMENTS =
  "it runs assignments (a = Value(2.0, label='a'), e = a*b), labels (e.label = 'e'), L.backward() and draw_dot(L)";

/** Python's keywords, each with why the language does not take it and what to write instead. */
const KEYWORDS: Readonly<Record<string, string>> = {
  for: "loops ('for') are not part of the language: write each step as its own statement, e.g. s = x1*w1; s += x2*w2",
  while:
    "loops ('while') are not part of the language: write each step as its own statement, e.g. y = y * x on separate lines",
  def: "functions cannot be defined ('def'): write the expression out, or call a built-in such as tanh(x) or x.exp()",
  lambda:
    "functions cannot be defined ('lambda'): write the expression out, or call a built-in such as tanh(x) or x.exp()",
  class:
    "classes cannot be defined ('class'): the language's one kind of value is Value; build the graph with statements like e = a*b",
  import:
    "'import' is not needed: Value, draw_dot and the functions (tanh, exp, …) are built in; delete this line",
  from: "'from … import' is not needed: Value, draw_dot and the functions (tanh, exp, …) are built in; delete this line",
  if: "conditions ('if') are not part of the language: every statement runs once, in order; relu(x), max(a, b) and min(a, b) choose between values",
  elif: "conditions ('elif') are not part of the language: every statement runs once, in order; max(a, b) and min(a, b) choose between values",
  else: "conditions ('else') are not part of the language: every statement runs once, in order; max(a, b) and min(a, b) choose between values",
  return:
    "'return' belongs in a function, which the language does not have: the last statement (or draw_dot(x)) is the output",
  yield:
    "'yield' belongs in a function, which the language does not have: the last statement (or draw_dot(x)) is the output",
  and: "logic ('and') is not part of the language: it has numbers and + - * / **",
  or: "logic ('or') is not part of the language: it has numbers and + - * / **",
  not: "logic ('not') is not part of the language: it has numbers and + - * / **",
  is: "comparisons ('is') are not part of the language: it has numbers and + - * / **",
  in: "'in' belongs in a loop or a test, which the language does not have: write each step as its own statement",
  True: "'True' is not a value of the language: write a number, e.g. 1.0",
  False: "'False' is not a value of the language: write a number, e.g. 0.0",
  None: "'None' is not a value of the language: write a number, e.g. 0.0",
};

/**
 * Why a Python keyword cannot be used (and what to write instead), or undefined for a name the language
 * allows. Keywords Python reserves but the lecture does not use (`with`, `try`, `pass`, …) get one reason.
 */
export function keywordError(word: string): string | undefined {
  if (Object.hasOwn(KEYWORDS, word)) return KEYWORDS[word];
  if (OTHER_KEYWORDS.has(word)) return `'${word}' is Python that the language does not have: ${STATEMENTS}`;
  return undefined;
}

const OTHER_KEYWORDS: ReadonlySet<string> = new Set([
  "as",
  "assert",
  "async",
  "await",
  "break",
  "continue",
  "del",
  "except",
  "finally",
  "global",
  "nonlocal",
  "pass",
  "raise",
  "try",
  "with",
]);

/** What to write instead of a character the language does not use (with its leading space), or "". */
export function characterHint(c: string): string {
  switch (c) {
    case "^":
      return " (use ** for powers)";
    case "[":
    case "]":
      return " (lists are not part of the language: give each value its own name, e.g. x1 = 2.0; x2 = 0.0)";
    case "{":
    case "}":
      return " (dicts and sets are not part of the language: give each value its own name)";
    case ":":
      return " (':' starts a block of a def, for or if, or a slice, which the language does not have)";
    case "<":
    case ">":
    case "!":
      return " (comparisons are not part of the language; max(a, b) and min(a, b) pick a value)";
    case "%":
      return " (the language has no %; it has + - * / **)";
    case "@":
      return " (the language has no @; write products out, e.g. w1*x1 + w2*x2)";
    default:
      return "";
  }
}

/** Modules the lecture's notebooks use, and what each is replaced by. */
const MODULES: Readonly<Record<string, string>> = {
  math: "the functions are built in",
  np: "the language has no arrays: write numbers and the built-in functions",
  numpy: "the language has no arrays: write numbers and the built-in functions",
  torch: "the language builds Value graphs: write x1 = Value(2.0, label='x1') instead of a tensor",
  random: "random numbers are not part of the language: write the number, e.g. w = 0.5",
  plt: "the playground draws the graph: write draw_dot(L)",
};

/** The constants of Python's math module, written as numbers. */
const MATH_CONSTANTS: Readonly<Record<string, string>> = {
  pi: "3.141592653589793",
  e: "2.718281828459045",
  tau: "6.283185307179586",
  inf: "1/0",
  nan: "0/0",
};

/** True for a module name of the lecture's notebooks (`math`, `torch`, …), which the language does not have. */
export function isModule(name: string): boolean {
  return Object.hasOwn(MODULES, name);
}

/**
 * Why `module.member` (e.g. `math.exp`, `math.pi`, `torch.Tensor`) is not available and what to write
 * instead. `call` is the built-in function of the same name (e.g. `exp(x)`), if there is one.
 */
export function moduleError(module: string, member: string, builtin: boolean): string {
  const what = `${module}.${member} is not available`;
  if (module === "math" && Object.hasOwn(MATH_CONSTANTS, member)) {
    return `${what}: write ${MATH_CONSTANTS[member]}`;
  }
  if (builtin) return `${what}: ${MODULES[module]}, write ${member}(x) or x.${member}()`;
  return `${what}: ${MODULES[module]}`;
}

/** Hints for names a Python program uses that the language spells otherwise (NaN, print, range, …). */
const NAMES: Readonly<Record<string, string>> = {
  NaN: "the language has no NaN literal: write 0/0 (or a number)",
  nan: "the language has no NaN literal: write 0/0 (or a number)",
  Infinity: "the language has no Infinity literal: write 1/0 (-1/0 for -Infinity), or a number",
  inf: "the language has no inf literal: write 1/0 (-1/0 for -inf), or a number",
  float: "numbers are floats already: write the number itself (0/0 for NaN, 1/0 for infinity)",
  int: "the language has only floats: write the number itself",
  print:
    "the graph and the table show every value: to draw a value, write draw_dot(x) or its name on the last line",
  range: "loops are not part of the language: write each step as its own statement",
  len: "the language has no lists: give each value its own name",
  zip: "the language has no lists: give each value its own name",
  list: "the language has no lists: give each value its own name",
  MLP: "networks are built in the Training view; here, write the neuron out, e.g. n = x1*w1 + x2*w2 + b; o = n.tanh()",
  Neuron:
    "networks are built in the Training view; here, write the neuron out, e.g. n = x1*w1 + x2*w2 + b; o = n.tanh()",
  Layer:
    "networks are built in the Training view; here, write the neuron out, e.g. n = x1*w1 + x2*w2 + b; o = n.tanh()",
};

/** What to write instead of a Python name the language does not have (NaN, inf, print, range, …), or undefined. */
export function pythonNameHint(name: string): string | undefined {
  if (Object.hasOwn(NAMES, name)) return NAMES[name];
  if (isModule(name)) return `${name} is not available: ${MODULES[name]}`;
  return undefined;
}

/**
 * Why `x.attr` (an attribute, without a call) cannot be read: the language has methods (`x.tanh()`) and
 * the `.label = '…'` statement, but no attributes.
 */
export function attributeError(attr: string): string {
  if (attr === "label") return "'.label' can only be set, e.g. e.label = 'e' (the graph shows each label)";
  if (attr === "data" || attr === "grad") {
    return `'.${attr}' cannot be read: the graph and the table show every node's data and grad`;
  }
  return `'.${attr}' needs parentheses: methods are called like x.relu() (the language has no attributes)`;
}

/** Why `x.attr = …` cannot be written, for any attribute but `label`. */
export function setAttributeError(attr: string): string {
  if (attr === "data")
    return "'.data' cannot be set: assign the name a new number instead, e.g. b = Value(-3.0, label='b')";
  if (attr === "grad")
    return "'.grad' cannot be set: grads are computed by L.backward() (the Step button shows each one)";
  return `'.${attr}' cannot be set: the only attribute a program sets is the label, e.g. e.label = 'e'`;
}
