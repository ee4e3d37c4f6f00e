/**
 * CSV text -> cells, as RFC 4180 writes them: a header row, then records of comma-separated fields; a
 * field in double quotes may hold commas, line breaks and `""` (one quote). Lines end in CRLF or LF.
 */

/** A CSV file's cells: the header's column names and the records, each with the line it starts on. */
export interface CsvTable {
  /** The column names of the first row. */
  header: string[];
  /** The records after the header, each with as many cells as the header. */
  rows: string[][];
  /** The 1-based line each record of `rows` starts on (a quoted field may span lines). */
  lines: number[];
}

/** Bad CSV text: the message names the line and column (1-based) and what was wrong. */
export class CsvError extends Error {
  /** The 1-based line of the problem. */
  readonly line: number;
  /** The 1-based column (field number) of the problem, 0 when it concerns a whole line. */
  readonly column: number;
  constructor(line: number, column: number, what: string) {
    super(`line ${line}${column > 0 ? `, column ${column}` : ""}: ${what}`);
    this.name = "CsvError";
    this.line = line;
    this.column = column;
  }
}

/** A cell for an error message: in single quotes, shortened, control characters shown as U+XXXX. @internal */
export function showCell(cell: string): string {
  const short = cell.length > 30 ? `${cell.slice(0, 30)}…` : cell;
  const visible = short.replace(
    /[\p{Cc}]/gu,
    (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
  return `'${visible}'`;
}

/**
 * Parses CSV text (RFC 4180; a leading byte-order mark is skipped, empty lines are skipped, a final line
 * break is optional). The first record is the header: its names must be non-empty and distinct.
 * @throws CsvError naming the line and column: an unclosed quote, text after a closing quote, a quote
 *   inside an unquoted field, a record with more or fewer fields than the header, a bad header
 */
export function parseCsv(text: string): CsvTable {
  if (typeof text !== "string") throw new TypeError(`parseCsv(text): text must be a string`);
  const records: string[][] = [];
  const lines: number[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  while (i < n) {
    // an empty line: skipped
    const c0 = text[i];
    if (c0 === "\n" || c0 === "\r") {
      i += c0 === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      continue;
    }
    const start = line;
    const record: string[] = [];
    for (;;) {
      const column = record.length + 1;
      let cell: string;
      if (text[i] === '"') {
        const openLine = line;
        let out = "";
        let from = i + 1;
        let j = from;
        for (;;) {
          if (j >= n) throw new CsvError(openLine, column, 'a quoted field is never closed (no closing ")');
          const c = text[j];
          if (c === '"') {
            if (text[j + 1] === '"') {
              out += text.slice(from, j + 1);
              j += 2;
              from = j;
              continue;
            }
            out += text.slice(from, j);
            j++;
            break;
          }
          if (c === "\n" || (c === "\r" && text[j + 1] !== "\n")) line++;
          j++;
        }
        const after = text[j];
        if (j < n && after !== "," && after !== "\n" && after !== "\r") {
          throw new CsvError(
            line,
            column,
            `${showCell(after)} after a closing quote; a quoted field ends at a comma or the line's end (write "" for a quote inside it)`,
          );
        }
        cell = out;
        i = j;
      } else {
        let j = i;
        while (j < n) {
          const c = text[j];
          if (c === "," || c === "\n" || c === "\r") break;
          if (c === '"') {
            throw new CsvError(
              line,
              column,
              `a quote inside an unquoted field; quote the whole field and write "" for each quote in it`,
            );
          }
          j++;
        }
        cell = text.slice(i, j);
        i = j;
      }
      record.push(cell);
      if (i < n && text[i] === ",") {
        i++;
        continue;
      }
      // the line's end (or the text's)
      if (i < n) {
        i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
        line++;
      }
      break;
    }
    records.push(record);
    lines.push(start);
  }
  if (records.length === 0)
    throw new CsvError(1, 0, "the file is empty; expected a header row of column names");
  const header = records[0];
  const seen = new Map<string, number>();
  header.forEach((name, k) => {
    if (name.trim() === "") {
      throw new CsvError(lines[0], k + 1, "the header has an empty column name; name every column");
    }
    const before = seen.get(name);
    if (before !== undefined) {
      throw new CsvError(
        lines[0],
        k + 1,
        `the column name ${showCell(name)} is also column ${before}; names must differ`,
      );
    }
    seen.set(name, k + 1);
  });
  for (let r = 1; r < records.length; r++) {
    const got = records[r].length;
    if (got !== header.length) {
      throw new CsvError(
        lines[r],
        0,
        `${got} field${got === 1 ? "" : "s"}, but the header has ${header.length}; every row needs one value per column`,
      );
    }
  }
  return { header, rows: records.slice(1), lines: lines.slice(1) };
}
