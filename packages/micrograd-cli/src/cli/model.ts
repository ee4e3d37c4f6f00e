/**
 * Model files as the CLI reads them: the library's `ModelFile` (`MLP.toJSON()` plus what the model was
 * trained for and how), read from disk with the file's name and the memory limit in every error.
 */
import { readFileSync, statSync } from "node:fs";
import { MLP, type ModelFile, type ModelInfo, parseModelFile } from "micrograd-ts";
import {
  checkMemory,
  estimateMlpModel,
  formatBytes,
  formatCount,
  mlpParameterCount,
  mlpSignature,
} from "micrograd-ts/limits";
import { UsageError } from "./errors.js";
import { readError } from "./files.js";
import { memoryLimit } from "./memory.js";

/** Where `JSON.parse` stopped, as "line L, column C", from its message (or the first bad word). */
export function jsonErrorPlace(text: string, message: string): string | undefined {
  let at = -1;
  const pos = /at position (\d+)/.exec(message);
  if (pos) at = Number(pos[1]);
  else {
    // "Unexpected token 'N', ..." names no position: find the first word outside strings that is not
    // true, false or null
    const token = /Unexpected token '(.)'/.exec(message)?.[1];
    if (token !== undefined && /[A-Za-z]/.test(token)) {
      const re = /"(?:[^"\\]|\\.)*"|[A-Za-z]+/g;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].startsWith('"') || ["true", "false", "null"].includes(m[0])) continue;
        if (m[0].startsWith(token)) at = m.index;
        break;
      }
    }
  }
  if (at < 0) return undefined;
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  return `line ${line}, column ${at - before.lastIndexOf("\n")}`;
}

/** The biggest file `predict` reads: V8's longest string (about 512 MB) holds it. */
const MAX_MODEL_FILE = 0x1fffffe8;

/**
 * The text of a model file (`--model`), refused from its size when reading and parsing it would need more
 * than the memory limit (~3x the file: the text, the parsed numbers, the model).
 * @throws UsageError for a file too big; FileError naming the file when it cannot be read
 */
export function readModelText(path: string): string {
  const limit = memoryLimit();
  try {
    const size = statSync(path).size;
    if (size > MAX_MODEL_FILE || 3 * size > limit) {
      throw new UsageError(
        `--model ${path}: the file is ${formatBytes(size)}; reading it needs ~${formatBytes(3 * size)}, the limit is ${formatBytes(limit)}; is it a model file written by micrograd?`,
      );
    }
    return readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw readError(path, e, "--model");
  }
}

/**
 * Reads a model file written by `micrograd train`. Errors name the file and what is wrong with it, in one
 * line; a model too big for the memory limit is refused from its size and shape, before it is built.
 */
export function loadModelFile(path: string): { model: MLP; meta: ModelInfo | undefined } {
  const where = `--model ${path}`;
  const limit = memoryLimit();
  const text = readModelText(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const place = jsonErrorPlace(text, msg);
    const nan = /\b(NaN|Infinity)\b/.test(msg) || /[[:,]\s*-?(NaN|Infinity)\b/.test(text);
    const reason = nan
      ? "it holds NaN or Infinity, which JSON does not allow (did the training diverge?)"
      : // the parser quotes the text it choked on: keep it one printable line (a binary file has newlines)
        msg
          .replace(/[\p{Cc}\ufffd]+/gu, " ")
          .replace(/\s+/g, " ")
          .replace(/ in JSON at position \d+/, "");
    throw new UsageError(
      `${where}: not valid JSON${place ? ` at ${place}` : ""}: ${reason}; expected a file written by micrograd train`,
    );
  }
  let json: ModelFile;
  try {
    json = parseModelFile(parsed as object);
  } catch (e) {
    throw new UsageError(`${where}: not a micrograd model: ${(e as Error).message}`);
  }
  // Check the size from the shape before MLP.fromJSON allocates the parameters.
  const o = json as Partial<ModelFile>;
  const sizes = [o?.nin, ...(Array.isArray(o?.nouts) ? o.nouts : [Number.NaN])];
  if (sizes.every((n) => Number.isInteger(n) && (n as number) >= 1)) {
    const shape = { nin: o.nin as number, nouts: o.nouts as number[] };
    checkMemory(
      `${where}: ${mlpSignature(shape)} (${formatCount(mlpParameterCount(shape))} parameters)`,
      estimateMlpModel(shape),
      limit,
      "is it the file you meant?",
    );
  }
  try {
    const model = MLP.fromJSON(json);
    return { model, meta: json.micrograd };
  } catch (e) {
    const msg = (e as Error).message.replace(/^MLP\.fromJSON\(json\): /, "");
    throw new UsageError(`${where}: not a micrograd model: ${msg}`);
  }
}
