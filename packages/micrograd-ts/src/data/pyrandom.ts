/**
 * `PyRandom`: CPython 3.11's `random.Random`, so a run seeded here draws the numbers Python draws.
 *
 * The Mersenne Twister MT19937 (Matsumoto & Nishimura's reference `init_genrand`, `init_by_array`,
 * `genrand_uint32`, as in CPython's `_randommodule.c`) seeded from an int the way `random.seed(int)` does,
 * and the methods of `random.py` that microgpt uses, written as CPython writes them.
 *
 * Exactness (measured against python3 3.11, see test/data/pyrandom.test.ts and
 * scripts/pyrandom-fixtures.py): `random()`, `getrandbits`, `randbelow`, `shuffle` and `choices` are
 * integer or exactly-rounded arithmetic and equal Python's bit for bit. `gauss` calls log, cos, sin and
 * sqrt; V8's log/cos/sin (fdlibm) and this python3's libm round differently in the last bit for a few
 * percent of inputs. Over 100,000 `gauss(0, 1)` draws from seed 42: 94.1% equal, 5.3% 1 ulp apart, 0.58%
 * 2 ulp, 0.01% 3 ulp, none more (relative difference <= 5.0e-16). Measured by scripts/gauss-ulps.mjs.
 */
import { describeArg } from "../util/describe-arg.js";
import { shuffleWith } from "./shuffle.js";

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const TWOPI = 2 * Math.PI; // random.py: TWOPI = 2.0 * _pi

/** CPython's `random.Random` (3.11): the same streams as Python for the same integer seed. */
export class PyRandom {
  /** @internal the 624 words of MT19937 state and the index of the next word to use. */
  private readonly mt = new Uint32Array(N);
  private mti = N + 1;
  /** The second normal of the last Box–Muller pair, returned by the next `gauss` (random.py's cache). */
  gaussNext: number | null = null;

  /**
   * @param seed an integer (a safe-integer number or a bigint), used like `random.seed(seed)`: all the
   *   32-bit words of |seed|, least significant first, go to `init_by_array`.
   */
  constructor(seed: number | bigint) {
    this.seed(seed);
  }

  /** Re-seeds, like `random.seed(seed)` (this also clears the cached `gauss` value). */
  seed(seed: number | bigint): void {
    let n: bigint;
    if (typeof seed === "number") {
      if (!Number.isSafeInteger(seed)) {
        throw new RangeError(
          `PyRandom.seed(seed): seed must be a safe integer or a bigint (Python's int seeds), got ${describeArg(seed)}`,
        );
      }
      n = BigInt(seed);
    } else if (typeof seed === "bigint") {
      n = seed;
    } else {
      throw new TypeError(
        `PyRandom.seed(seed): seed must be an integer or a bigint, got ${describeArg(seed)}`,
      );
    }
    if (n < 0n) n = -n; // _randommodule.c: "use its absolute value"
    const key: number[] = [];
    do {
      key.push(Number(n & 0xffffffffn));
      n >>= 32n;
    } while (n > 0n); // at least one word, even for 0
    this.initByArray(key);
    this.gaussNext = null;
  }

  /** MT19937's init_genrand. */
  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1];
      mt[i] = Math.imul(1812433253, prev ^ (prev >>> 30)) + i;
    }
    this.mti = N;
  }

  /** MT19937's init_by_array. */
  private initByArray(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = (mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = (mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000; // MSB is 1, assuring a non-zero initial array
  }

  /** The next 32 random bits (MT19937's genrand_uint32), as an unsigned integer. */
  uint32(): number {
    const mt = this.mt;
    if (this.mti >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.mti = 0;
    }
    let y = mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A float in [0, 1) with 53 random bits: `(a * 2^26 + b) / 2^53`, a = 27 bits, b = 26 bits. */
  random(): number {
    const a = this.uint32() >>> 5;
    const b = this.uint32() >>> 6;
    return (a * 67108864 + b) * (1 / 9007199254740992);
  }

  /**
   * An integer with k random bits, k from 0 to 53 (Python allows any k; past 53 bits a double cannot hold
   * the result). Words are filled least significant first; the last (most significant) word keeps its
   * top bits, as `_random_Random_getrandbits_impl` does.
   */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 0 || k > 53) {
      throw new RangeError(
        `PyRandom.getrandbits(k): k must be an integer from 0 to 53, got ${describeArg(k)}`,
      );
    }
    if (k <= 32) return k === 0 ? 0 : this.uint32() >>> (32 - k);
    const low = this.uint32();
    const high = this.uint32() >>> (64 - k);
    return high * 4294967296 + low;
  }

  /** A uniform integer in [0, n) for an integer n >= 1 (random.py's `_randbelow_with_getrandbits`). */
  randbelow(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(
        `PyRandom.randbelow(n): n must be an integer from 1 to 2^53 - 1, got ${describeArg(n)}`,
      );
    }
    const k = bitLength(n); // not (n - 1): n can be 1
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** Shuffles `x` in place like `random.shuffle(x)` (Fisher–Yates from the end) and returns it. */
  shuffle<T>(x: T[]): T[] {
    if (!Array.isArray(x))
      throw new TypeError(`PyRandom.shuffle(x): x must be an array, got ${describeArg(x)}`);
    return shuffleWith(x, (n) => this.randbelow(n));
  }

  /**
   * A normal draw like `random.gauss(mu, sigma)`: Box–Muller on two `random()` draws, returning the cosine
   * half and caching the sine half for the next call (`gaussNext`).
   */
  gauss(mu = 0, sigma = 1): number {
    let z = this.gaussNext;
    this.gaussNext = null;
    if (z === null) {
      const x2pi = this.random() * TWOPI;
      const g2rad = Math.sqrt(-2 * Math.log(1 - this.random()));
      z = Math.cos(x2pi) * g2rad;
      this.gaussNext = Math.sin(x2pi) * g2rad;
    }
    return mu + z * sigma;
  }

  /**
   * `k` elements drawn with replacement, element i with probability weights[i] / sum(weights), like
   * `random.choices(population, weights, k=k)`: cumulative sums left to right, then for each draw a
   * bisect_right of `random() * total` into them (searching the first n - 1 only).
   */
  choices<T>(population: readonly T[], weights: readonly number[], k = 1): T[] {
    const where = "PyRandom.choices(population, weights, k)";
    if (!Array.isArray(population)) {
      throw new TypeError(`${where}: population must be an array, got ${describeArg(population)}`);
    }
    if (!Array.isArray(weights)) {
      throw new TypeError(`${where}: weights must be an array of numbers, got ${describeArg(weights)}`);
    }
    if (weights.length !== population.length) {
      throw new RangeError(
        `${where}: the number of weights (${weights.length}) does not match the population (${population.length})`,
      );
    }
    if (!Number.isInteger(k) || k < 0) {
      throw new RangeError(`${where}: k must be an integer >= 0, got ${describeArg(k)}`);
    }
    const cum = new Float64Array(weights.length);
    let acc = 0;
    for (let i = 0; i < weights.length; i++) {
      const w: unknown = weights[i];
      if (typeof w !== "number" || Number.isNaN(w)) {
        throw new TypeError(`${where}: weights[${i}] must be a number, got ${describeArg(w)}`);
      }
      acc = i === 0 ? w : acc + w;
      cum[i] = acc;
    }
    const total = acc;
    if (!(total > 0)) throw new RangeError(`${where}: the weights must sum to more than 0, got ${total}`);
    if (!Number.isFinite(total)) throw new RangeError(`${where}: the weights must sum to a finite number`);
    const out: T[] = [];
    const hi = weights.length - 1;
    for (let d = 0; d < k; d++) out.push(population[bisectRight(cum, this.random() * total, hi)]);
    return out;
  }
}

/** The first index i in [0, hi) with xs[i] > x, or hi (Python's bisect.bisect_right(xs, x, 0, hi)). */
function bisectRight(xs: Float64Array, x: number, hi: number): number {
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < xs[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Python's int.bit_length for 1 <= n < 2^53. */
function bitLength(n: number): number {
  return n < 4294967296 ? 32 - Math.clz32(n) : 32 + bitLength(Math.floor(n / 4294967296));
}
