/**
 * The expression view's part of a share link: `view=expression&src=…&input=a&h=0.001`, written from its
 * state and read back from untrusted text (each value validated; a bad one is left out with a message).
 */

/** Longest program a link carries (characters). */
export const MAX_SOURCE_LENGTH = 20_000;

/** The expression view's shareable state. */
export interface ExpressionState {
  view: "expression";
  /** The program text. */
  source: string;
  /** The input picked in the nudge panel (a name in the program), if any. */
  input?: string;
  /** The nudge step h. */
  h?: number;
}

/** An input key: a name (a Python identifier, any script), or `name#k` for the k-th number assignment of a reused name. */
const INPUT = /^[\p{XID_Start}_]\p{XID_Continue}{0,63}(#[1-9][0-9]{0,4})?$/u;

/** Checks a nudge step: a finite, non-zero number with |h| from 1e-12 to 1000. */
export function validH(h: number): boolean {
  return Number.isFinite(h) && Math.abs(h) >= 1e-12 && Math.abs(h) <= 1000;
}

/** The link's settings for an expression state (after `view`), in order. */
export function expressionParams(state: ExpressionState): [string, string][] {
  const params: [string, string][] = [["src", state.source]];
  if (state.input !== undefined) params.push(["input", state.input]);
  if (state.h !== undefined) params.push(["h", String(state.h)]);
  return params;
}

/**
 * Reads an expression state from a link's settings (`keys`: each key once); messages for the values it
 * left out go to `errors`. Null when the program is longer than `MAX_SOURCE_LENGTH`.
 */
export function readExpression(
  p: URLSearchParams,
  keys: ReadonlySet<string>,
  errors: string[],
): ExpressionState | null {
  const source = p.get("src") ?? "";
  if (source.length > MAX_SOURCE_LENGTH) {
    errors.push(`link: the program is too long (${source.length} characters, at most ${MAX_SOURCE_LENGTH})`);
    return null;
  }
  const state: ExpressionState = { view: "expression", source };
  const input = p.get("input");
  if (input !== null) {
    if (INPUT.test(input)) state.input = input;
    else errors.push(`link: input ${JSON.stringify(input.slice(0, 40))} is not an input name`);
  }
  const hText = p.get("h");
  if (hText !== null) {
    const h = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(hText) ? Number(hText) : Number.NaN;
    if (validH(h)) state.h = h;
    else
      errors.push(
        `link: h ${JSON.stringify(hText.slice(0, 40))} must be a number with |h| from 1e-12 to 1000`,
      );
  }
  for (const key of keys) {
    if (!["view", "src", "input", "h"].includes(key))
      errors.push(`link: unknown setting "${key.slice(0, 40)}"`);
  }
  return state;
}
