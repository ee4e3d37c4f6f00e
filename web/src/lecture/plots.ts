/**
 * The lecture view's two drawings: a function over an interval with the secant through x and x + h
 * (chapter 2), and a loss per step (the MLP lesson). Both paint on a white canvas sized to its CSS box
 * (`whiteCanvas` of shared/canvas.ts).
 */

import { axisTicks, tickText } from "../shared/axes.js";
import { whiteCanvas } from "../shared/canvas.js";

const AXIS = "#444";
const GRID = "#e3e6ea";
const CURVE = "#0072b2";
const SECANT = "#d55e00";

/** A function plot: samples of f, and the secant's two points. */
export interface FunctionPicture {
  xs: readonly number[];
  ys: readonly number[];
  /** The secant's points (x, f(x)) and (x + h, f(x + h)); null: none. */
  secant: { x: number; fx: number; xh: number; fxh: number } | null;
}

/** Draws f over its samples, the secant as a line through its two points extended across the plot. */
export function drawFunction(canvas: HTMLCanvasElement, pic: FunctionPicture): void {
  const blank = whiteCanvas(canvas);
  if (!blank) return;
  const { ctx, w, h } = blank;
  const left = 44;
  const right = 10;
  const top = 10;
  const bottom = 24;
  const pw = w - left - right;
  const ph = h - top - bottom;
  const finite = pic.ys.filter(Number.isFinite);
  if (pic.xs.length < 2 || finite.length === 0) return;
  const x0 = pic.xs[0] as number;
  const x1 = pic.xs[pic.xs.length - 1] as number;
  let y0 = Math.min(...finite);
  let y1 = Math.max(...finite);
  if (y1 - y0 < 1e-12) {
    y0 -= 1;
    y1 += 1;
  }
  const X = (x: number) => left + ((x - x0) / (x1 - x0)) * pw;
  const Y = (y: number) => top + ph - ((y - y0) / (y1 - y0)) * ph;
  ctx.font = "11px system-ui, sans-serif";
  ctx.lineWidth = 1;
  ctx.fillStyle = AXIS;
  ctx.textAlign = "right";
  for (const v of axisTicks(y0, y1)) {
    ctx.strokeStyle = GRID;
    ctx.beginPath();
    ctx.moveTo(left, Y(v));
    ctx.lineTo(left + pw, Y(v));
    ctx.stroke();
    ctx.fillText(String(v), left - 4, Y(v) + 4);
  }
  ctx.textAlign = "center";
  for (const v of axisTicks(x0, x1)) {
    ctx.strokeStyle = GRID;
    ctx.beginPath();
    ctx.moveTo(X(v), top);
    ctx.lineTo(X(v), top + ph);
    ctx.stroke();
    ctx.fillText(String(v), X(v), h - 8);
  }
  ctx.strokeStyle = "#ccc";
  ctx.strokeRect(left, top, pw, ph);
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, pw, ph);
  ctx.clip();
  ctx.strokeStyle = CURVE;
  ctx.lineWidth = 2;
  ctx.beginPath();
  let started = false;
  pic.xs.forEach((x, i) => {
    const y = pic.ys[i] as number;
    if (!Number.isFinite(y)) {
      started = false;
      return;
    }
    if (started) ctx.lineTo(X(x), Y(y));
    else ctx.moveTo(X(x), Y(y));
    started = true;
  });
  ctx.stroke();
  const s = pic.secant;
  if (s && Number.isFinite(s.fx) && Number.isFinite(s.fxh)) {
    const slope = s.xh !== s.x ? (s.fxh - s.fx) / (s.xh - s.x) : 0;
    ctx.strokeStyle = SECANT;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(X(x0), Y(s.fx + slope * (x0 - s.x)));
    ctx.lineTo(X(x1), Y(s.fx + slope * (x1 - s.x)));
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = SECANT;
    for (const [px, py] of [
      [s.x, s.fx],
      [s.xh, s.fxh],
    ] as const) {
      ctx.beginPath();
      ctx.arc(X(px), Y(py), 4, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.restore();
}

/** A second run drawn under the main one, dashed, for comparison (e.g. the same run with zero_grad). */
export interface ReferenceLosses {
  losses: readonly number[];
  label: string;
}

/**
 * Draws losses against the step (0 … steps − 1), linear scale from 0; `reference`, if given, dashed and
 * grey under them, with a legend naming both.
 */
export function drawLosses(
  canvas: HTMLCanvasElement,
  losses: readonly number[],
  steps: number,
  reference?: ReferenceLosses & { mainLabel: string },
): void {
  const blank = whiteCanvas(canvas);
  if (!blank) return;
  const { ctx, w, h } = blank;
  const left = 44;
  const right = 10;
  const top = 10;
  const bottom = 24;
  const pw = w - left - right;
  const ph = h - top - bottom;
  const finite = [...losses, ...(reference?.losses ?? [])].filter(Number.isFinite);
  const hi = Math.max(1e-9, ...finite);
  const X = (i: number) => left + (steps > 1 ? (i / (steps - 1)) * pw : pw / 2);
  const Y = (l: number) => top + ph - (Math.min(l, hi) / hi) * ph;
  ctx.font = "11px system-ui, sans-serif";
  ctx.fillStyle = AXIS;
  ctx.textAlign = "right";
  for (const v of axisTicks(0, hi, 4)) {
    ctx.strokeStyle = GRID;
    ctx.beginPath();
    ctx.moveTo(left, Y(v));
    ctx.lineTo(left + pw, Y(v));
    ctx.stroke();
    ctx.fillText(tickText(v), left - 4, Y(v) + 4);
  }
  ctx.strokeStyle = "#ccc";
  ctx.strokeRect(left, top, pw, ph);
  ctx.textAlign = "center";
  ctx.fillText(`step (0 – ${steps - 1})`, left + pw / 2, h - 8);
  if (reference) {
    ctx.strokeStyle = "#777";
    ctx.lineWidth = 1.5;
    ctx.setLineDash([5, 4]);
    ctx.beginPath();
    reference.losses.forEach((l, i) => {
      if (i === 0) ctx.moveTo(X(i), Y(l));
      else ctx.lineTo(X(i), Y(l));
    });
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.textAlign = "right";
    ctx.fillStyle = "#c0392b";
    ctx.fillText(`── ${reference.mainLabel}`, left + pw - 6, top + 14);
    ctx.fillStyle = "#666";
    ctx.fillText(`- - ${reference.label}`, left + pw - 6, top + 28);
  }
  ctx.strokeStyle = "#c0392b";
  ctx.fillStyle = "#c0392b";
  ctx.lineWidth = 2;
  ctx.beginPath();
  losses.forEach((l, i) => {
    if (i === 0) ctx.moveTo(X(i), Y(l));
    else ctx.lineTo(X(i), Y(l));
  });
  ctx.stroke();
  losses.forEach((l, i) => {
    ctx.beginPath();
    ctx.arc(X(i), Y(l), 2.5, 0, 2 * Math.PI);
    ctx.fill();
  });
}
