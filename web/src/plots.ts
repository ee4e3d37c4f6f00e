/**
 * Canvas drawings for the training view: the decision boundary (a heat map of the predicted class with
 * the data points on top) and the loss and accuracy curves.
 */
import type { Bounds, Grid } from "./trainer.js";

/** Point colours per class (colour-blind-safe: vermillion, blue, bluish green). */
export const CLASS_COLORS = ["#d55e00", "#0072b2", "#009e73"] as const;
const CLASS_RGB: [number, number, number][] = [
  [213, 94, 0],
  [0, 114, 178],
  [0, 158, 115],
];

/** Sizes a canvas's pixel buffer to its CSS size times the device pixel ratio; returns the CSS size. */
export function fitCanvas(canvas: HTMLCanvasElement): { w: number; h: number } {
  const r = canvas.getBoundingClientRect();
  const dpr = Math.min(window.devicePixelRatio || 1, 2);
  const w = Math.max(1, Math.round(r.width));
  const h = Math.max(1, Math.round(r.height));
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext("2d");
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { w, h };
}

/** What the boundary plot shows. */
export interface BoundaryPicture {
  bounds: Bounds;
  grid: Grid | null;
  x: readonly [number, number][];
  y: readonly number[];
  /** A point to ring (the sample shown in the graph), or -1. */
  highlight: number;
  /** The keyboard cross (fractions of width and height), or null when the plot has no focus. */
  cursor: { u: number; v: number } | null;
}

let gridCanvas: HTMLCanvasElement | null = null;

/** Draws the heat map and the points, filling the canvas. */
export function drawBoundary(canvas: HTMLCanvasElement, pic: BoundaryPicture): void {
  const { w, h } = fitCanvas(canvas);
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, w, h);
  const { grid, bounds } = pic;
  if (grid) {
    gridCanvas ??= document.createElement("canvas");
    gridCanvas.width = grid.res;
    gridCanvas.height = grid.res;
    const g = gridCanvas.getContext("2d");
    if (g) {
      const img = g.createImageData(grid.res, grid.res);
      for (let i = 0; i < grid.cls.length; i++) {
        const [r, gg, b] = CLASS_RGB[grid.cls[i] as number] ?? [128, 128, 128];
        const a = 0.15 + 0.45 * (grid.conf[i] as number);
        img.data[i * 4] = Math.round(255 + (r - 255) * a);
        img.data[i * 4 + 1] = Math.round(255 + (gg - 255) * a);
        img.data[i * 4 + 2] = Math.round(255 + (b - 255) * a);
        img.data[i * 4 + 3] = 255;
      }
      g.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(gridCanvas, 0, 0, w, h);
    }
  }
  const px = (x: number) => ((x - bounds.x0) / (bounds.x1 - bounds.x0)) * w;
  const py = (y: number) => ((bounds.y1 - y) / (bounds.y1 - bounds.y0)) * h;
  const radius = Math.max(3, Math.min(6, w / 90));
  pic.x.forEach((p, i) => {
    ctx.beginPath();
    ctx.arc(px(p[0]), py(p[1]), radius, 0, 2 * Math.PI);
    ctx.fillStyle = CLASS_COLORS[pic.y[i] as number] ?? "#777";
    ctx.fill();
    ctx.lineWidth = 1.2;
    ctx.strokeStyle = "#ffffff";
    ctx.stroke();
  });
  const hp = pic.x[pic.highlight];
  if (hp) {
    ctx.beginPath();
    ctx.arc(px(hp[0]), py(hp[1]), radius + 4, 0, 2 * Math.PI);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = "#111";
    ctx.stroke();
  }
  if (pic.cursor) {
    const cx = pic.cursor.u * w;
    const cy = pic.cursor.v * h;
    ctx.strokeStyle = "#111";
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(cx - 10, cy);
    ctx.lineTo(cx + 10, cy);
    ctx.moveTo(cx, cy - 10);
    ctx.lineTo(cx, cy + 10);
    ctx.stroke();
  }
}

/** Maps a click on the boundary canvas to data coordinates. */
export function canvasToData(canvas: HTMLCanvasElement, bounds: Bounds, clientX: number, clientY: number) {
  const r = canvas.getBoundingClientRect();
  return {
    x: bounds.x0 + ((clientX - r.left) / r.width) * (bounds.x1 - bounds.x0),
    y: bounds.y1 - ((clientY - r.top) / r.height) * (bounds.y1 - bounds.y0),
  };
}

/** Loss (log scale, left) and accuracy (0-100 %, right) against the step. */
export function drawCurves(
  canvas: HTMLCanvasElement,
  losses: readonly number[],
  lossStride: number,
  accuracy: readonly [number, number][],
): void {
  const { w, h } = fitCanvas(canvas);
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, w, h);
  const left = 46;
  const right = 44;
  const top = 10;
  const bottom = 24;
  const pw = w - left - right;
  const ph = h - top - bottom;
  const steps = Math.max(
    1,
    losses.length * lossStride,
    accuracy.length ? (accuracy[accuracy.length - 1] as [number, number])[0] : 0,
  );
  ctx.font = "11px system-ui, sans-serif";
  ctx.strokeStyle = "#ccc";
  ctx.lineWidth = 1;
  ctx.strokeRect(left, top, pw, ph);
  ctx.fillStyle = "#444";
  ctx.textAlign = "center";
  ctx.fillText(`step (0 – ${steps})`, left + pw / 2, h - 6);

  const finite = losses.filter((l) => Number.isFinite(l) && l > 0);
  if (finite.length > 0) {
    let lo = Math.log10(Math.min(...finite));
    let hi = Math.log10(Math.max(...finite));
    if (hi - lo < 1e-9) {
      lo -= 0.5;
      hi += 0.5;
    }
    ctx.strokeStyle = "#c0392b";
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let started = false;
    losses.forEach((l, i) => {
      if (!(Number.isFinite(l) && l > 0)) return;
      const x = left + ((i * lossStride) / steps) * pw;
      const y = top + ph - ((Math.log10(l) - lo) / (hi - lo)) * ph;
      if (started) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      started = true;
    });
    ctx.stroke();
    ctx.fillStyle = "#c0392b";
    ctx.textAlign = "right";
    ctx.fillText(`${(10 ** hi).toPrecision(2)}`, left - 4, top + 9);
    ctx.fillText(`${(10 ** lo).toPrecision(2)}`, left - 4, top + ph);
    ctx.save();
    ctx.translate(12, top + ph / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.fillText("loss (log)", 0, 0);
    ctx.restore();
  }
  if (accuracy.length > 0) {
    ctx.strokeStyle = "#1f6fb2";
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    accuracy.forEach(([s, a], i) => {
      const x = left + (s / steps) * pw;
      const y = top + ph - a * ph;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
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
}
