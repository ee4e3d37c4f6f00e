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
