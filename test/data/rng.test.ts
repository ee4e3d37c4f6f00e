import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../packages/micrograd-ts/src/index.js";

// Expected draws printed once by an independent Python 3 implementation of the algorithm
// (arbitrary-precision ints masked with & (2**64 - 1)):
//   x ^= (x >> 12) & M; x ^= (x << 25) & M; x ^= (x >> 27) & M; u32 = ((x * 0x2545F4914F6CDD1D) & M) >> 32
//   random() = (u32 >> 8) / 16777216.0
const PY_U32: Record<string, number[]> = {
  "42": [1456360119, 3359763283, 3393612768, 4054632243, 3283045847],
  "1337": [989205090, 818269915, 1335155955, 3876892996, 2941700015],
  "1": [1206177355, 2882512552, 3117485455, 1303648416, 241277360],
  "18446744073709551615": [4180462053, 2415166680, 879531507, 3310800028, 1814914367],
};
const PY_RANDOM_42 = [
  0.3390852212905884, 0.7822558283805847, 0.790136992931366, 0.9440426230430603, 0.7643936276435852,
];
const PY_UNIFORM_42 = [-0.32182955741882324, 0.5645116567611694, 0.5802739858627319]; // uniform(-1, 1)

/** A straightforward BigInt xorshift*, to cross-check the two-halves implementation on random seeds. */
function bigintDraws(seed: bigint, count: number): number[] {
  const M = (1n << 64n) - 1n;
  let s = seed;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    s ^= s >> 12n;
    s ^= (s << 25n) & M;
    s ^= s >> 27n;
    out.push(Number(((s * 0x2545f4914f6cdd1dn) & M) >> 32n));
  }
  return out;
}

describe("Rng (xorshift*)", () => {
  for (const [seed, expected] of Object.entries(PY_U32)) {
    it(`u32 draws for seed ${seed} match the Python implementation`, () => {
      const rng = new Rng(BigInt(seed));
      expect(expected.map(() => rng.u32())).toEqual(expected);
    });
  }

  it("random() and uniform() for seed 42 match the Python implementation", () => {
    const a = new Rng(42);
    expect(PY_RANDOM_42.map(() => a.random())).toEqual(PY_RANDOM_42);
    const b = new Rng(42);
    expect(PY_UNIFORM_42.map(() => b.uniform(-1, 1))).toEqual(PY_UNIFORM_42);
  });

  it("a number seed and the same bigint seed give the same stream; state advances", () => {
    const a = new Rng(123456789);
    const b = new Rng(123456789n);
    expect(a.state).toBe(123456789n);
    for (let i = 0; i < 100; i++) expect(a.u32()).toBe(b.u32());
    expect(a.state).not.toBe(123456789n);
  });

  it("agrees with a BigInt implementation for any 64-bit seed (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }), (seed) => {
        const rng = new Rng(seed);
        const got = Array.from({ length: 20 }, () => rng.u32());
        expect(got).toEqual(bigintDraws(seed, 20));
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic per seed and stays in range (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 53 - 1 }), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const a = new Rng(seed);
        const b = new Rng(seed);
        for (let i = 0; i < 50; i++) {
          const r = a.random();
          expect(r).toBe(b.random());
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThan(1);
          const k = a.int(n);
          expect(k).toBe(b.int(n));
          expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
          const u = a.uniform(-3, 5);
          expect(u).toBe(b.uniform(-3, 5));
          expect(u >= -3 && u < 5).toBe(true);
          const z = a.normal(1, 2);
          expect(z).toBe(b.normal(1, 2));
          expect(Number.isFinite(z)).toBe(true);
        }
      }),
    );
  });

  it("normal() has roughly the requested mean and standard deviation", () => {
    const rng = new Rng(7);
    const xs = Array.from({ length: 20000 }, () => rng.normal(3, 0.5));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean - 3)).toBeLessThan(0.02);
    expect(Math.abs(sd - 0.5)).toBeLessThan(0.02);
  });

  it("int(n) covers every value and shuffle is a permutation", () => {
    const rng = new Rng(99);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(rng.int(7));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });

  it("seed 0 stands for the state 0x9E3779B97F4A7C15 (xorshift* would stay at 0 forever from 0)", () => {
    const zero = new Rng(0);
    expect(zero.state).toBe(0x9e3779b97f4a7c15n);
    const golden = new Rng(0x9e3779b97f4a7c15n);
    const draws = Array.from({ length: 5 }, () => zero.u32());
    expect(draws).toEqual(Array.from({ length: 5 }, () => golden.u32()));
    expect(new Set(draws).size).toBe(5); // not stuck
    expect(new Rng(0n).state).toBe(0x9e3779b97f4a7c15n);
  });

  it("rejects bad seeds and bad int bounds", () => {
    expect(() => new Rng(-1n)).toThrow(/\[0, 2\^64\)/);
    expect(() => new Rng(-1)).toThrow(RangeError);
    expect(() => new Rng(1.5)).toThrow(/non-negative safe integer/);
    expect(() => new Rng(1n << 64n)).toThrow(RangeError);
    expect(() => new Rng("42" as unknown as number)).toThrow(TypeError);
    const rng = new Rng(1);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(2.5)).toThrow(/integer in \[1, 2\^32\]/);
  });
});
