/**
 * Option objects of the public API: an unknown key (a misspelling such as `sede` for `seed`) throws,
 * naming the known keys, the closest first, instead of being ignored. @internal
 */
import { describeArg } from "./describe-arg.js";

/**
 * The keys of an options type, checked by the compiler: the record must name every key of `T` and no
 * other, so a new option cannot be forgotten here. @internal
 */
export function optionKeys<T>(keys: Record<keyof Required<T>, true>): readonly string[] {
  return Object.keys(keys);
}

/** Edit distance (insertions, deletions, substitutions and swaps of neighbours) between two words. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * Returns `options` (`{}` for undefined) if it is an object whose own keys are all among `known`; else a TypeError
 * such as `new MLP(nin, nouts, options): unknown option "sede" (did you mean "seed"?); the options are
 * seed, rng, init, activation, outputActivation, fused`, the known keys sorted closest first. @internal
 */
export function checkOptions<T extends object>(
  where: string,
  options: T | undefined,
  known: readonly string[],
): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${describeArg(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (known.length === 0) throw new TypeError(`${where}: takes no options, got ${JSON.stringify(key)}`);
    if (known.includes(key)) continue;
    const lower = key.toLowerCase();
    const ranked = known
      .map((k, i) => ({ k, i, d: distance(lower, k.toLowerCase()) }))
      .sort((a, b) => a.d - b.d || a.i - b.i);
    const best = ranked[0];
    const guess =
      best && best.d <= Math.max(1, Math.floor(best.k.length / 3)) ? ` (did you mean "${best.k}"?)` : "";
    throw new TypeError(
      `${where}: unknown option ${JSON.stringify(key)}${guess}; the options are ${ranked.map((r) => r.k).join(", ")}`,
    );
  }
  return options;
}
