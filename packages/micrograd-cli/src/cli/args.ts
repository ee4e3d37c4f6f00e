/**
 * Parsers for flag values. Each one throws commander's InvalidArgumentError with what is allowed, so a
 * bad value becomes one line: `option '--lr <x>' argument 'abc' is invalid. expected a number > 0`.
 */
import { InvalidArgumentError } from "commander";

/** A number written in decimal (`-1.5`, `.5`, `2e-3`): not `0x10`, `0b1`, `Infinity` or blank. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The finite number a decimal text stands for (blanks around it allowed), or undefined: `Number()` would
 * also read `0x10` as 16, `0b1` and `0o7`, which a user typing numbers does not mean as decimals.
 */
export function decimalNumber(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const x = Number(t);
  return Number.isFinite(x) ? x : undefined;
}

/** A finite decimal number (optionally > 0 or >= 0, and at most `max`). */
export function numberArg(kind: "any" | "positive" | "nonnegative" = "any", max = Number.POSITIVE_INFINITY) {
  return (text: string): number => {
    const x = decimalNumber(text);
    const ok = x !== undefined && (kind === "any" || (kind === "positive" ? x > 0 : x >= 0)) && x <= max;
    if (!ok) {
      const at = max < Number.POSITIVE_INFINITY ? ` and at most ${max}` : "";
      const what =
        (kind === "any" ? "a number" : kind === "positive" ? "a number > 0" : "a number >= 0") + at;
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

/**
 * Layer sizes like `16,16`: comma-separated integers >= 1 (an empty string, `--layers ""`, means no hidden
 * layer; blanks alone are refused, as likely a mistake as a missing number).
 */
export function layersArg(text: string): number[] {
  if (text === "") return [];
  if (text.trim() === "") {
    throw new InvalidArgumentError(
      `'${text}' is blank; expected comma-separated integers >= 1, e.g. 16,16, or "" for no hidden layer`,
    );
  }
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
