import { describe, expect, it } from "vitest";
import { PyRandom } from "../../packages/micrograd-ts/src/index.js";
import fixture from "../fixtures/pyrandom.json" with { type: "json" };
import { ulps } from "../helpers/ulps.js";

// Every expected number below was printed by python3 (CPython 3.11's random.Random) when the fixture was
// made: scripts/pyrandom-fixtures.py.

describe("PyRandom (CPython's random.Random)", () => {
  for (const [seed, expected] of Object.entries(fixture.random)) {
    it(`random() for seed ${seed} equals Python's, bit for bit`, () => {
      const r = new PyRandom(BigInt(seed));
      expect(expected.map(() => r.random())).toEqual(expected);
    });
  }

  it("a number seed and the same bigint seed give the same stream; negative seeds use |seed|", () => {
    const a = new PyRandom(-42);
    const b = new PyRandom(42n);
    for (let i = 0; i < 10; i++) expect(a.random()).toBe(b.random());
    expect(new PyRandom(42).random()).toBe(fixture.random["42"][0]);
  });

  it("seed() restarts the stream and clears the cached gauss", () => {
    const r = new PyRandom(1);
    r.gauss();
    expect(r.gaussNext).not.toBeNull();
    r.seed(42);
    expect(r.gaussNext).toBeNull();
    expect(r.random()).toBe(fixture.random["42"][0]);
  });

  for (const seed of ["42", "3"] as const) {
    it(`getrandbits, randbelow and shuffle for seed ${seed} equal Python's`, () => {
      const r = new PyRandom(Number(seed));
      for (const [k, bits] of fixture.getrandbits[seed]) expect(r.getrandbits(k as number)).toBe(bits);
      const s = new PyRandom(Number(seed));
      for (const [n, x] of fixture.randbelow[seed]) expect(s.randbelow(n as number)).toBe(x);
      const t = new PyRandom(Number(seed));
      expect(t.shuffle(Array.from({ length: 100 }, (_, i) => i))).toEqual(fixture.shuffle[seed]);
    });

    it(`choices(population, weights) for seed ${seed} equals Python's 2,000 picks`, () => {
      const { weights, picks } = fixture.choices[seed];
      const r = new PyRandom(Number(seed));
      // the weights were drawn from the same stream (then weights[3] set to 0)
      weights.forEach((w, i) => {
        const x = r.random();
        if (i !== 3) expect(x).toBe(w);
      });
      const pop = Array.from({ length: 27 }, (_, i) => i);
      expect(r.choices(pop, weights, picks.length)).toEqual(picks);
      expect(picks).not.toContain(3); // a zero weight is never picked
    });

    it(`gauss for seed ${seed} is within 3 ulp of Python's (V8's log/cos/sin vs libm), mostly equal`, () => {
      const r = new PyRandom(Number(seed));
      const expected = fixture.gauss[seed];
      const got = expected.map((_, i) => (i < 501 ? r.gauss(0, 1) : r.gauss(1.5, 0.08)));
      let equal = 0;
      for (let i = 0; i < got.length; i++) {
        const d = ulps(got[i], expected[i]);
        expect(d, `draw ${i}`).toBeLessThanOrEqual(3);
        if (d === 0) equal++;
      }
      expect(equal / got.length).toBeGreaterThan(0.85);
    });
  }

  it("shuffles microgpt's names like random.seed(42); random.shuffle(docs)", async () => {
    const { names } = await import("../../packages/micrograd-ts/src/data/names.js");
    const docs = names();
    expect(docs.length).toBe(32033);
    new PyRandom(42).shuffle(docs);
    expect(docs.slice(0, 50)).toEqual(fixture.names_seed42_first);
    expect(docs.slice(-5)).toEqual(fixture.names_seed42_last);
  });

  it("rejects bad arguments with clear errors", () => {
    expect(() => new PyRandom(1.5)).toThrow(/seed must be a safe integer or a bigint/);
    expect(() => new PyRandom("42" as unknown as number)).toThrow(/seed must be an integer or a bigint/);
    const r = new PyRandom(1);
    expect(() => r.getrandbits(54)).toThrow(/k must be an integer from 0 to 53/);
    expect(() => r.randbelow(0)).toThrow(/n must be an integer from 1/);
    expect(() => r.choices([1, 2], [1])).toThrow(
      /number of weights \(1\) does not match the population \(2\)/,
    );
    expect(() => r.choices([1, 2], [0, 0])).toThrow(/must sum to more than 0/);
    expect(() => r.choices([1, 2], [1, Number.NaN])).toThrow(/weights\[1\] must be a number/);
    expect(() => r.shuffle("ab" as unknown as string[])).toThrow(/x must be an array/);
  });
});
