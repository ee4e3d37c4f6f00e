/**
 * The playground's state as a URL hash, so a view can be shared as a link:
 * `#view=expression&src=a%20%3D%202…&input=a&h=0.001`, `#view=train&dataset=moons&hidden=16,16…` or
 * `#view=lecture&lesson=5`.
 * `decodeState` treats the hash as untrusted input: sizes are capped, every value is validated, and a
 * bad value falls back to its default with a message (the program text is parsed later by the editor,
 * with the same error reporting as typed text).
 */
import {
  type AddedPoint,
  parsePoints,
  parseTrainSettings,
  pointsText,
  type TrainConfig,
  type TrainSettings,
  trainSettingsOf,
} from "./train-config.js";

/** Longest hash accepted (characters). */
export const MAX_HASH_LENGTH = 100_000;
/** Longest program accepted from a URL (characters). */
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

/** The training view's shareable state. */
export interface TrainState {
  view: "train";
  config: TrainConfig;
  /** Points clicked into the training set. */
  points: AddedPoint[];
  /** Hard classes in the boundary plot instead of shading by confidence. */
  discretize: boolean;
}

/** The lecture view's shareable state: the open lesson. */
export interface LectureState {
  view: "lecture";
  /** 1-based, from 1 to `LESSON_COUNT`. */
  lesson: number;
}

/** How many lessons the lecture view has (the video's 17 chapters and the exercises). */
export const LESSON_COUNT = 18;

/** Any view's state. */
export type ShareState = ExpressionState | TrainState | LectureState;

/** A decoded hash: the state (null if the hash names no state) and one message per rejected value. */
export interface DecodedState {
  state: ShareState | null;
  errors: string[];
}

/** An input key: a name (a Python identifier, any script), or `name#k` for the k-th number assignment of a reused name. */
const INPUT = /^[\p{XID_Start}_]\p{XID_Continue}{0,63}(#[1-9][0-9]{0,4})?$/u;

/** Checks a nudge step: a finite, non-zero number with |h| from 1e-12 to 1000. */
export function validH(h: number): boolean {
  return Number.isFinite(h) && Math.abs(h) >= 1e-12 && Math.abs(h) <= 1000;
}

/** The URL hash (with the leading "#") for a state. */
export function encodeState(state: ShareState): string {
  const p = new URLSearchParams();
  if (state.view === "lecture") {
    p.set("view", "lecture");
    p.set("lesson", String(state.lesson));
  } else if (state.view === "expression") {
    p.set("view", "expression");
    p.set("src", state.source);
    if (state.input !== undefined) p.set("input", state.input);
    if (state.h !== undefined) p.set("h", String(state.h));
  } else {
    p.set("view", "train");
    for (const [k, v] of Object.entries(trainSettingsOf(state.config))) p.set(k, v);
    if (state.discretize) p.set("discretize", "1");
    if (state.points.length > 0) p.set("points", pointsText(state.points));
  }
  return `#${p.toString()}`;
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
  const seen = new Set<string>();
  for (const key of p.keys()) {
    if (seen.has(key)) errors.push(`link: "${key.slice(0, 40)}" appears more than once; using the first`);
    seen.add(key);
  }
  const view = p.get("view");
  if (view === "expression") {
    const source = p.get("src") ?? "";
    if (source.length > MAX_SOURCE_LENGTH) {
      return {
        state: null,
        errors: [`link: the program is too long (${source.length} characters, at most ${MAX_SOURCE_LENGTH})`],
      };
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
    for (const key of seen) {
      if (!["view", "src", "input", "h"].includes(key))
        errors.push(`link: unknown setting "${key.slice(0, 40)}"`);
    }
    return { state, errors };
  }
  if (view === "train") {
    // a prototype-less record, so a key like "__proto__" is just an unknown setting
    const settings: Record<string, string> = Object.create(null);
    for (const key of seen) {
      if (key !== "view" && key !== "points" && key !== "discretize") settings[key] = p.get(key) as string;
    }
    const parsed = parseTrainSettings(settings as TrainSettings);
    const points = parsePoints(p.get("points") ?? "", parsed.config.dataset);
    const d = p.get("discretize");
    if (d !== null && d !== "0" && d !== "1") errors.push(`link: discretize must be 0 or 1`);
    return {
      state: { view: "train", config: parsed.config, points: points.points, discretize: d === "1" },
      errors: [...errors, ...[...parsed.errors, ...points.errors].map((e) => `link: ${e}`)],
    };
  }
  if (view === "lecture") {
    const text = p.get("lesson");
    const n = text !== null && /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
    if (text !== null && !(n >= 1 && n <= LESSON_COUNT))
      errors.push(
        `link: lesson ${JSON.stringify(text.slice(0, 40))} must be a whole number from 1 to ${LESSON_COUNT}; opened lesson 1`,
      );
    for (const key of seen) {
      if (key !== "view" && key !== "lesson") errors.push(`link: unknown setting "${key.slice(0, 40)}"`);
    }
    return { state: { view: "lecture", lesson: n >= 1 && n <= LESSON_COUNT ? n : 1 }, errors };
  }
  return {
    state: null,
    errors: [
      `link: view ${JSON.stringify((view ?? "").slice(0, 40))} is not "expression", "train" or "lecture"`,
    ],
  };
}
