/**
 * Models as the CLI saves and loads them: `MLP.toJSON()` plus what the model was trained for (so
 * `predict` can say which class a point belongs to), and a fast plain-number forward pass for plotting.
 */
import { readFileSync } from "node:fs";
import { MLP, type MLPJSON, opByKey } from "../index.js";
import { readError } from "../node/files.js";
import { UsageError } from "./errors.js";

/** The losses `train` knows. */
export type LossName = "svm" | "ce" | "mse";

/** What a saved model was trained for. */
export interface ModelMeta {
  dataset: string;
  loss: LossName;
  nClasses: number;
}

/** A saved model file: the MLP's JSON and `micrograd` metadata. */
export type ModelFile = MLPJSON & { micrograd?: ModelMeta };

/** The predicted class from a model's outputs: the sign for one output, else the largest output. */
export function predictClass(outputs: readonly number[]): number {
  if (outputs.length === 1) return (outputs[0] as number) > 0 ? 1 : 0;
  let best = 0;
  for (let i = 1; i < outputs.length; i++) if ((outputs[i] as number) > (outputs[best] as number)) best = i;
  return best;
}

/** An activation on a number: the ops table's forward ("linear": none). */
const act = (name: string, x: number): number => opByKey(name)?.forward([x], 0) ?? x;

/**
 * The model's forward pass on plain numbers (no Values), from its JSON: fast enough to colour a
 * 150 x 150 mesh. Matches `MLP.forward` up to rounding.
 */
export function numericForward(json: MLPJSON): (x: readonly number[]) => number[] {
  const { nin, nouts, activation, outputActivation, parameters } = json;
  return (x) => {
    let h: readonly number[] = x;
    let p = 0;
    let fanIn = nin;
    nouts.forEach((nout, layer) => {
      const a = layer === nouts.length - 1 ? outputActivation : activation;
      const out = new Array<number>(nout);
      for (let j = 0; j < nout; j++) {
        let s = 0;
        for (let i = 0; i < fanIn; i++) s += (parameters[p + i] as number) * (h[i] as number);
        s += parameters[p + fanIn] as number;
        p += fanIn + 1;
        out[j] = act(a, s);
      }
      h = out;
      fanIn = nout;
    });
    return h as number[];
  };
}

/** Reads a model file written by `micrograd train`. Errors name the file and what is wrong with it. */
export function loadModelFile(path: string): { model: MLP; meta: ModelMeta | undefined } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw readError(path, e, "--model");
  }
  let json: ModelFile;
  try {
    json = JSON.parse(text) as ModelFile;
  } catch (e) {
    // the parser quotes the text it choked on: keep it one printable line (a binary file has newlines)
    const why = (e as Error).message.replace(/[\p{Cc}\ufffd]+/gu, " ").replace(/\s+/g, " ");
    throw new UsageError(
      `--model ${path}: not valid JSON (${why}); expected a file written by micrograd train`,
    );
  }
  try {
    const model = MLP.fromJSON(json);
    return { model, meta: json.micrograd };
  } catch (e) {
    const msg = (e as Error).message.replace(/^MLP\.fromJSON\(json\): /, "");
    throw new UsageError(`--model ${path}: not a micrograd model: ${msg}`);
  }
}
