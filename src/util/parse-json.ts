/**
 * The first check of every `fromJSON`: the argument is a JSON string or an already parsed object.
 */
import { describeArg } from "./describe-arg.js";

/**
 * `json` parsed (if a string) and checked to be a plain object. Throws a SyntaxError for bad JSON and a
 * TypeError otherwise, naming `where` and the `expected` shape (e.g. `{type: "MLP", nin, …}`).
 * @internal
 */
export function parseJSONObject(where: string, json: unknown, expected: string): Record<string, unknown> {
  let o: unknown = json;
  if (typeof json === "string") {
    try {
      o = JSON.parse(json);
    } catch (err) {
      throw new SyntaxError(`${where}: not valid JSON (${(err as Error).message})`);
    }
  }
  if (typeof o !== "object" || o === null || Array.isArray(o)) {
    throw new TypeError(`${where}: expected an object ${expected}, got ${describeArg(o)}`);
  }
  return o as Record<string, unknown>;
}
