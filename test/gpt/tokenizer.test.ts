import { describe, expect, it } from "vitest";
import { CharTokenizer, splitDocs } from "../../src/index.js";

describe("CharTokenizer", () => {
  it("is microgpt's: sorted(set(''.join(docs))) then BOS = len(uchars)", () => {
    const t = CharTokenizer.fromDocs(["emma", "olivia", "ava"]);
    expect(t.uchars).toEqual(["a", "e", "i", "l", "m", "o", "v"]);
    expect(t.BOS).toBe(7);
    expect(t.vocabSize).toBe(8);
    expect(t.encode("ava")).toEqual([7, 0, 6, 0, 7]);
    expect(t.decode([7, 1, 4, 4, 0, 7])).toBe("emma");
  });

  it("sorts by code point, as Python does (not by UTF-16 unit)", () => {
    const t = CharTokenizer.fromDocs(["\u{1F600}b", "\uFF21a"]);
    expect(t.uchars).toEqual(["a", "b", "\uFF21", "\u{1F600}"]);
    expect(t.decode(t.encode("\u{1F600}\uFF21"))).toBe("\u{1F600}\uFF21");
  });

  it("names unknown characters and bad ids", () => {
    const t = new CharTokenizer(["a", "b"]);
    expect(() => t.encode("abc")).toThrow(/"c" in "abc" is not in the vocabulary \("ab"\)/);
    expect(() => t.decode([3])).toThrow(/number 3 is not a token id \(0 to 2\)/);
    expect(() => new CharTokenizer(["a", "a"])).toThrow(/uchars\[1\] \("a"\) appears twice/);
    expect(() => new CharTokenizer(["ab"])).toThrow(/uchars\[0\] must be a single character/);
  });
});

describe("splitDocs", () => {
  it("reads lines as microgpt reads input.txt: stripped, empty ones dropped", () => {
    expect(splitDocs("emma\r\n  olivia \n\n\tava\r\rbob\u00a0\n")).toEqual(["emma", "olivia", "ava", "bob"]);
    expect(splitDocs("a b\n")).toEqual(["a b"]);
    expect(splitDocs("\n \n")).toEqual([]);
  });
});
