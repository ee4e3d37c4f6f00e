/**
 * The lecture view's part of a share link: `view=lecture&lesson=5`, written from its state and read back
 * from untrusted text (a bad lesson opens lesson 1, with a message).
 */

/** How many lessons the lecture view has (the video's 17 chapters and the exercises). */
export const LESSON_COUNT = 18;

/** The lecture view's shareable state: the open lesson. */
export interface LectureState {
  view: "lecture";
  /** 1-based, from 1 to `LESSON_COUNT`. */
  lesson: number;
}

/** The link's settings for a lecture state (after `view`). */
export function lectureParams(state: LectureState): [string, string][] {
  return [["lesson", String(state.lesson)]];
}

/**
 * Reads a lecture state from a link's settings (`keys`: each key once); messages for the values it
 * replaced go to `errors`.
 */
export function readLecture(p: URLSearchParams, keys: ReadonlySet<string>, errors: string[]): LectureState {
  const text = p.get("lesson");
  const n = text !== null && /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (text !== null && !(n >= 1 && n <= LESSON_COUNT))
    errors.push(
      `link: lesson ${JSON.stringify(text.slice(0, 40))} must be a whole number from 1 to ${LESSON_COUNT}; opened lesson 1`,
    );
  for (const key of keys) {
    if (key !== "view" && key !== "lesson") errors.push(`link: unknown setting "${key.slice(0, 40)}"`);
  }
  return { view: "lecture", lesson: n >= 1 && n <= LESSON_COUNT ? n : 1 };
}
