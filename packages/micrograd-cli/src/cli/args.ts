/**
 * Parsers for flag values. Each one throws commander's InvalidArgumentError with what is allowed, so a
 * bad value becomes one line: `option '--lr <x>' argument 'abc' is invalid. expected a number > 0`.
 */
import { InvalidArgumentError } from "commander";

/** A finite number (optionally > 0 or >= 0). */
export function numberArg(kind: "any" | "positive" | "nonnegative" = "any") {
  return (text: string): number => {
    const x = Number(text);
    const ok =
      text.trim() !== "" && Number.isFinite(x) && (kind === "any" || (kind === "positive" ? x > 0 : x >= 0));
    if (!ok) {
      const what = kind === "any" ? "a number" : kind === "positive" ? "a number > 0" : "a number >= 0";
      throw new InvalidArgumentError(`expected ${what}, e.g. 0.1`);
    }
    return x;
  };
}

/** An integer >= min. */
export function intArg(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    const x = Number(text);
    if (!/^[+-]?\d+$/.test(text.trim()) || !Number.isSafeInteger(x) || x < min || x > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
      throw new InvalidArgumentError(`expected an integer ${range}`);
    }
    return x;
  };
}

/** Layer sizes like `16,16`: comma-separated integers >= 1 (an empty string means no hidden layer). */
export function layersArg(text: string): number[] {
  if (text.trim() === "") return [];
  const parts = text.split(",").map((s) => s.trim());
  for (const p of parts) {
    if (!/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 100_000) {
      throw new InvalidArgumentError(
        `'${p}' is not a layer size; expected comma-separated integers >= 1, e.g. 16,16`,
      );
    }
  }
  return parts.map(Number);
}
