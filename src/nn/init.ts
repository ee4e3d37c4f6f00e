/**
 * Where initial weights come from: an `Rng` and one of two schemes.
 */
import { Rng } from "../data/rng.js";
import { describeArg } from "../util/describe-arg.js";

/** "micrograd": w ~ U(-1, 1); "llm101n": w ~ U(-1, 1) * nin^-0.5. Biases start at 0 in both. */
export type Init = "micrograd" | "llm101n";

/** Options shared by Neuron, Layer and MLP for their initial weights. */
export interface InitOptions {
  /** The generator weights are drawn from, in `parameters()` order (biases draw nothing). */
  rng?: Rng;
  /** Seed of a fresh `Rng`, used when `rng` is absent. */
  seed?: number | bigint;
  /** The initialisation scheme (default "micrograd"). */
  init?: Init;
}

let shared: Rng | undefined;

/**
 * The generator used when neither `rng` nor `seed` is given: one shared `Rng(1337)`, created on first use
 * (like Python's global `random` in micrograd, but seeded, so a program gives the same weights every run).
 */
export function defaultRng(): Rng {
  shared ??= new Rng(1337);
  return shared;
}

/** Resolves rng/seed/init options. @internal */
export function resolveInit(where: string, o: InitOptions): { rng: Rng; init: Init } {
  const init = o.init ?? "micrograd";
  if (init !== "micrograd" && init !== "llm101n") {
    throw new TypeError(`${where}: init must be "micrograd" or "llm101n", got ${describeArg(init)}`);
  }
  let rng: Rng;
  if (o.rng !== undefined) {
    if (!(o.rng instanceof Rng))
      throw new TypeError(`${where}: rng must be an Rng, got ${describeArg(o.rng)}`);
    rng = o.rng;
  } else if (o.seed !== undefined) {
    rng = new Rng(o.seed);
  } else {
    rng = defaultRng();
  }
  return { rng, init };
}

/** Checks a layer size: an integer >= 1. @internal */
export function checkSize(where: string, name: string, n: unknown): number {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`${where}: ${name} must be an integer >= 1, got ${describeArg(n)}`);
  }
  return n;
}
