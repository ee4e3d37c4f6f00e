/**
 * Axes for the canvas plots, without any drawing: round ticks, the loss axis of the curves (log with a
 * floor, or linear) and the curves' description in words (their accessible name).
 */
import { lossText, percent } from "./format.js";

/**
 * Round tick values from lo to hi, 1, 2 or 5 times a power of ten apart, about `count` of them; a flat
 * range gives its one value, a range that is not finite none.
 */
export function axisTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step); k * step <= hi + step * 1e-9; k++) {
    ticks.push(Number((k * step).toPrecision(12)) || 0); // no -0, no 0.30000000000000004
  }
  return ticks;
}

/** One point of the curves: the step and the train / test loss and accuracy there (NaN: none). */
export interface CurvePoint {
  step: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
}

/** How the loss axis is scaled. */
export type LossScale = "log" | "linear";

/** The log axis spans at most this many powers of ten: lower losses (and 0) are drawn on its floor. */
export const LOG_DECADES = 4;

/** The loss axis: its lowest and highest value and where a loss goes on it (0 bottom, 1 top). */
export interface LossAxis {
  lo: number;
  hi: number;
  /** True when the log axis cut losses below `lo` (they are drawn at `lo`). */
  floored: boolean;
  at(loss: number): number;
}

/**
 * The loss axis for these losses (non-finite ones are ignored). Linear: from 0 to the highest loss.
 * Log: from the lowest positive loss to the highest, but at most `LOG_DECADES` powers of ten; losses
 * below the bottom, 0 included, are drawn on it. Null when there is no loss to show.
 */
export function lossAxis(losses: readonly number[], scale: LossScale): LossAxis | null {
  const finite = losses.filter((l) => Number.isFinite(l) && l >= 0);
  if (finite.length === 0) return null;
  const max = Math.max(...finite);
  if (scale === "linear") {
    const hi = max > 0 ? max : 1;
    return { lo: 0, hi, floored: false, at: (l) => Math.min(1, Math.max(0, l / hi)) };
  }
  const positive = finite.filter((l) => l > 0);
  if (positive.length === 0) {
    // every loss is 0: one decade, 0 on its floor
    return { lo: 0.1, hi: 1, floored: true, at: () => 0 };
  }
  let hiLog = Math.log10(max);
  let loLog = Math.max(Math.log10(Math.min(...positive)), hiLog - LOG_DECADES);
  if (hiLog - loLog < 1e-9) {
    loLog -= 0.5;
    hiLog += 0.5;
  }
  const floored = finite.some((l) => l < 10 ** loLog);
  return {
    lo: 10 ** loLog,
    hi: 10 ** hiLog,
    floored,
    at: (l) => (l > 0 ? Math.min(1, Math.max(0, (Math.log10(l) - loLog) / (hiLog - loLog))) : 0),
  };
}

/** A loss for an axis label: 2 significant digits, or an exponent for very small or large ones. */
export function tickText(v: number): string {
  return v === 0 || (v >= 0.01 && v < 1000) ? Number(v.toPrecision(2)).toString() : v.toExponential(0);
}

/** What the curves show, in words (the canvas's accessible name): the scale and the last values. */
export function curvesLabel(points: readonly CurvePoint[], scale: LossScale): string {
  const head = `Data loss (${scale} scale) and accuracy curves: training solid, test dashed`;
  const last = points[points.length - 1];
  if (!last) return `${head}; no steps yet.`;
  return (
    `${head}. At step ${last.step}: train data loss ${lossText(last.trainLoss)}, test data loss ${lossText(last.testLoss)}, ` +
    `train accuracy ${percent(last.trainAccuracy)}, test accuracy ${percent(last.testAccuracy)}.`
  );
}
