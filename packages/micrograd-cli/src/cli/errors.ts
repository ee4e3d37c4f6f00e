/**
 * How the CLI fails: a `UsageError` is bad input (exit code 2, one line naming the flag or file, the value
 * and what is allowed); anything else unexpected is an internal error (exit code 1).
 */
import { FileError } from "./files.js";

/** Bad input from the user: a flag value, an argument or a file. Exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A check that failed (e.g. a gradient check): the message is printed, exit code 1. */
export class CheckFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckFailed";
  }
}

/** The exit code and the text to print on stderr for an error thrown by a command. */
export function describeFailure(e: unknown): { code: number; text: string } {
  if (e instanceof CheckFailed) return { code: 1, text: e.message };
  if (e instanceof UsageError || e instanceof FileError) return { code: 2, text: e.message };
  // Errors the library raises for bad input (ranges, types, malformed JSON) are the user's input too.
  if (e instanceof RangeError || e instanceof TypeError || e instanceof SyntaxError) {
    return { code: 2, text: firstLine((e as Error).message) };
  }
  const msg = e instanceof Error ? e.message : String(e);
  return { code: 1, text: `internal error: ${firstLine(msg)} (set MICROGRAD_DEBUG=1 for details)` };
}

function firstLine(s: string): string {
  return s.split("\n")[0] ?? s;
}
