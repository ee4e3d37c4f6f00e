/**
 * The playground's state as a URL hash, so a view can be shared as a link:
 * `#view=expression&src=a%20%3D%202…&input=a&h=0.001`, `#view=train&dataset=moons&hidden=16,16…`,
 * `#view=gpt`, `#view=data` or `#view=lecture&lesson=5`. `VIEWS` is the one list of the views a link can name. `decodeState` treats the hash as
 * untrusted input: sizes are capped, every value is validated, and a bad value falls back to its default
 * with a message (the program text is parsed later by the editor, with the same error reporting as typed
 * text). `encodeState` keeps to the same caps: a state too long to read back is written without it, and
 * says so.
 */
import {
  type ExpressionState,
  expressionParams,
  MAX_SOURCE_LENGTH,
  readExpression,
} from "./expression/expression-link.js";
import { type LectureState, lectureParams, readLecture } from "./lecture/lecture-link.js";
import { readTrain, type TrainState, trainParams } from "./train/train-link.js";

/** Every view a link can open, in tab order. */
export const VIEWS = ["expression", "train", "gpt", "data", "lecture"] as const;
/** A view's name. */
export type ViewName = (typeof VIEWS)[number];

/** Longest hash accepted (characters, without the "#"). */
export const MAX_HASH_LENGTH = 100_000;

/** A view whose link carries nothing but its name. */
export interface PlainState {
  view: Exclude<ViewName, "expression" | "train" | "lecture">;
}

/** Any view's state. */
export type ShareState = ExpressionState | TrainState | LectureState | PlainState;

/** A decoded hash: the state (null if the hash names no state) and one message per rejected value. */
export interface DecodedState {
  state: ShareState | null;
  errors: string[];
}

/** An encoded state: the hash, and why the state was left out of it (null when it was not). */
export interface EncodedState {
  hash: string;
  tooLong: string | null;
}

function hashOf(view: ViewName, params: [string, string][]): string {
  return `#${new URLSearchParams([["view", view], ...params]).toString()}`;
}

/**
 * The URL hash (with the leading "#") for a state, within the reader's caps: a program longer than
 * `MAX_SOURCE_LENGTH`, or a state whose hash would be longer than `MAX_HASH_LENGTH`, is left out (the
 * hash then names only the view) and `tooLong` says why.
 */
export function encodeState(state: ShareState): EncodedState {
  if (state.view === "expression" && state.source.length > MAX_SOURCE_LENGTH) {
    return {
      hash: hashOf("expression", []),
      tooLong: `This program is too long to share as a link (${state.source.length.toLocaleString("en-US")} characters; a link holds at most ${MAX_SOURCE_LENGTH.toLocaleString("en-US")}).`,
    };
  }
  const params =
    state.view === "expression"
      ? expressionParams(state)
      : state.view === "train"
        ? trainParams(state)
        : state.view === "lecture"
          ? lectureParams(state)
          : [];
  const hash = hashOf(state.view, params);
  if (hash.length - 1 > MAX_HASH_LENGTH) {
    return {
      hash: hashOf(state.view, []),
      tooLong: `This ${state.view === "expression" ? "program" : "view's state"} is too long to share as a link (${(hash.length - 1).toLocaleString("en-US")} characters of link; at most ${MAX_HASH_LENGTH.toLocaleString("en-US")}).`,
    };
  }
  return { hash, tooLong: null };
}

/** Reads a state from a URL hash (with or without the "#"); never throws. */
export function decodeState(hash: string): DecodedState {
  if (typeof hash !== "string") return { state: null, errors: ["the link's state is not text"] };
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  if (text === "") return { state: null, errors: [] };
  if (text.length > MAX_HASH_LENGTH) {
    return {
      state: null,
      errors: [`the link's state is too long (${text.length} characters, at most ${MAX_HASH_LENGTH})`],
    };
  }
  const p = new URLSearchParams(text);
  const errors: string[] = [];
  const keys = new Set<string>();
  for (const key of p.keys()) {
    if (keys.has(key)) errors.push(`link: "${key.slice(0, 40)}" appears more than once; using the first`);
    keys.add(key);
  }
  const view = p.get("view");
  if (view === "expression") {
    const state = readExpression(p, keys, errors);
    return state ? { state, errors } : { state: null, errors: errors.slice(-1) };
  }
  if (view === "train") return { state: readTrain(p, keys, errors), errors };
  if (view === "lecture") return { state: readLecture(p, keys, errors), errors };
  const plain = VIEWS.find((v) => v === view);
  if (plain !== undefined && plain !== "expression" && plain !== "train" && plain !== "lecture") {
    for (const key of keys) if (key !== "view") errors.push(`link: unknown setting "${key.slice(0, 40)}"`);
    return { state: { view: plain }, errors };
  }
  return {
    state: null,
    errors: [
      `link: view ${JSON.stringify((view ?? "").slice(0, 40))} is not one of ${VIEWS.map((v) => `"${v}"`).join(", ")}`,
    ],
  };
}
