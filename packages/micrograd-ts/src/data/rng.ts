/**
 * A small seeded random number generator: the xorshift* generator of the LLM101n micrograd module, so a
 * run seeded here draws exactly the same numbers as the Python, C and JavaScript versions of that course.
 *
 * The state is an unsigned 64-bit integer. It is kept as two unsigned 32-bit halves (`hi`, `lo`) so a
 * draw costs a few integer operations and no BigInt allocation.
 */
import { describeArg } from "../util/describe-arg.js";
import { shuffleWith } from "./shuffle.js";

const TWO_32 = 4294967296;
/**
 * The state seed 0 stands for: xorshift* stays at 0 forever from 0, so 0 is mapped to the 64-bit golden
 * ratio 0x9E3779B97F4A7C15 (the constant splitmix64 adds). Every other seed is the initial state itself.
 */
const ZERO_SEED = 0x9e3779b97f4a7c15n;
// The xorshift* multiplier 0x2545F4914F6CDD1D, split into 32-bit halves and (for the low half) 16-bit parts.
const M_HI = 0x2545f491;
const M_LO = 0x4f6cdd1d;
const M_LO_HI16 = M_LO >>> 16;
const M_LO_LO16 = M_LO & 0xffff;

/** A seeded xorshift* generator with the LLM101n interface: `random()`, `uniform(a, b)`, plus `normal` and `int`. */
export class Rng {
  /** @internal high and low 32 bits of the 64-bit state. */
  private hi: number;
  private lo: number;

  /**
   * @param seed an integer in [0, 2^64) (a number must be a safe integer): the initial state, except 0,
   *   which stands for the state 0x9E3779B97F4A7C15 (a state of 0 would stay 0 forever), so every seed
   *   from 0 up draws a usable sequence
   */
  constructor(seed: number | bigint) {
    let s: bigint;
    if (typeof seed === "number") {
      if (!Number.isSafeInteger(seed) || seed < 0) {
        throw new RangeError(
          `new Rng(seed): seed must be a non-negative safe integer or a bigint, got ${describeArg(seed)}`,
        );
      }
      s = BigInt(seed);
    } else if (typeof seed === "bigint") {
      s = seed;
    } else {
      throw new TypeError(`new Rng(seed): seed must be a number or a bigint, got ${describeArg(seed)}`);
    }
    if (s < 0n || s >= 1n << 64n) throw new RangeError(`new Rng(seed): seed must be in [0, 2^64), got ${s}`);
    if (s === 0n) s = ZERO_SEED;
    this.hi = Number(s >> 32n);
    this.lo = Number(s & 0xffffffffn);
  }

  /** The current 64-bit state (the seed before the first draw). */
  get state(): bigint {
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  /**
   * The next unsigned 32-bit integer: `state ^= state >> 12; state ^= state << 25; state ^= state >> 27`
   * (mod 2^64), then the high 32 bits of `state * 0x2545F4914F6CDD1D` (mod 2^64).
   */
  u32(): number {
    let hi = this.hi;
    let lo = this.lo;
    // state ^= state >> 12
    lo = (lo ^ ((lo >>> 12) | (hi << 20))) >>> 0;
    hi = (hi ^ (hi >>> 12)) >>> 0;
    // state ^= state << 25
    hi = (hi ^ ((hi << 25) | (lo >>> 7))) >>> 0;
    lo = (lo ^ (lo << 25)) >>> 0;
    // state ^= state >> 27
    lo = (lo ^ ((lo >>> 27) | (hi << 5))) >>> 0;
    hi = (hi ^ (hi >>> 27)) >>> 0;
    this.hi = hi;
    this.lo = lo;
    // high 32 bits of (hi * 2^32 + lo) * (M_HI * 2^32 + M_LO) mod 2^64
    //   = hi * M_LO + lo * M_HI + carry(lo * M_LO)   (mod 2^32)
    const a1 = lo >>> 16;
    const a0 = lo & 0xffff;
    const mid = a1 * M_LO_LO16 + a0 * M_LO_HI16 + ((a0 * M_LO_LO16) >>> 16);
    const carry = a1 * M_LO_HI16 + Math.floor(mid / 65536);
    return (Math.imul(hi, M_LO) + Math.imul(lo, M_HI) + carry) >>> 0;
  }

  /** A float in [0, 1) with 24 random bits: `(u32 >>> 8) / 16777216`. */
  random(): number {
    return (this.u32() >>> 8) / 16777216;
  }

  /** A float in [a, b): `a + (b - a) * random()`. */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.random();
  }

  /**
   * A normal draw (Box–Muller, two `random()` draws per call, no cached spare):
   * `mean + std * sqrt(-2 ln(1 - u1)) * cos(2 pi u2)`.
   */
  normal(mean = 0, std = 1): number {
    const u1 = 1 - this.random(); // in (0, 1], so the log is finite
    const u2 = this.random();
    return mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** A uniform integer in [0, n) for an integer 1 <= n <= 2^32 (rejection sampling on `u32`, no bias). */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_32) {
      throw new RangeError(`Rng.int(n): n must be an integer in [1, 2^32], got ${describeArg(n)}`);
    }
    const limit = TWO_32 - (TWO_32 % n); // largest multiple of n that fits
    let u = this.u32();
    while (u >= limit) u = this.u32();
    return u % n;
  }

  /** Shuffles `items` in place (Fisher–Yates, last index first) and returns it. */
  shuffle<T>(items: T[]): T[] {
    return shuffleWith(items, (n) => this.int(n));
  }
}
