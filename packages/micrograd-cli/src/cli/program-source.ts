/**
 * Getting an expression-language program (the one meaning of "program" in the CLI; the commander setup
 * is command.ts) from the command line (an argument or `--file`) and turning its parse errors into the
 * caret display.
 */
import { readFileSync } from "node:fs";
import { type Evaluation, evaluateProgram, ParseError } from "micrograd-ts";
import { readError } from "../render/files.js";
import { UsageError } from "./errors.js";

/** The program text from the positional argument or `--file`. */
export function programText(arg: string | undefined, file: string | undefined): string {
  if (arg !== undefined && file !== undefined) {
    throw new UsageError("give the program either as an argument or with --file, not both");
  }
  if (file !== undefined) {
    try {
      return readFileSync(file, "utf8");
    } catch (e) {
      throw readError(file, e, "--file");
    }
  }
  if (arg === undefined) {
    throw new UsageError(
      'missing program: give it as an argument, e.g. micrograd graph "a = 2; b = -3; a * b", or with --file',
    );
  }
  return arg;
}

/** Evaluates a program; a ParseError becomes a UsageError showing the line and a caret. */
export function evaluateOrExplain(source: string): Evaluation {
  try {
    return evaluateProgram(source);
  } catch (e) {
    if (e instanceof ParseError) throw new UsageError(`program ${e.format(source)}`);
    throw e;
  }
}
