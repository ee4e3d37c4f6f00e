/**
 * Fisher–Yates as Python's `random.shuffle` and LLM101n write it: from the last index down, swap item i
 * with item `below(i + 1)`. `Rng` and `PyRandom` differ only in how they draw that index.
 */

/**
 * Shuffles `items` in place and returns it.
 * @param below a uniform integer in [0, n) for the given n
 * @internal
 */
export function shuffleWith<T>(items: T[], below: (n: number) => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = below(i + 1);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}
