/**
 * The expression view's limits against huge programs, and the messages between the page and the worker
 * that checks them: a program longer than `CHECK_FROM` characters is first evaluated in a worker
 * (`program-check.worker.ts`, driven by `ProgramChecker`), which counts its values; the page builds it
 * only if it has at most `MAX_PROGRAM_VALUES`. Shorter programs cannot build more values than they have
 * characters (every value needs at least one), so they skip the check. Pastes that would make the
 * program longer than `MAX_EDITOR_LENGTH` are refused (`pasteRefusal`).
 */

/** Most values a program's graph may have for the page to build it (and step through it). */
export const MAX_PROGRAM_VALUES = 10_000;
/** Programs up to this many characters are built at once, without the check. */
export const CHECK_FROM = 10_000;
/**
 * Longest text the editor takes from a paste or a drop: the browser's own layout of a text area with
 * millions of characters takes seconds, which no worker can take off the page.
 */
export const MAX_EDITOR_LENGTH = 100_000;

/**
 * Why a paste (or drop) of `inserted` characters into an editor holding `length` characters, `selected`
 * of them selected (and replaced), is refused; null when it fits in `MAX_EDITOR_LENGTH`.
 */
export function pasteRefusal(length: number, selected: number, inserted: number): string | null {
  const after = length - selected + inserted;
  if (after <= MAX_EDITOR_LENGTH) return null;
  return (
    `Not pasted: the program would be ${after.toLocaleString("en-US")} characters long, and the editor takes ` +
    `at most ${MAX_EDITOR_LENGTH.toLocaleString("en-US")} (the page builds graphs of up to ` +
    `${MAX_PROGRAM_VALUES.toLocaleString("en-US")} values). The editor keeps the program it had.`
  );
}

/** Why the page does not build a program: too many values (with the number). */
export class ProgramTooBig extends Error {
  /**
   * @param values how many values the program's graph has
   */
  constructor(readonly values: number) {
    super(
      `it builds a graph of ${values.toLocaleString("en-US")} values, and the playground builds at most ` +
        `${MAX_PROGRAM_VALUES.toLocaleString("en-US")} (to keep the page responsive). Make it smaller.`,
    );
    this.name = "ProgramTooBig";
  }
}

/** The page's question to the worker: how big is this program's graph? */
export interface ToCheckWorker {
  id: number;
  source: string;
}

/** The worker's answer: the graph's size, or the program's error (a ParseError's parts, or another message). */
export type FromCheckWorker =
  | { id: number; type: "size"; values: number }
  | { id: number; type: "parse-error"; reason: string; offset: number; length: number }
  | { id: number; type: "error"; name: string; message: string };
