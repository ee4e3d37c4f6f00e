/** Runs `fn` and returns the ParseError it throws (fails if it throws something else or nothing). */
import { ParseError } from "../../packages/micrograd-ts/src/index.js";

export function thrown(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error("expected a ParseError");
}
