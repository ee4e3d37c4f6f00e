/**
 * CSV in: parseCsv (RFC 4180), csvDataset (target, features, class names), trainTestSplit and
 * standardization, with malformed files answered by one line naming the line and column.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  CsvError,
  csvColumns,
  csvDataset,
  digitsStandardization,
  fitStandardization,
  parseCsv,
  prepareDataset,
  Rng,
  standardize,
  trainTestSplit,
} from "../../packages/micrograd-ts/src/index.js";
import { readmeCode, runSnippet } from "../helpers/readme-snippet.js";

/** An error's message, asserting it is one line. */
function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    expect((e as Error).message).not.toContain("\n");
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("parseCsv", () => {
  it("reads a header and records, LF or CRLF, with or without a final line break", () => {
    const want = {
      header: ["a", "b"],
      rows: [
        ["1", "2"],
        ["3", "4"],
      ],
      lines: [2, 3],
    };
    expect(parseCsv("a,b\n1,2\n3,4\n")).toEqual(want);
    expect(parseCsv("a,b\r\n1,2\r\n3,4")).toEqual(want);
    expect(parseCsv("\ufeffa,b\r\n1,2\r\n3,4\r\n")).toEqual(want);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks; counts lines inside them", () => {
    const t = parseCsv('name,note\n"Smith, J","said ""hi"""\n"two\r\nlines",x\nlast,""\n');
    expect(t.rows).toEqual([
      ["Smith, J", 'said "hi"'],
      ["two\r\nlines", "x"],
      ["last", ""],
    ]);
    expect(t.lines).toEqual([2, 3, 5]);
  });

  it("keeps empty fields and skips empty lines", () => {
    const t = parseCsv("a,b,c\n\n,,\n1,,3\n\n");
    expect(t.rows).toEqual([
      ["", "", ""],
      ["1", "", "3"],
    ]);
    expect(t.lines).toEqual([3, 4]);
  });

  it("reads back any table a writer quoting every field wrote (fast-check)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r\n", " ", "1", "é") });
    const table = fc
      .integer({ min: 1, max: 4 })
      .chain((w) =>
        fc.tuple(
          fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}$/), { minLength: w, maxLength: w }),
          fc.array(fc.array(cell, { minLength: w, maxLength: w }), { maxLength: 6 }),
          fc.constantFrom("\n", "\r\n"),
        ),
      );
    fc.assert(
      fc.property(table, ([header, rows, eol]) => {
        const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
        const text = [header, ...rows].map((r) => r.map(quote).join(",")).join(eol) + eol;
        const t = parseCsv(text);
        expect(t.header).toEqual(header);
        expect(t.rows).toEqual(rows);
      }),
    );
  });

  it("never throws anything but a one-line CsvError on arbitrary text (fast-check)", () => {
    const unit = fc.constantFrom("a", ",", '"', "\n", "\r", "1", " ", "\u0000");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        try {
          parseCsv(text);
        } catch (e) {
          expect(e).toBeInstanceOf(CsvError);
          expect((e as Error).message).toMatch(/^line \d+(, column \d+)?: [^\n]+$/);
        }
      }),
    );
  });

  it("malformed files: the line and column, and what is wrong", () => {
    const cases: [string, number, number, RegExp][] = [
      ['a,b\n1,2\n3,"4\n5,6\n', 3, 2, /never closed/],
      ['a,b\n1,"2"x\n', 2, 2, /'x' after a closing quote/],
      ['a,b\n1,2"3\n', 2, 2, /quote inside an unquoted field/],
      ["a,b\n1,2\n3\n", 3, 0, /1 field, but the header has 2/],
      ["a,b\n1,2,3\n", 2, 0, /3 fields, but the header has 2/],
      ["a,,c\n1,2,3\n", 1, 2, /empty column name/],
      ["a,b,a\n1,2,3\n", 1, 3, /'a' is also column 1/],
      ["", 1, 0, /empty/],
      ["\n\n", 1, 0, /empty/],
    ];
    for (const [text, line, column, what] of cases) {
      const e = errorOf(() => parseCsv(text)) as CsvError;
      expect(e, text).toBeInstanceOf(CsvError);
      expect([e.line, e.column], text).toEqual([line, column]);
      expect(e.message, text).toMatch(what);
    }
  });

  it("shows control characters in messages visibly", () => {
    expect(errorOf(() => parseCsv('a\n"x"\u0001\n')).message).toContain("'U+0001' after a closing quote");
  });
});

describe("csvDataset", () => {
  const text = "w,colour,h\n1.5,red,2\n-2,blue,1e1\n3,red, 4 \n0.5,green,.5\n";

  it("takes the target by name, the other columns as numbers, classes sorted by name", () => {
    const ds = csvDataset(text, { target: "colour" });
    expect(ds.featureNames).toEqual(["w", "h"]);
    expect(ds.targetName).toBe("colour");
    expect(ds.classNames).toEqual(["blue", "green", "red"]);
    expect(ds.x).toEqual([
      [1.5, 2],
      [-2, 10],
      [3, 4],
      [0.5, 0.5],
    ]);
    expect(ds.y).toEqual([2, 0, 2, 1]);
    expect(ds.nClasses).toBe(3);
    expect(ds.name).toBe("csv");
  });

  it("sorts numeric classes by value and names them by the number", () => {
    const ds = csvDataset("x,y\n1,10\n2,9\n3,10.0\n4,-1\n", { target: "y", name: "t" });
    expect(ds.classNames).toEqual(["-1", "9", "10"]);
    expect(ds.y).toEqual([2, 1, 2, 0]);
    expect(ds.name).toBe("t");
  });

  it("reads the features asked for, in that order", () => {
    const ds = csvDataset(text, { target: "colour", features: ["h", "w"] });
    expect(ds.x[1]).toEqual([10, -2]);
    expect(ds.featureNames).toEqual(["h", "w"]);
  });

  it("bad cells: the line, the column and its name", () => {
    const cases: [string, number, number, RegExp][] = [
      ["a,t\n1,x\n,y\n", 3, 1, /'a': the cell is empty/],
      ["a,t\n1,x\nabc,y\n", 3, 1, /'abc' is not a number/],
      ["t,a\nx,0x10\n", 2, 2, /'0x10' is not a number/],
      ["a,t\nInfinity,x\n", 2, 1, /not a number/],
      ["a,t\n1e999,x\n", 2, 1, /too large/],
      ["a,t\n1,x\n2, \n", 3, 2, /'t': the class is empty/],
    ];
    for (const [csv, line, column, what] of cases) {
      const e = errorOf(() => csvDataset(csv, { target: "t" })) as CsvError;
      expect(e, csv).toBeInstanceOf(CsvError);
      expect([e.line, e.column], csv).toEqual([line, column]);
      expect(e.message, csv).toMatch(what);
    }
  });

  it("bad columns and tables: what was asked and what there is", () => {
    expect(errorOf(() => csvDataset(text, { target: "color" })).message).toMatch(
      /no target column 'color'; the columns are 'w', 'colour', 'h'/,
    );
    expect(errorOf(() => csvDataset(text, { target: "colour", features: ["q"] })).message).toMatch(
      /no feature column 'q'/,
    );
    expect(errorOf(() => csvDataset(text, { target: "colour", features: ["colour"] })).message).toMatch(
      /also a feature/,
    );
    expect(errorOf(() => csvDataset("t\nx\ny\n", { target: "t" })).message).toMatch(/no feature columns/);
    expect(errorOf(() => csvDataset("a,t\n", { target: "t" })).message).toMatch(/no rows/);
    expect(errorOf(() => csvDataset("a,t\n1,x\n2,x\n", { target: "t" })).message).toMatch(/only one class/);
    expect(errorOf(() => csvDataset(text, undefined as never)).message).toMatch(/options.target/);
  });

  it("reads the iris example: 150 rows, 4 features, 50 of each species", () => {
    const iris = readFileSync(new URL("../../examples/iris/iris.csv", import.meta.url), "utf8");
    const ds = csvDataset(iris, { target: "species", name: "iris" });
    expect(ds.x.length).toBe(150);
    expect(ds.featureNames).toEqual(["sepal_length", "sepal_width", "petal_length", "petal_width"]);
    expect(ds.classNames).toEqual(["setosa", "versicolor", "virginica"]);
    expect([0, 1, 2].map((c) => ds.y.filter((y) => y === c).length)).toEqual([50, 50, 50]);
    // the first row of Fisher's table (iris.rst: setosa 5.1, 3.5, 1.4, 0.2)
    expect(ds.x[0]).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(ds.y[0]).toBe(0);
  });
});

describe("csvColumns", () => {
  it("reads the named numeric columns in the order asked, ignoring the others", () => {
    expect(csvColumns("a,b,c\n1,x,3\n4,y,-6e1\n", ["c", "a"])).toEqual([
      [3, 1],
      [-60, 4],
    ]);
  });

  it("names the missing column and the bad cell", () => {
    expect(errorOf(() => csvColumns("a,b\n1,2\n", ["z"])).message).toMatch(
      /no feature column 'z'; the columns are 'a', 'b'/,
    );
    const e = errorOf(() => csvColumns("a,b\n1,2\n3,\n", ["b"])) as CsvError;
    expect([e.line, e.column]).toEqual([3, 2]);
  });
});

describe("trainTestSplit", () => {
  const ds = {
    name: "d",
    x: [[0], [1], [2], [3], [4], [5], [6], [7], [8], [9]],
    y: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
    nClasses: 2,
    extra: "kept",
  };

  it("cuts a shuffled permutation: round(n * fraction) rows for training, the rest for testing", () => {
    const { train, test } = trainTestSplit(ds, { trainFraction: 0.7, seed: 5 });
    expect(train.x.length).toBe(7);
    expect(test.x.length).toBe(3);
    const all = [...train.x, ...test.x].map((r) => r[0]).sort((a, b) => a - b);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const part of [train, test]) expect(part.y).toEqual(part.x.map((r) => r[0] % 2));
    expect(train.extra).toBe("kept");
    expect(train.name).toBe("d/train");
    // the same permutation as Rng(5).shuffle
    const order = new Rng(5).shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(train.x.map((r) => r[0])).toEqual(order.slice(0, 7));
  });

  it("is the same for the same seed and defaults to 0.8 and seed 42", () => {
    expect(trainTestSplit(ds)).toEqual(trainTestSplit(ds, { trainFraction: 0.8, seed: 42 }));
    expect(trainTestSplit(ds).test.x.length).toBe(2);
    expect(trainTestSplit(ds, { trainFraction: 1 }).test.x).toEqual([]);
  });

  it("refuses a fraction outside (0, 1]", () => {
    for (const f of [0, -0.5, 1.5, Number.NaN]) {
      expect(errorOf(() => trainTestSplit(ds, { trainFraction: f })).message).toMatch(
        /trainFraction must be a number in \(0, 1\]/,
      );
    }
  });
});

describe("standardization", () => {
  it("fits the mean and population std per column; a constant column gets std 1", () => {
    // column 0: 1, 2, 3, 6 -> mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5; column 1 constant
    const s = fitStandardization([
      [1, 7],
      [2, 7],
      [3, 7],
      [6, 7],
    ]);
    expect(s.mean).toEqual([3, 7]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(3.5), 15);
    expect(s.std[1]).toBe(1);
    const [z] = standardize([[3 + Math.sqrt(3.5), 9]], s);
    expect(z[0]).toBeCloseTo(1, 15);
    expect(z[1]).toBe(2);
  });

  it("on iris: the means and SDs of iris.rst's summary table, to its two decimals (within 0.01)", () => {
    const iris = readFileSync(new URL("../../examples/iris/iris.csv", import.meta.url), "utf8");
    const s = fitStandardization(csvDataset(iris, { target: "species" }).x);
    // iris.rst: mean 5.84 3.05 3.76 1.20, SD 0.83 0.43 1.76 0.76 (R's sd: n - 1; ours divides by n)
    const near = (got: number[], want: number[]) => {
      for (let j = 0; j < want.length; j++) expect(Math.abs(got[j] - want[j])).toBeLessThanOrEqual(0.01);
    };
    near(s.mean, [5.84, 3.05, 3.76, 1.2]);
    near(
      s.std.map((d) => d * Math.sqrt(150 / 149)),
      [0.83, 0.43, 1.76, 0.76],
    );
  });

  it("prepareDataset: split, then the training rows' standardization applied to both parts", () => {
    const ds = { name: "d", x: [[0], [2], [4], [6], [8]], y: [0, 1, 0, 1, 0], nClasses: 2 };
    const p = prepareDataset(ds, { trainFraction: 0.6, seed: 3 });
    const { train, test } = trainTestSplit(ds, { trainFraction: 0.6, seed: 3 });
    expect(p.rawTest).toEqual(test);
    const values = train.x.map((r) => r[0]);
    const mean = values.reduce((a, b) => a + b, 0) / 3;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / 3);
    expect(p.standardization.mean[0]).toBeCloseTo(mean, 14);
    expect(p.standardization.std[0]).toBeCloseTo(std, 14);
    for (let i = 0; i < test.x.length; i++)
      expect(p.test.x[i][0]).toBeCloseTo((test.x[i][0] - mean) / std, 14);
    expect(p.train.y).toEqual(train.y);
    const given = prepareDataset(ds, { standardization: { mean: [1], std: [2] } });
    expect(given.train.x.map((r) => r[0]).sort()).toEqual([-0.5, 0.5, 1.5, 2.5].sort());
  });

  it("digitsStandardization divides every pixel by 16", () => {
    const s = digitsStandardization();
    expect(standardize([new Array(64).fill(16)], s)[0]).toEqual(new Array(64).fill(1));
    expect(standardize([new Array(64).fill(4)], s)[0]).toEqual(new Array(64).fill(0.25));
  });

  it("refuses empty, ragged or non-finite input and rows of the wrong length", () => {
    expect(errorOf(() => fitStandardization([])).message).toMatch(/non-empty/);
    expect(errorOf(() => fitStandardization([[1, 2], [3]])).message).toMatch(/row 1 has 1 values/);
    expect(errorOf(() => fitStandardization([[1, Number.NaN]])).message).toMatch(/x\[0\]\[1\] is NaN/);
    expect(errorOf(() => standardize([[1]], { mean: [0, 0], std: [1, 1] })).message).toMatch(/row 0 has 1/);
  });
});

describe("the library README's real-data example", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("runs as written: the table's names and classes, and the digits' test accuracy", async () => {
    const logged = await runSnippet(readmeCode("real-data"), "readme-real-data");
    // the four rows by hand: small, large, small, large; sorted names: large = 0, small = 1
    expect(logged[0]).toEqual([
      ["size", "weight"],
      ["large", "small"],
      [1, 0, 1, 0],
    ]);
    const m = /^test accuracy (\d+) \/ 359$/.exec(String(logged[1][0]));
    expect(m, String(logged[1][0])).not.toBeNull();
    expect(Number(m?.[1]) / 359).toBeGreaterThanOrEqual(0.95);
    expect(String(logged[1][0])).toBe("test accuracy 346 / 359");
    expect(logged[2]).toEqual([true]);
  }, 60_000);
});
