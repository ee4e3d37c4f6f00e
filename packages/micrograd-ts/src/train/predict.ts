/** The class a network's outputs predict. */

/** The predicted class: the sign for one output (> 0: class 1), else the index of the largest output. */
export function predictClass(outputs: readonly number[]): number {
  if (outputs.length === 1) return outputs[0] > 0 ? 1 : 0;
  let best = 0;
  for (let i = 1; i < outputs.length; i++) if (outputs[i] > outputs[best]) best = i;
  return best;
}
