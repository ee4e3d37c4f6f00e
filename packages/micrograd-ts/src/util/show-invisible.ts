/**
 * Invisible characters made visible for messages and pictures (`showInvisible`).
 */

/** Characters that print as nothing or move the cursor: controls, format characters, odd spaces. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu;

/**
 * `text` with every invisible character (a control character such as NUL, a format character such as the
 * byte-order mark, an unusual space) shown as its code point, `<U+0000>`; tabs stay. Error messages quote
 * source text through it, so what is wrong can be seen.
 */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) =>
    c === "\t" ? c : `<U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}>`,
  );
}
