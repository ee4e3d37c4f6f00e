/**
 * The expression view's guard against huge programs: a program longer than `CHECK_FROM` characters is
 * first evaluated in a worker (`program-check.worker.ts`), which counts its values; the page builds it
 * only if it has at most `MAX_PROGRAM_VALUES`. Shorter programs cannot build more values than they have
 * characters (every value needs at least one), so they skip the check. Pastes that would make the
 * program longer than `MAX_EDITOR_LENGTH` are refused (`pasteRefusal`).
 */
import { ParseError } from "micrograd-ts";
import type { FromCheckWorker, ToCheckWorker } from "./program-check.worker.js";

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

/** The result of a check: null when the page may build the program, else the error to show. */
export type CheckResult = Error | null;

/** Checks programs in one worker; a newer check replaces (and stops) an older one still running. */
export class ProgramChecker {
  private worker: Worker | null = null;
  private id = 0;
  private waiting: ((result: CheckResult) => void) | null = null;

  /** Whether a check is running. */
  get busy(): boolean {
    return this.waiting !== null;
  }

  /** Checks `source` in the worker; resolves to null (build it), the program's error, or ProgramTooBig. */
  check(source: string): Promise<CheckResult> {
    this.cancel();
    const worker = this.start();
    const id = ++this.id;
    return new Promise((resolve) => {
      this.waiting = resolve;
      worker.onmessage = (e: MessageEvent<FromCheckWorker>) => {
        const m = e.data;
        if (m.id !== id) return;
        this.waiting = null;
        if (m.type === "size") resolve(m.values > MAX_PROGRAM_VALUES ? new ProgramTooBig(m.values) : null);
        else if (m.type === "parse-error") resolve(new ParseError(m.reason, source, m.offset, m.length));
        else {
          const err = m.name === "RangeError" ? new RangeError(m.message) : new Error(m.message);
          resolve(err);
        }
      };
      worker.onerror = (e) => {
        e.preventDefault();
        this.waiting = null;
        this.worker = null;
        resolve(new Error(`the program checker failed: ${e.message || "it could not start"}`));
      };
      worker.postMessage({ id, source } satisfies ToCheckWorker);
    });
  }

  /** Stops a running check (its promise never resolves). */
  cancel(): void {
    if (!this.waiting) return;
    this.waiting = null;
    this.worker?.terminate(); // the only way to stop a worker in the middle of a big evaluation
    this.worker = null;
  }

  private start(): Worker {
    this.worker ??= new Worker(new URL("./program-check.worker.ts", import.meta.url), { type: "module" });
    return this.worker;
  }
}
