/**
 * A CSV table -> a `Dataset`: one column is the target (the class), the others numeric features.
 */
import { describeArg } from "../util/describe-arg.js";
import { checkOptions, optionKeys } from "../util/options.js";
import { CsvError, type CsvTable, parseCsv, showCell } from "./csv.js";
import type { NamedDataset } from "./dataset.js";

/**
 * A dataset read from a CSV table: the rows' features and classes, with the feature columns' names, the
 * target column's name and the class names (sorted: see `csvDataset`).
 */
export interface CsvDataset extends NamedDataset {
  /** The target column's name. */
  targetName: string;
}

/** Which columns `csvDataset` reads. */
export interface CsvDatasetOptions {
  /** The target column's name (its values are the classes). */
  target: string;
  /** The feature columns' names, in this order (default: every column but the target, in file order). */
  features?: string[];
  /** The dataset's name (default "csv"). */
  name?: string;
}

/** A number as a CSV cell writes it: decimal, optional sign, fraction and exponent (no hex, no Infinity). */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The cell as a finite number, or a one-line reason it is not one. @internal */
export function csvNumber(cell: string): number | string {
  const t = cell.trim();
  if (t === "") return "the cell is empty";
  if (!NUMBER.test(t)) return `${showCell(cell)} is not a number`;
  const v = Number(t);
  if (!Number.isFinite(v)) return `${showCell(cell)} is too large for a double`;
  return v;
}

/**
 * The class names of a target column and each row's class: the distinct values, sorted, so a file's
 * classes get the same numbers whatever the rows' order. When every value is a number they are sorted
 * numerically and named by the number (`"1"` and `"1.0"` are one class, `"1"`); otherwise they are
 * sorted as strings (by UTF-16 code units), as written (trimmed).
 */
function classesOf(cells: readonly string[]): { names: string[]; classes: number[] } {
  const trimmed = cells.map((c) => c.trim());
  const numeric = trimmed.every((c) => typeof csvNumber(c) === "number");
  const keys = numeric ? trimmed.map((c) => String(Number(c))) : trimmed;
  const distinct = [...new Set(keys)];
  if (numeric) distinct.sort((a, b) => Number(a) - Number(b));
  else distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(distinct.map((name, c) => [name, c]));
  return { names: distinct, classes: keys.map((k) => index.get(k) as number) };
}

/** The position of each named column in `header`. @throws RangeError naming the columns there are */
function columnsOf(
  where: string,
  header: readonly string[],
  names: readonly string[],
  role: string,
): number[] {
  return names.map((name) => {
    const k = header.indexOf(name);
    if (k < 0) {
      const there = header.map((h) => showCell(h)).join(", ");
      throw new RangeError(`${where}: no ${role} column ${showCell(name)}; the columns are ${there}`);
    }
    return k;
  });
}

/**
 * The numbers in the named columns of CSV text (see `parseCsv`) or a parsed table, row by row in file
 * order (`x[i][j]`: row i, column `names[j]`); other columns are not read.
 * @throws CsvError naming the line, the column and its name for an empty or non-numeric cell (a number
 *   is decimal: `1`, `-0.5`, `2e3`; no hex, no Infinity, no NaN); RangeError for a column not in the header
 */
export function csvColumns(csv: string | CsvTable, names: readonly string[]): number[][] {
  const { header, rows, lines } = typeof csv === "string" ? parseCsv(csv) : csv;
  const f = columnsOf("csvColumns(csv, names)", header, names, "feature");
  return rows.map((row, r) =>
    f.map((k) => {
      const v = csvNumber(row[k]);
      if (typeof v === "string") {
        throw new CsvError(
          lines[r],
          k + 1,
          `${showCell(header[k])}: ${v}; every feature cell needs a number`,
        );
      }
      return v;
    }),
  );
}

/**
 * A dataset from CSV text (see `parseCsv`) or an already parsed table: the `target` column's values are
 * the classes (numbers or strings; sorted, see `CsvDataset.classNames`), the feature columns must hold
 * finite numbers. Rows stay in file order.
 * @throws CsvError naming the line, the column and its name: an empty or non-numeric feature cell, an
 *   empty class; bad CSV (see `parseCsv`)
 * @throws RangeError for an unknown target or feature column (naming the columns), no rows, or fewer than
 *   two classes
 */
export function csvDataset(csv: string | CsvTable, options: CsvDatasetOptions): CsvDataset {
  const where = "csvDataset(csv, options)";
  if (typeof options !== "object" || options === null || typeof options.target !== "string") {
    throw new TypeError(
      `${where}: options.target must be a column name, got ${describeArg(options?.target)}`,
    );
  }
  checkOptions(where, options, optionKeys<CsvDatasetOptions>({ target: true, features: true, name: true }));
  const table = typeof csv === "string" ? parseCsv(csv) : csv;
  const { header, rows, lines } = table;
  const [t] = columnsOf(where, header, [options.target], "target");
  if (options.features !== undefined && !Array.isArray(options.features)) {
    throw new TypeError(
      `${where}: options.features must be an array of column names, got ${describeArg(options.features)}`,
    );
  }
  const featureNames = options.features ?? header.filter((_, k) => k !== t);
  const f = columnsOf(where, header, featureNames, "feature");
  if (f.includes(t))
    throw new RangeError(`${where}: the target ${showCell(options.target)} is also a feature`);
  if (new Set(f).size !== f.length) throw new RangeError(`${where}: options.features names a column twice`);
  if (f.length === 0) throw new RangeError(`${where}: no feature columns besides the target`);
  if (rows.length === 0) throw new RangeError(`${where}: the table has a header but no rows`);
  const x = csvColumns(table, featureNames);
  rows.forEach((row, r) => {
    if (row[t].trim() === "") {
      throw new CsvError(lines[r], t + 1, `${showCell(header[t])}: the class is empty; every row needs one`);
    }
  });
  const { names, classes } = classesOf(rows.map((row) => row[t]));
  if (names.length < 2) {
    throw new RangeError(
      `${where}: the target ${showCell(options.target)} has only one class (${showCell(names[0])}); a classifier needs two or more`,
    );
  }
  return {
    name: options.name ?? "csv",
    x,
    y: classes,
    nClasses: names.length,
    featureNames,
    targetName: options.target,
    classNames: names,
  };
}
