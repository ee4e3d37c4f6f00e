/**
 * `ParseError`: a mistake in an expression-language program, with the place it was found
 * (line, column, offset) and a `format(source)` that shows the line with a caret under it.
 */
import { showInvisible } from "../util/show-invisible.js";

export { showInvisible };

/** Line and column (both from 1) of a character offset in `source`. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * An error in a program of the expression language: a syntax error, an unknown name or function, or a
 * wrong number of arguments. Its message starts with the position, e.g. `1:9: expected ')'`.
 */
export class ParseError extends Error {
  /** Line of the mistake, from 1. */
  readonly line: number;
  /** Column of the mistake, from 1. */
  readonly column: number;
  /** Offset of the mistake in the source, from 0. */
  readonly offset: number;
  /** How many characters the mistake spans (at least 1); `format` underlines them. */
  readonly length: number;
  /** The message without the `line:column: ` prefix. */
  readonly reason: string;

  /**
   * @param reason what is wrong, e.g. "expected ')'"
   * @param source the whole program (to compute line and column)
   * @param offset where the mistake starts
   * @param length how many characters it spans
   */
  constructor(reason: string, source: string, offset: number, length = 1) {
    const { line, column } = lineColumn(source, offset);
    super(`${line}:${column}: ${reason}`);
    this.name = "ParseError";
    this.line = line;
    this.column = column;
    this.offset = offset;
    this.length = Math.max(1, length);
    this.reason = reason;
  }

  /**
   * The message, the offending line and a caret under the mistake:
   *
   * ```
   * 1:9: expected ')'
   *   1 | L = (a*b
   *     |         ^
   * ```
   */
  format(source: string): string {
    const lines = source.split("\n");
    const line = (lines[this.line - 1] ?? "").replace(/\r$/, "");
    const { text, at, end } = around(line, this.column - 1);
    const gutter = String(this.line);
    const pad = " ".repeat(gutter.length);
    // Keep tabs so the caret lines up under tab-indented text.
    // Invisible characters are shown as <U+XXXX>: the caret is placed on the line as shown.
    const before = showInvisible(text.slice(0, at)).replace(/[^\t]/g, " ");
    const marked = showInvisible(text.slice(at, at + Math.max(0, Math.min(this.length, end - at))));
    const width = Math.max(1, marked.length);
    return `${this.message}\n  ${gutter} | ${showInvisible(text)}\n  ${pad} | ${before}${"^".repeat(width)}`;
  }
}

/** How many characters `format` shows on each side of the mistake when its line is longer than twice that. */
export const FORMAT_WINDOW = 40;

/**
 * The part of a long line around offset `at` (`FORMAT_WINDOW` characters each side, "…" where it is cut),
 * the offset of `at` in it and where the line's own text ends in it.
 */
function around(line: string, at: number): { text: string; at: number; end: number } {
  if (line.length <= 2 * FORMAT_WINDOW) return { text: line, at, end: line.length };
  const from = Math.max(0, at - FORMAT_WINDOW);
  const to = Math.min(line.length, at + FORMAT_WINDOW);
  const head = from > 0 ? "…" : "";
  const text = `${head}${line.slice(from, to)}${to < line.length ? "…" : ""}`;
  return { text, at: at - from + head.length, end: to - from + head.length };
}
