/**
 * microgpt's document loss: the mean cross-entropy of predicting each next token of one document.
 */
import { Value } from "../engine/value.js";
import { describeArg } from "../util/describe-arg.js";
import { softmax } from "./functions.js";
import type { MicroGpt } from "./model.js";

/**
 * The loss of one tokenized document (`tokenizer.encode(doc)`: BOS, the characters, BOS): the mean over
 * positions of -log p(next token), the graph built all the way to it. Only the first blockSize positions
 * are used (microgpt's `n = min(block_size, len(tokens) - 1)`); a longer document is truncated.
 *
 * `tokens` may also be index leaves (Values holding the ids): embeddings and targets are then read through
 * `Value.select`, the graph a compiled replay serves for every document of that length. Its numbers equal
 * the plain graph's to the last bit or two (the target's log-probability reaches the logits in another
 * order), and the compiled replay's equal its own bit for bit.
 */
export function documentLoss(model: MicroGpt, tokens: readonly number[] | readonly Value[]): Value {
  if (!Array.isArray(tokens) || tokens.length < 2) {
    throw new RangeError(
      `documentLoss(model, tokens): tokens must hold at least 2 token ids (BOS, …, BOS), got ${describeArg(tokens)}`,
    );
  }
  const n = Math.min(model.config.blockSize, tokens.length - 1);
  const cache = model.emptyCache();
  const losses: Value[] = [];
  for (let posId = 0; posId < n; posId++) {
    const probs = softmax(model.forward(tokens[posId], posId, cache));
    const next = tokens[posId + 1];
    const p = next instanceof Value ? Value.select(probs, next) : probs[next];
    losses.push(p.log().neg());
  }
  return Value.sum(losses).mul(1 / n); // microgpt: (1 / n) * sum(losses)
}
