/**
 * The tokenizer of the expression language: turns `a = 2; L = (a*b + c) * f` into numbers, names,
 * operators and statement separators, each with its offset in the source.
 */
import { ParseError, showInvisible } from "./errors.js";
import { characterHint, keywordError } from "./python.js";

/**
 * What a token is. `sep` is a statement separator: `;` or a new line outside parentheses. `=` is an
 * assignment: its text is `=` or a compound `+=`, `-=`, `*=`, `/=`, `**=`. `.` starts a method call (`x.relu()`).
 * `string` is a label in `'` or `"` (its text is as written, quotes included).
 */
export type TokenKind = "number" | "string" | "name" | "op" | "(" | ")" | "," | "=" | "." | "sep" | "eof";

/** One token. */
export interface Token {
  kind: TokenKind;
  /** The text as written ("" for end of input, "\n" or ";" for separators). */
  text: string;
  /** The number's value (only for `number` tokens). */
  value: number;
  /** The string's characters, escapes resolved (only for `string` tokens). */
  string?: string;
  /** Offset of the first character, from 0. */
  offset: number;
}

const isDigit = (c: string): boolean => c >= "0" && c <= "9";
/** Names are Python identifiers (PEP 3131, without its NFKC folding): `x1`, `_t`, `α`, `损失`. */
const NAME_START = /^[\p{XID_Start}_]/u;
const NAME_CHAR = /^\p{XID_Continue}/u;
/** The name character (one code point: one or two UTF-16 units) at `i`, or "" if there is none. */
function nameCharAt(s: string, i: number, first: boolean): string {
  const c = s[i] ?? "";
  if ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_") return c;
  if (c < "\u0080") return !first && isDigit(c) ? c : "";
  const ch = String.fromCodePoint(s.codePointAt(i) as number);
  return (first ? NAME_START : NAME_CHAR).test(ch) ? ch : "";
}
const isNameStart = (s: string, i: number): boolean => nameCharAt(s, i, true) !== "";
/** Whether `text` is a whole name of the language (a Python identifier). */
export function isName(text: string): boolean {
  return isNameStart(text, 0) && nameEnd(text, 0) === text.length;
}
/** Where the run of name characters from `i` ends. */
function nameEnd(s: string, i: number): number {
  let end = i;
  for (let ch = nameCharAt(s, end, false); ch !== ""; ch = nameCharAt(s, end, false)) end += ch.length;
  return end;
}
/** True when an exponent (`e5`, `E-3`, `e+2`) starts at `i`. */
const isExponent = (s: string, i: number): boolean =>
  (s[i] === "e" || s[i] === "E") &&
  (isDigit(s[i + 1] ?? "") || ((s[i + 1] === "+" || s[i + 1] === "-") && isDigit(s[i + 2] ?? "")));

/**
 * Splits a program into tokens. Spaces and tabs separate tokens; `#` starts a comment that runs to the
 * end of the line; a new line ends a statement unless it is inside parentheses. A byte-order mark at the
 * start is skipped. Names are Python identifiers: letters of any script, digits (not first) and `_`.
 * @throws ParseError for a character the language does not use, or a malformed number
 */
export function tokenize(source: string): Token[] {
  if (typeof source !== "string") {
    throw new TypeError(`tokenize(source): source must be a string, got ${typeof source}`);
  }
  const tokens: Token[] = [];
  let depth = 0;
  let i = source.startsWith("\ufeff") ? 1 : 0; // a byte-order mark (editors on Windows write one)
  const push = (kind: TokenKind, text: string, offset: number, value = 0): void => {
    tokens.push({ kind, text, value, offset });
  };
  while (i < source.length) {
    const c = source[i];
    if (c === " " || c === "\t" || c === "\r") {
      i++;
    } else if (c === "#") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (c === "\n") {
      if (depth === 0) push("sep", "\n", i);
      i++;
    } else if (c === ";") {
      push("sep", ";", i);
      i++;
    } else if (isDigit(c) || (c === "." && isDigit(source[i + 1] ?? ""))) {
      const start = i;
      while (isDigit(source[i] ?? "")) i++;
      if (source[i] === ".") {
        i++;
        const fraction = i;
        while (isDigit(source[i] ?? "")) i++;
        // `2.relu()`: as in Python, `2.` is a number, so a method on it needs parentheses
        if (i === fraction && isNameStart(source, i) && !isExponent(source, i)) {
          const end = nameEnd(source, i);
          const digits = source.slice(start, i - 1);
          throw new ParseError(
            `malformed number '${source.slice(start, end)}': to call a method on a number, put it in parentheses, e.g. (${digits}).${source.slice(i, end)}()`,
            source,
            start,
            end - start,
          );
        }
      }
      if (source[i] === "e" || source[i] === "E") {
        const save = i;
        i++;
        if (source[i] === "+" || source[i] === "-") i++;
        if (!isDigit(source[i] ?? "")) {
          throw new ParseError(
            `malformed number '${source.slice(start, i)}': expected digits after the exponent`,
            source,
            save,
            i - save,
          );
        }
        while (isDigit(source[i] ?? "")) i++;
      }
      const text = source.slice(start, i);
      if (isNameStart(source, i)) {
        const end = nameEnd(source, i);
        throw new ParseError(
          `malformed number '${source.slice(start, end)}': a name cannot start with a digit`,
          source,
          start,
          end - start,
        );
      }
      const value = Number(text);
      if (!Number.isFinite(value)) {
        throw new ParseError(
          `number '${text}' is too large (it would be Infinity)`,
          source,
          start,
          i - start,
        );
      }
      push("number", text, start, value);
    } else if (isNameStart(source, i)) {
      const start = i;
      i = nameEnd(source, i);
      const word = source.slice(start, i);
      const keyword = keywordError(word);
      if (keyword !== undefined) throw new ParseError(keyword, source, start, i - start);
      push("name", word, start);
    } else if (c === "*" && source[i + 1] === "*" && source[i + 2] === "=") {
      push("=", "**=", i);
      i += 3;
    } else if (c === "*" && source[i + 1] === "*") {
      push("op", "**", i);
      i += 2;
    } else if ((c === "+" || c === "-" || c === "*" || c === "/") && source[i + 1] === "=") {
      push("=", `${c}=`, i); // compound assignment: c += x
      i += 2;
    } else if (c === "+" || c === "-" || c === "*" || c === "/") {
      push("op", c, i);
      i++;
    } else if (c === ".") {
      push(".", c, i); // a method call (a '.' before a digit started a number above)
      i++;
    } else if (c === "(") {
      depth++;
      push("(", c, i);
      i++;
    } else if (c === ")") {
      depth = Math.max(0, depth - 1);
      push(")", c, i);
      i++;
    } else if (c === "'" || c === '"') {
      const { value, end } = readString(source, i);
      tokens.push({ kind: "string", text: source.slice(i, end), value: 0, string: value, offset: i });
      i = end;
    } else if (c === "," || c === "=") {
      push(c, c, i);
      i++;
    } else {
      const code = source.codePointAt(i) as number;
      const ch = String.fromCodePoint(code);
      const hint = characterHint(c);
      const shown = showInvisible(ch);
      const what =
        shown !== ch
          ? shown
          : code > 0x7f
            ? `'${ch}' (U+${code.toString(16).toUpperCase().padStart(4, "0")})`
            : `'${ch}'`;
      throw new ParseError(
        `unexpected character ${what}${hint}; the language has numbers, names, + - * / **, ( ), ',', '.', = += -= *= /= **= and ;`,
        source,
        i,
        ch.length,
      );
    }
  }
  push("eof", "", source.length);
  return tokens;
}

const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", "\\": "\\", "'": "'", '"': '"' };

/**
 * Reads the string that starts with the quote at `start` (as Python does: `\n`, `\t`, `\\`, `\'` and `\"`
 * are escapes, any other backslash stays as written): its characters and the offset after the closing quote.
 * @throws ParseError for a string not closed on its line, or a triple-quoted one
 */
function readString(source: string, start: number): { value: string; end: number } {
  const quote = source[start];
  if (source[start + 1] === quote && source[start + 2] === quote) {
    throw new ParseError(
      `triple-quoted strings are not part of the language: a label is one line, e.g. ${quote}a${quote}`,
      source,
      start,
      3,
    );
  }
  let value = "";
  for (let i = start + 1; i < source.length && source[i] !== "\n"; i++) {
    const c = source[i];
    if (c === quote) return { value, end: i + 1 };
    if (c === "\\" && i + 1 < source.length && source[i + 1] !== "\n") {
      const next = source[i + 1];
      value += Object.hasOwn(ESCAPES, next) ? ESCAPES[next] : `\\${next}`;
      i++;
    } else value += c;
  }
  throw new ParseError(`unterminated string: close it with ${quote} on the same line`, source, start, 1);
}
