/**
 * Loss and accuracy curves against the step: the data loss on a log scale (with a floor, so a loss of
 * exactly 0 sits on it instead of falling out of the plot) or a linear one, and the accuracy in percent.
 */
import { whiteCanvas } from "./canvas.js";
import { lossText, percent } from "./format.js";

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

/**
 * The data loss (left axis; `scale`; train solid, test dashed) and the accuracy (0-100 %, right axis;
 * train solid, test dashed) against the step.
 */
export function drawCurves(canvas: HTMLCanvasElement, points: readonly CurvePoint[], scale: LossScale): void {
  const blank = whiteCanvas(canvas);
  if (!blank) return;
  const { ctx, w, h } = blank;
  const left = 46;
  const right = 44;
  const top = 22;
  const bottom = 24;
  const pw = w - left - right;
  const ph = h - top - bottom;
  const last = points[points.length - 1];
  const steps = Math.max(1, last ? last.step : 0);
  ctx.font = "12px system-ui, sans-serif";
  ctx.strokeStyle = "#ccc";
  ctx.lineWidth = 1;
  ctx.strokeRect(left, top, pw, ph);
  ctx.fillStyle = "#444";
  ctx.textAlign = "center";
  ctx.fillText(`step (0 – ${steps})`, left + pw / 2, h - 6);
  const x = (step: number) => left + (step / steps) * pw;
  const line = (
    value: (p: CurvePoint) => number,
    y: (v: number) => number,
    color: string,
    dash: number[],
  ) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.8;
    ctx.setLineDash(dash);
    ctx.beginPath();
    let started = false;
    for (const p of points) {
      const v = value(p);
      if (!Number.isFinite(v)) {
        started = false;
        continue;
      }
      if (started) ctx.lineTo(x(p.step), y(v));
      else ctx.moveTo(x(p.step), y(v));
      started = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
  };
  const axis = lossAxis(
    points.flatMap((p) => [p.trainLoss, p.testLoss]),
    scale,
  );
  if (axis) {
    const y = (l: number) => top + ph - axis.at(l) * ph;
    line((p) => p.trainLoss, y, "#c0392b", []);
    line((p) => p.testLoss, y, "#c0392b", [5, 4]);
    ctx.fillStyle = "#c0392b";
    ctx.textAlign = "right";
    ctx.fillText(tickText(axis.hi), left - 4, top + 9);
    ctx.fillText(`${axis.floored ? "≤" : ""}${tickText(axis.lo)}`, left - 4, top + ph);
    ctx.save();
    ctx.translate(12, top + ph / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.fillText(`data loss (${scale})`, 0, 0);
    ctx.restore();
  }
  if (points.length > 0) {
    const y = (a: number) => top + ph - a * ph;
    line((p) => p.trainAccuracy, y, "#1f6fb2", []);
    line((p) => p.testAccuracy, y, "#1f6fb2", [5, 4]);
    ctx.fillStyle = "#1f6fb2";
    ctx.textAlign = "left";
    ctx.fillText("100%", left + pw + 4, top + 9);
    ctx.fillText("0%", left + pw + 4, top + ph);
    ctx.save();
    ctx.translate(w - 8, top + ph / 2);
    ctx.rotate(Math.PI / 2);
    ctx.textAlign = "center";
    ctx.fillText("accuracy", 0, 0);
    ctx.restore();
  }
  // legend: solid = train, dashed = test
  ctx.fillStyle = "#444";
  ctx.textAlign = "left";
  ctx.strokeStyle = "#444";
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(left, 10);
  ctx.lineTo(left + 22, 10);
  ctx.stroke();
  ctx.fillText("train", left + 26, 14);
  ctx.setLineDash([5, 4]);
  ctx.beginPath();
  ctx.moveTo(left + 70, 10);
  ctx.lineTo(left + 92, 10);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillText("test", left + 96, 14);
}
