/**
 * microgpt's tokenizer: each distinct character of the documents is a token id (in code-point order), and
 * one more id, BOS, marks the beginning (and the end) of every document.
 */
import { describeArg } from "../util/describe-arg.js";

/** A character-level tokenizer with a Beginning-of-Sequence token, as microgpt.py builds it. */
export class CharTokenizer {
  /** The characters; `uchars[id]` is token `id`'s character (microgpt's `uchars`). */
  readonly uchars: readonly string[];
  /** The Beginning-of-Sequence token id: `uchars.length`. */
  readonly BOS: number;
  /** The number of token ids: `uchars.length + 1` (the characters and BOS). */
  readonly vocabSize: number;
  private readonly ids: Map<string, number>;

  /**
   * @param uchars distinct characters (one code point each); token i is uchars[i]
   */
  constructor(uchars: readonly string[]) {
    const where = "new CharTokenizer(uchars)";
    if (!Array.isArray(uchars)) {
      throw new TypeError(`${where}: uchars must be an array of characters, got ${describeArg(uchars)}`);
    }
    this.ids = new Map();
    uchars.forEach((ch: unknown, i) => {
      if (typeof ch !== "string" || Array.from(ch).length !== 1) {
        throw new TypeError(`${where}: uchars[${i}] must be a single character, got ${describeArg(ch)}`);
      }
      if (this.ids.has(ch)) {
        throw new RangeError(`${where}: uchars[${i}] (${JSON.stringify(ch)}) appears twice`);
      }
      this.ids.set(ch, i);
    });
    this.uchars = Object.freeze([...uchars]);
    this.BOS = uchars.length;
    this.vocabSize = uchars.length + 1;
  }

  /** microgpt's vocabulary: `sorted(set(''.join(docs)))`, the distinct characters in code-point order. */
  static fromDocs(docs: readonly string[]): CharTokenizer {
    const chars = new Set<string>();
    for (const doc of docs) for (const ch of doc) chars.add(ch);
    return new CharTokenizer(
      [...chars].sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number)),
    );
  }

  /** The token ids of `doc` with BOS on both sides: `[BOS] + [uchars.index(ch) for ch in doc] + [BOS]`. */
  encode(doc: string): number[] {
    const tokens = [this.BOS];
    for (const ch of doc) {
      const id = this.ids.get(ch);
      if (id === undefined) {
        throw new RangeError(
          `CharTokenizer.encode(doc): ${JSON.stringify(ch)} in ${JSON.stringify(doc)} is not in the vocabulary (${JSON.stringify(this.uchars.join(""))})`,
        );
      }
      tokens.push(id);
    }
    tokens.push(this.BOS);
    return tokens;
  }

  /** The text of token ids; BOS tokens are left out. Throws on an id outside [0, vocabSize). */
  decode(ids: readonly number[]): string {
    let out = "";
    for (const id of ids) {
      if (id === this.BOS) continue;
      const ch = Number.isInteger(id) ? this.uchars[id] : undefined;
      if (ch === undefined) {
        throw new RangeError(
          `CharTokenizer.decode(ids): ${describeArg(id)} is not a token id (0 to ${this.vocabSize - 1})`,
        );
      }
      out += ch;
    }
    return out;
  }
}

// Python's str.isspace() characters: what microgpt's `line.strip()` removes.
const PY_SPACE =
  "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const STRIP = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, "gu");

/**
 * The documents of a text file as microgpt.py reads input.txt: one per line (split at \n, \r\n or \r),
 * stripped of Python's whitespace, empty lines dropped.
 */
export function splitDocs(text: string): string[] {
  if (typeof text !== "string")
    throw new TypeError(`splitDocs(text): text must be a string, got ${describeArg(text)}`);
  const docs: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const doc = line.replace(STRIP, "");
    if (doc !== "") docs.push(doc);
  }
  return docs;
}
