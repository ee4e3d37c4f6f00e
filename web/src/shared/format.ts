/** Number formatting for the playground (the lecture's 4 digits, readable NaN/Infinity). */

/** `x` with `digits` digits after the point, like Python's "%.4f"; "nan", "inf", "-inf" otherwise. */
export function fixed(x: number, digits = 4): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  return x.toFixed(digits);
}

/** A short general form: 4 significant digits, exponent for very large or small magnitudes. */
export function short(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}

/** A share in percent with one decimal ("98.8%"), or "–" when there is none (NaN). */
export function percent(a: number): string {
  return Number.isFinite(a) ? `${(a * 100).toFixed(1)}%` : "–";
}

/** A loss as `short` writes it, or "–" when there is none (NaN). */
export function lossText(l: number): string {
  return Number.isFinite(l) ? short(l) : "–";
}

/**
 * `x` as Python's `repr(float)` prints it, so the lecture's printed numbers can be compared digit for
 * digit: the shortest digits that read back to x, "4.0" for whole numbers, an exponent (two digits at
 * least) below 1e-4 or from 1e16 on ("2.999378523327323e-06"), "nan", "inf", "-inf".
 */
export function pythonRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, exp] = x.toExponential().split("e") as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 16) {
    return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}
