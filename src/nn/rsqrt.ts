/**
 * `n ** -0.5`, correctly rounded, as CPython computes it: V8's `**` can be 1 ulp off
 * (`2 ** -0.5` is 0.7071067811865475 in V8, 0.7071067811865476 in Python), so LLM101n's initial weights
 * would differ from Python's in the last bit for many layer widths.
 */

const view = new DataView(new ArrayBuffer(8));

/** y as an exact m * 2^e (y > 0, finite). */
function exact(y: number): { m: bigint; e: number } {
  view.setFloat64(0, y);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  return biased === 0 ? { m: frac, e: -1074 } : { m: frac | (1n << 52n), e: biased - 1075 };
}

/** The next double above (step 1) or below (step -1) a positive finite y. */
function neighbour(y: number, step: 1 | -1): number {
  view.setFloat64(0, y);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(step));
  return view.getFloat64(0);
}

/** The sign of mid^2 * n - 1 for mid = (a + b) / 2, computed exactly (a, b positive doubles). */
function compareMidpoint(a: number, b: number, n: number): number {
  const x = exact(a);
  const y = exact(b);
  const e = Math.min(x.e, y.e);
  const m = (x.m << BigInt(x.e - e)) + (y.m << BigInt(y.e - e)); // mid = m * 2^(e - 1)
  const lhs = m * m * BigInt(n); // mid^2 n = lhs * 2^(2e - 2)
  const shift = 2 - 2 * e; // compare lhs with 2^(2 - 2e)
  if (shift >= 0) {
    const rhs = 1n << BigInt(shift);
    return lhs > rhs ? 1 : lhs < rhs ? -1 : 0;
  }
  const scaled = lhs << BigInt(-shift);
  return scaled > 1n ? 1 : scaled < 1n ? -1 : 0;
}

/**
 * 1 / √n correctly rounded to the nearest double, for a positive safe integer n (what CPython's
 * `n ** -0.5` gives).
 * @throws RangeError for anything else
 */
export function rsqrt(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`rsqrt(n): n must be a positive safe integer, got ${String(n)}`);
  }
  let y = 1 / Math.sqrt(n); // within an ulp or so of the answer; move to the right neighbour
  for (let i = 0; i < 4; i++) {
    if (compareMidpoint(y, neighbour(y, 1), n) <= 0) y = neighbour(y, 1);
    else if (compareMidpoint(neighbour(y, -1), y, n) >= 0) y = neighbour(y, -1);
    else break;
  }
  return y;
}
