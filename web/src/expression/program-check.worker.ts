/**
 * Checks a long program off the main thread: evaluates it (as the expression view would) and answers
 * with the number of values its graph has, or with its error. The page evaluates the program itself
 * only when it is small enough (`MAX_PROGRAM_VALUES`), so a huge program never freezes the page.
 */
import { ParseError } from "micrograd-ts";
import { evaluateNamed } from "../shared/program-graph.js";
import type { FromCheckWorker, ToCheckWorker } from "./program-check.js";

self.onmessage = (e: MessageEvent<ToCheckWorker>) => {
  const { id, source } = e.data;
  let answer: FromCheckWorker;
  try {
    answer = { id, type: "size", values: evaluateNamed(source).topo.length };
  } catch (err) {
    answer =
      err instanceof ParseError
        ? { id, type: "parse-error", reason: err.reason, offset: err.offset, length: err.length }
        : {
            id,
            type: "error",
            name: err instanceof Error ? err.name : "Error",
            message: err instanceof Error ? err.message : String(err),
          };
  }
  self.postMessage(answer);
};
