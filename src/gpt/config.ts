/**
 * The shape of a microgpt model: depth, width, context length and heads (microgpt.py's n_layer, n_embd,
 * block_size, n_head).
 */

import { checkSize } from "../nn/init.js";
import { describeArg } from "../util/describe-arg.js";

/** A GPT's hyperparameters, with microgpt.py's meanings. */
export interface GptConfig {
  /** Depth: the number of transformer layers (microgpt: 1). */
  readonly nLayer: number;
  /** Width: the embedding dimension (microgpt: 16); a multiple of nHead. */
  readonly nEmbd: number;
  /** The longest context, in tokens: positions 0 .. blockSize - 1 (microgpt: 16). */
  readonly blockSize: number;
  /** Attention heads per layer (microgpt: 4); each sees nEmbd / nHead dimensions. */
  readonly nHead: number;
}

/** microgpt.py's configuration: 1 layer, 16-dim embeddings, block size 16, 4 heads (4,192 parameters on the names). */
export const MICROGPT_CONFIG: GptConfig = Object.freeze({ nLayer: 1, nEmbd: 16, blockSize: 16, nHead: 4 });

const KEYS = ["nLayer", "nEmbd", "blockSize", "nHead"] as const;

/**
 * A full, checked config: the given fields over microgpt's defaults. Throws (naming `where`) on an unknown
 * field, a size that is not an integer >= 1, or an nEmbd that nHead does not divide.
 * @param where the caller, for error messages
 * @param config some or all of the fields (default: all of microgpt's)
 */
export function resolveConfig(where: string, config: Partial<GptConfig> = {}): GptConfig {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new TypeError(
      `${where}: config must be an object {nLayer, nEmbd, blockSize, nHead}, got ${describeArg(config)}`,
    );
  }
  for (const key of Object.keys(config)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new TypeError(`${where}: config has an unknown field "${key}" (allowed: ${KEYS.join(", ")})`);
    }
  }
  const out = { ...MICROGPT_CONFIG, ...config };
  for (const key of KEYS) checkSize(where, `config.${key}`, out[key]);
  if (out.nEmbd % out.nHead !== 0) {
    throw new RangeError(
      `${where}: config.nEmbd (${out.nEmbd}) must be a multiple of config.nHead (${out.nHead}), so each head gets nEmbd / nHead dimensions`,
    );
  }
  return Object.freeze(out);
}

/** The names and shapes [nout, nin] of the weight matrices, in microgpt's state_dict order. */
export function stateDictShapes(config: GptConfig, vocabSize: number): [string, number, number][] {
  const { nLayer, nEmbd, blockSize } = config;
  const shapes: [string, number, number][] = [
    ["wte", vocabSize, nEmbd],
    ["wpe", blockSize, nEmbd],
    ["lm_head", vocabSize, nEmbd],
  ];
  for (let i = 0; i < nLayer; i++) {
    shapes.push(
      [`layer${i}.attn_wq`, nEmbd, nEmbd],
      [`layer${i}.attn_wk`, nEmbd, nEmbd],
      [`layer${i}.attn_wv`, nEmbd, nEmbd],
      [`layer${i}.attn_wo`, nEmbd, nEmbd],
      [`layer${i}.mlp_fc1`, 4 * nEmbd, nEmbd],
      [`layer${i}.mlp_fc2`, nEmbd, 4 * nEmbd],
    );
  }
  return shapes;
}
