/**
 * The training view's part of a share link: `view=train&dataset=moons&hidden=16,16…&points=…`, written
 * from its state and read back from untrusted text (each value validated; a bad one keeps its default,
 * with a message).
 */

import { FULL_SPEED, parseSpeed, SPEEDS, speedText } from "../shared/speed.js";
import {
  type AddedPoint,
  parsePoints,
  parseTrainSettings,
  pointsText,
  type TrainConfig,
  type TrainSettings,
  trainSettingsOf,
} from "../shared/train-config.js";

/** The training view's shareable state. */
export interface TrainState {
  view: "train";
  config: TrainConfig;
  /** Points clicked into the training set. */
  points: AddedPoint[];
  /** Hard classes in the boundary plot instead of shading by confidence. */
  discretize: boolean;
  /** Steps per second while playing, one of `SPEEDS` (absent: as fast as it goes). */
  speed?: number;
}

/** The link's settings for a training state (after `view`), in order. */
export function trainParams(state: TrainState): [string, string][] {
  const params: [string, string][] = Object.entries(trainSettingsOf(state.config));
  if (state.discretize) params.push(["discretize", "1"]);
  if (state.speed !== undefined && state.speed !== FULL_SPEED) params.push(["speed", speedText(state.speed)]);
  if (state.points.length > 0) params.push(["points", pointsText(state.points)]);
  return params;
}

/**
 * Reads a training state from a link's settings (`keys`: each key once); messages for the values it
 * replaced by defaults go to `errors`.
 */
export function readTrain(p: URLSearchParams, keys: ReadonlySet<string>, errors: string[]): TrainState {
  // a prototype-less record, so a key like "__proto__" is just an unknown setting
  const settings: Record<string, string> = Object.create(null);
  for (const key of keys) {
    if (!["view", "points", "discretize", "speed"].includes(key)) settings[key] = p.get(key) as string;
  }
  const parsed = parseTrainSettings(settings as TrainSettings);
  const points = parsePoints(p.get("points") ?? "", parsed.config.dataset);
  const d = p.get("discretize");
  if (d !== null && d !== "0" && d !== "1") errors.push(`link: discretize must be 0 or 1`);
  const speedParam = p.get("speed");
  const speed = speedParam === null ? undefined : parseSpeed(speedParam);
  if (speedParam !== null && speed === undefined) {
    const stops = SPEEDS.filter((s) => s !== FULL_SPEED).join(", ");
    errors.push(
      `link: speed ${JSON.stringify(speedParam.slice(0, 40))} must be one of ${stops} (steps per second) or max`,
    );
  }
  errors.push(...[...parsed.errors, ...points.errors].map((e) => `link: ${e}`));
  const state: TrainState = {
    view: "train",
    config: parsed.config,
    points: points.points,
    discretize: d === "1",
  };
  if (speed !== undefined && speed !== FULL_SPEED) state.speed = speed;
  return state;
}
