/**
 * The training view's decision boundary: a heat map of the predicted class with the data points on
 * top, axes x1 (across) and x2 (up) with ticks, and the mapping from a click on it back to the plane.
 */

import { CLASS_COLORS } from "micrograd-ts";
import { axisTicks } from "../shared/axes.js";
import { whiteCanvas } from "../shared/canvas.js";
import type { Bounds, Grid } from "../shared/grid.js";
import { gridImage, type PlaneMap, planeMapImage } from "./plane-maps.js";

/** Margins (CSS px) around the heat map for the axes' ticks and names. */
const MARGIN = { left: 30, right: 8, top: 8, bottom: 24 } as const;

/** Where the heat map sits in a canvas of CSS size w x h (the rest holds the axes). */
export function plotArea(w: number, h: number): { x: number; y: number; w: number; h: number } {
  return {
    x: MARGIN.left,
    y: MARGIN.top,
    w: Math.max(1, w - MARGIN.left - MARGIN.right),
    h: Math.max(1, h - MARGIN.top - MARGIN.bottom),
  };
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
  /** A neuron's map to show instead of the decision grid (hovered or focused in the network), or null. */
  neuron: (PlaneMap & { label: string }) | null;
}

/** Draws the heat map, the axes and the points. */
export function drawBoundary(canvas: HTMLCanvasElement, pic: BoundaryPicture): void {
  const blank = whiteCanvas(canvas);
  if (!blank) return;
  const { ctx } = blank;
  const { grid, bounds } = pic;
  const a = plotArea(blank.w, blank.h);
  if (pic.neuron) {
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(planeMapImage(pic.neuron), a.x, a.y, a.w, a.h);
  } else if (grid) {
    ctx.imageSmoothingEnabled = !pic.discretize;
    ctx.drawImage(gridImage(grid, pic.discretize), a.x, a.y, a.w, a.h);
  }
  const px = (x: number) => a.x + ((x - bounds.x0) / (bounds.x1 - bounds.x0)) * a.w;
  const py = (y: number) => a.y + ((bounds.y1 - y) / (bounds.y1 - bounds.y0)) * a.h;
  // axes: a frame, ticks and their values, the names x1 (across) and x2 (up)
  ctx.strokeStyle = "#8a939e";
  ctx.lineWidth = 1;
  ctx.strokeRect(a.x - 0.5, a.y - 0.5, a.w + 1, a.h + 1);
  ctx.fillStyle = "#333";
  ctx.font = "11px system-ui, sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.beginPath();
  for (const t of axisTicks(bounds.x0, bounds.x1)) {
    ctx.moveTo(px(t), a.y + a.h);
    ctx.lineTo(px(t), a.y + a.h + 4);
    ctx.fillText(String(t), px(t), a.y + a.h + 6);
  }
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const t of axisTicks(bounds.y0, bounds.y1)) {
    ctx.moveTo(a.x - 4, py(t));
    ctx.lineTo(a.x, py(t));
    ctx.fillText(String(t), a.x - 6, py(t));
  }
  ctx.stroke();
  ctx.font = "italic 12px system-ui, sans-serif";
  ctx.textAlign = "right";
  ctx.textBaseline = "top";
  ctx.fillText("x1", a.x + a.w, a.y + a.h + 6);
  ctx.textAlign = "left";
  ctx.fillText("x2", 2, a.y);
  ctx.textBaseline = "alphabetic";
  const radius = Math.max(3, Math.min(6, a.w / 90));
  ctx.save();
  ctx.beginPath();
  ctx.rect(a.x, a.y, a.w, a.h);
  ctx.clip(); // points near the edge stay inside the plot
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
  // the sample shown in "One sample through the network" (the legend under the plot says so)
  const hp = pic.x[pic.highlight];
  if (hp) {
    ctx.beginPath();
    ctx.arc(px(hp[0]), py(hp[1]), radius + 4, 0, 2 * Math.PI);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = "#111";
    ctx.stroke();
  }
  if (pic.cursor) {
    const cx = a.x + pic.cursor.u * a.w;
    const cy = a.y + pic.cursor.v * a.h;
    ctx.strokeStyle = "#111";
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(cx - 10, cy);
    ctx.lineTo(cx + 10, cy);
    ctx.moveTo(cx, cy - 10);
    ctx.lineTo(cx, cy + 10);
    ctx.stroke();
  }
  ctx.restore();
  if (pic.neuron) {
    // which neuron the plane shows, on a white box at the top left
    ctx.font = "600 12px system-ui, sans-serif";
    const text = `${pic.neuron.label} (blue +, orange −)`;
    const tw = ctx.measureText(text).width;
    ctx.fillStyle = "rgba(255, 255, 255, 0.9)";
    ctx.fillRect(a.x + 4, a.y + 4, tw + 10, 20);
    ctx.fillStyle = "#111";
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    ctx.fillText(text, a.x + 9, a.y + 14);
    ctx.textBaseline = "alphabetic";
  }
}

/** Maps a click on the boundary canvas to data coordinates; null when it is outside the heat map. */
export function canvasToData(
  canvas: HTMLCanvasElement,
  bounds: Bounds,
  clientX: number,
  clientY: number,
): { x: number; y: number } | null {
  const r = canvas.getBoundingClientRect();
  const a = plotArea(r.width, r.height);
  const u = (clientX - r.left - a.x) / a.w;
  const v = (clientY - r.top - a.y) / a.h;
  if (u < 0 || u > 1 || v < 0 || v > 1) return null;
  return { x: bounds.x0 + u * (bounds.x1 - bounds.x0), y: bounds.y1 - v * (bounds.y1 - bounds.y0) };
}
