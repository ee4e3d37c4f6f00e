/**
 * Loss and accuracy curves against the step: the data loss on a log scale (with a floor, so a loss of
 * exactly 0 sits on it instead of falling out of the plot) or a linear one, and the accuracy in percent.
 */
import { type CurvePoint, type LossScale, lossAxis, tickText } from "./axes.js";
import { whiteCanvas } from "./canvas.js";

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
