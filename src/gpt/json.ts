/**
 * The saved form of a `MicroGpt` (`model.toJSON()`) and its checks: what `MicroGpt.fromJSON` accepts.
 */
import { describeArg } from "../util/describe-arg.js";
import { parseJSONObject } from "../util/parse-json.js";
import { type GptConfig, resolveConfig, stateDictShapes } from "./config.js";

/** A model saved with `toJSON()`: its config, its tokenizer's characters and every weight by name. */
export interface MicroGptJSON {
  type: "MicroGpt";
  config: GptConfig;
  /** The tokenizer's characters (token i is uchars[i]; BOS is uchars.length). */
  uchars: string[];
  /** microgpt's state_dict: each matrix as rows of numbers, in state_dict order. */
  stateDict: Record<string, number[][]>;
}

/**
 * Parses and checks a saved model: the JSON, its type, a complete config, the characters (distinct, one
 * each) and every matrix of the state_dict at the shape the config and vocabulary give, with finite
 * numbers only. Throws naming `where` and the first thing that is wrong.
 * @internal
 */
export function checkMicroGptJSON(where: string, json: unknown): MicroGptJSON {
  const r = parseJSONObject(where, json, '{type: "MicroGpt", config, uchars, stateDict}');
  if (r.type !== "MicroGpt") {
    throw new TypeError(
      `${where}: type must be "MicroGpt" (a file saved by MicroGpt.toJSON), got ${describeArg(r.type)}`,
    );
  }
  const c = r.config as Record<string, unknown> | undefined;
  if (typeof c !== "object" || c === null) {
    throw new TypeError(
      `${where}: config must be an object {nLayer, nEmbd, blockSize, nHead}, got ${describeArg(c)}`,
    );
  }
  for (const key of ["nLayer", "nEmbd", "blockSize", "nHead"]) {
    if (c[key] === undefined) throw new TypeError(`${where}: config.${key} is missing`);
  }
  const config = resolveConfig(where, c as Partial<GptConfig>);
  const uchars = r.uchars;
  if (!Array.isArray(uchars) || uchars.length === 0) {
    throw new TypeError(
      `${where}: uchars must be a non-empty array of characters, got ${describeArg(uchars)}`,
    );
  }
  const seen = new Set<string>();
  uchars.forEach((ch: unknown, i) => {
    if (typeof ch !== "string" || Array.from(ch).length !== 1 || seen.has(ch)) {
      throw new TypeError(
        `${where}: uchars[${i}] must be a single character not seen before, got ${describeArg(ch)}`,
      );
    }
    seen.add(ch);
  });
  const sd = r.stateDict as Record<string, unknown> | undefined;
  if (typeof sd !== "object" || sd === null || Array.isArray(sd)) {
    throw new TypeError(`${where}: stateDict must be an object of weight matrices, got ${describeArg(sd)}`);
  }
  const shapes = stateDictShapes(config, uchars.length + 1);
  const names = new Set(shapes.map(([name]) => name));
  for (const key of Object.keys(sd)) {
    if (!names.has(key)) {
      throw new RangeError(
        `${where}: stateDict has "${key}", which a model with nLayer ${config.nLayer} does not (it has ${[...names].join(", ")})`,
      );
    }
  }
  for (const [name, nout, nin] of shapes) {
    const mat = sd[name];
    const shape = `${nout} rows of ${nin} numbers (config ${JSON.stringify(config)}, vocabulary of ${uchars.length + 1})`;
    if (!Array.isArray(mat) || mat.length !== nout) {
      throw new RangeError(`${where}: stateDict["${name}"] must be ${shape}, got ${describeArg(mat)}`);
    }
    mat.forEach((row: unknown, i) => {
      if (!Array.isArray(row) || row.length !== nin) {
        throw new RangeError(
          `${where}: stateDict["${name}"][${i}] must be a row of ${nin} numbers, got ${describeArg(row)}`,
        );
      }
      row.forEach((x: unknown, j) => {
        if (typeof x !== "number" || !Number.isFinite(x)) {
          throw new TypeError(
            `${where}: stateDict["${name}"][${i}][${j}] must be a finite number, got ${describeArg(x)}`,
          );
        }
      });
    });
  }
  return {
    type: "MicroGpt",
    config,
    uchars: uchars as string[],
    stateDict: sd as Record<string, number[][]>,
  };
}
