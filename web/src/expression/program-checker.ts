/**
 * `ProgramChecker`: runs `program-check.worker.ts` for the expression view, one check at a time (a newer
 * check stops an older one), and turns its answer into null (build the program) or the error to show.
 */
import { ParseError } from "micrograd-ts";
import {
  type FromCheckWorker,
  MAX_PROGRAM_VALUES,
  ProgramTooBig,
  type ToCheckWorker,
} from "./program-check.js";

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
