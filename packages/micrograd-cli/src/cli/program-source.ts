/**
 * Getting an expression-language program (the one meaning of "program" in the CLI; the commander setup is
 * command.ts) from the command line (an argument, `--file`, or `--file -` for standard input) and turning
 * its parse errors into one line with a window around the mistake.
 */
import { type Evaluation, evaluateProgram, ParseError, showInvisible } from "micrograd-ts";
import { UsageError } from "./errors.js";
import { readError, readInput } from "./files.js";

/** Reads all of standard input. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    process.stderr.write("(reading the program from standard input; end it with Ctrl-D)\n");
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  } catch (e) {
    throw readError("- (standard input)", e, "--file");
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The program text from the positional argument or `--file` (`-` reads standard input). */
export async function programText(arg: string | undefined, file: string | undefined): Promise<string> {
  if (arg !== undefined && file !== undefined) {
    throw new UsageError("give the program either as an argument or with --file, not both");
  }
  // a byte-order mark is skipped here, not only by the tokenizer, so columns in messages count from the text
  if (file === "-") return (await readStdin()).replace(/^\ufeff/, "");
  if (file !== undefined) return readInput(file, "--file").replace(/^\ufeff/, "");
  if (arg === undefined) {
    throw new UsageError(
      'missing program: give it as an argument, e.g. micrograd graph "a = 2; b = -3; a * b", or with --file (- reads standard input)',
    );
  }
  return arg;
}

/** How many characters of the line to show on each side of the mistake. */
const WINDOW = 30;

/**
 * A parse error as one line: `1:9: expected ')' at: L = (a*b▸` — the position, the reason, and at most
 * 30 characters of the line on each side of the mistake, marked with ▸ (a 10,000-character line does not
 * fill the terminal).
 */
export function oneLineParseError(e: ParseError, source: string): string {
  const line = (source.split("\n")[e.line - 1] ?? "").replace(/\r$/, "");
  const at = e.column - 1;
  const from = Math.max(0, at - WINDOW);
  const to = Math.min(line.length, at + WINDOW);
  const before = `${from > 0 ? "…" : ""}${showInvisible(line.slice(from, at))}`;
  const after = `${showInvisible(line.slice(at, to))}${to < line.length ? "…" : ""}`;
  return `${e.message} at: ${before}▸${after}`.replace(/\t/g, " ");
}

/** Evaluates a program; a ParseError becomes a one-line UsageError with a window around the mistake. */
export function evaluateOrExplain(source: string): Evaluation {
  try {
    return evaluateProgram(source);
  } catch (e) {
    if (e instanceof ParseError) throw new UsageError(`program ${oneLineParseError(e, source)}`);
    throw e;
  }
}
