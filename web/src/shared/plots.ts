/**
 * Canvas drawings for the training view: the decision boundary (a heat map of the predicted class with
 * the data points on top) and the loss and accuracy curves.
 */
import { CLASS_COLORS } from "micrograd-ts";
import type { Bounds, Grid } from "./grid.js";

/** Each class's colour (the library's `CLASS_COLORS`, which the CLI's pictures use) as [r, g, b]. */
const CLASS_RGB = CLASS_COLORS.map((c) => [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16)));

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

/** Sizes the canvas to its CSS box (see `fitCanvas`) and paints it white; null without a 2-D context. */
export function whiteCanvas(
  canvas: HTMLCanvasElement,
): { ctx: CanvasRenderingContext2D; w: number; h: number } | null {
  const { w, h } = fitCanvas(canvas);
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, w, h);
  return { ctx, w, h };
}

/** What the boundary plot shows. */
export interface BoundaryPicture {
  bounds: Bounds;
  grid: Grid | null;
  /** Training points (the clicked-in ones last). */
  x: readonly [number, number][];
  y: readonly number[];
  /** How many of the training points were generated (the rest were clicked in and get a dark ring). */
  generated: number;
  /** Test points, drawn as rings. */
  testX: readonly [number, number][];
  testY: readonly number[];
  /** A point to ring (the sample shown in the graph), or -1. */
  highlight: number;
  /** The keyboard cross (fractions of width and height), or null when the plot has no focus. */
  cursor: { u: number; v: number } | null;
  /** Hard classes instead of shading by confidence. */
  discretize: boolean;
}

const gridCanvases = new WeakMap<Grid, HTMLCanvasElement>();

/**
 * The decision grid as an image: each cell in its predicted class's colour, paler where the model is
 * unsure (or at full strength when `discretize`). Cached per grid and mode.
 */
function gridImage(grid: Grid, discretize: boolean): HTMLCanvasElement {
  let c = gridCanvases.get(grid);
  if (c && c.dataset.mode === String(discretize)) return c;
  c ??= document.createElement("canvas");
  c.dataset.mode = String(discretize);
  c.width = grid.res;
  c.height = grid.res;
  const g = c.getContext("2d");
  if (g) {
    const img = g.createImageData(grid.res, grid.res);
    for (let i = 0; i < grid.cls.length; i++) {
      const [r, gg, b] = CLASS_RGB[grid.cls[i]] ?? [128, 128, 128];
      const a = discretize ? 0.45 : 0.15 + 0.45 * grid.conf[i];
      img.data[i * 4] = Math.round(255 + (r - 255) * a);
      img.data[i * 4 + 1] = Math.round(255 + (gg - 255) * a);
      img.data[i * 4 + 2] = Math.round(255 + (b - 255) * a);
      img.data[i * 4 + 3] = 255;
    }
    g.putImageData(img, 0, 0);
  }
  gridCanvases.set(grid, c);
  return c;
}

/** Draws the decision grid filling a (small) canvas: the network diagram's output neuron. */
export function drawGridImage(canvas: HTMLCanvasElement, grid: Grid, discretize: boolean): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.imageSmoothingEnabled = !discretize;
  ctx.drawImage(gridImage(grid, discretize), 0, 0, canvas.width, canvas.height);
}

/** Draws the heat map and the points, filling the canvas. */
export function drawBoundary(canvas: HTMLCanvasElement, pic: BoundaryPicture): void {
  const blank = whiteCanvas(canvas);
  if (!blank) return;
  const { ctx, w, h } = blank;
  const { grid, bounds } = pic;
  if (grid) {
    ctx.imageSmoothingEnabled = !pic.discretize;
    ctx.drawImage(gridImage(grid, pic.discretize), 0, 0, w, h);
  }
  const px = (x: number) => ((x - bounds.x0) / (bounds.x1 - bounds.x0)) * w;
  const py = (y: number) => ((bounds.y1 - y) / (bounds.y1 - bounds.y0)) * h;
  const radius = Math.max(3, Math.min(6, w / 90));
  // test points: rings in their class colour (not trained on)
  pic.testX.forEach((p, i) => {
    ctx.beginPath();
    ctx.arc(px(p[0]), py(p[1]), radius - 0.5, 0, 2 * Math.PI);
    ctx.fillStyle = "#ffffff";
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = CLASS_COLORS[pic.testY[i]] ?? "#777";
    ctx.stroke();
  });
  pic.x.forEach((p, i) => {
    ctx.beginPath();
    ctx.arc(px(p[0]), py(p[1]), radius, 0, 2 * Math.PI);
    ctx.fillStyle = CLASS_COLORS[pic.y[i]] ?? "#777";
    ctx.fill();
    ctx.lineWidth = i >= pic.generated ? 2 : 1.2;
    ctx.strokeStyle = i >= pic.generated ? "#111" : "#ffffff";
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

/** One point of the curves: the step and the train / test loss and accuracy there (NaN: none). */
export interface CurvePoint {
  step: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
}

/**
 * Loss (log scale, left axis; train solid, test dashed) and accuracy (0-100 %, right axis; train solid,
 * test dashed) against the step.
 */
export function drawCurves(canvas: HTMLCanvasElement, points: readonly CurvePoint[]): void {
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
  const losses = points.flatMap((p) => [p.trainLoss, p.testLoss]).filter((l) => Number.isFinite(l) && l > 0);
  if (losses.length > 0) {
    let lo = Math.log10(Math.min(...losses));
    let hi = Math.log10(Math.max(...losses));
    if (hi - lo < 1e-9) {
      lo -= 0.5;
      hi += 0.5;
    }
    const y = (l: number) => top + ph - ((Math.log10(Math.max(l, 10 ** lo)) - lo) / (hi - lo)) * ph;
    line((p) => p.trainLoss, y, "#c0392b", []);
    line((p) => p.testLoss, y, "#c0392b", [5, 4]);
    ctx.fillStyle = "#c0392b";
    ctx.textAlign = "right";
    const tick = (v: number) => (v >= 0.01 && v < 1000 ? v.toPrecision(2) : v.toExponential(0));
    ctx.fillText(tick(10 ** hi), left - 4, top + 9);
    ctx.fillText(tick(10 ** lo), left - 4, top + ph);
    ctx.save();
    ctx.translate(12, top + ph / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.fillText("loss (log)", 0, 0);
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
