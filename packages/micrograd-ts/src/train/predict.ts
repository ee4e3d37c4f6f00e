/** The class a network's outputs predict, and the confusion matrix of many predictions. */
import { describeArg } from "../util/describe-arg.js";

/** The predicted class: the sign for one output (> 0: class 1), else the index of the largest output. */
export function predictClass(outputs: ArrayLike<number>): number {
  if (outputs.length === 1) return outputs[0] > 0 ? 1 : 0;
  let best = 0;
  for (let i = 1; i < outputs.length; i++) if (outputs[i] > outputs[best]) best = i;
  return best;
}

/**
 * The confusion matrix: `m[a][p]` counts the examples of class `a` (the true one) predicted as class `p`,
 * for classes 0..nClasses-1 (the diagonal holds the right ones).
 * @throws RangeError for lists of different lengths or a class outside 0..nClasses-1
 */
export function confusionMatrix(
  actual: readonly number[],
  predicted: readonly number[],
  nClasses: number,
): number[][] {
  const where = "confusionMatrix(actual, predicted, nClasses)";
  if (!Number.isSafeInteger(nClasses) || nClasses < 1) {
    throw new RangeError(`${where}: nClasses must be an integer >= 1, got ${describeArg(nClasses)}`);
  }
  if (actual.length !== predicted.length) {
    throw new RangeError(`${where}: ${actual.length} actual classes but ${predicted.length} predicted`);
  }
  const m = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));
  for (let i = 0; i < actual.length; i++) {
    for (const [name, c] of [
      ["actual", actual[i]],
      ["predicted", predicted[i]],
    ] as const) {
      if (!Number.isInteger(c) || c < 0 || c >= nClasses) {
        throw new RangeError(`${where}: ${name}[${i}] is ${describeArg(c)}; classes are 0..${nClasses - 1}`);
      }
    }
    m[actual[i]][predicted[i]]++;
  }
  return m;
}
