/**
 * Heat maps over the plane, as images: the decision grid in its classes' colours, and one neuron's output
 * in diverging colours (blue positive, orange negative, white 0). The boundary plot and the network
 * diagram draw them.
 */
import { CLASS_COLORS } from "micrograd-ts";
import type { Grid } from "../shared/grid.js";

/** Each class's colour (the library's `CLASS_COLORS`, which the CLI's pictures use) as [r, g, b]. */
const CLASS_RGB = CLASS_COLORS.map((c) => [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16)));

const gridCanvases = new WeakMap<Grid, HTMLCanvasElement>();

/**
 * The decision grid as an image: each cell in its predicted class's colour, paler where the model is
 * unsure (or at full strength when `discretize`). Cached per grid and mode.
 */
export function gridImage(grid: Grid, discretize: boolean): HTMLCanvasElement {
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

/** A map over the plane: `res` x `res` values, rows from the top, shown divided by `scale`. */
export interface PlaneMap {
  values: ArrayLike<number>;
  res: number;
  scale: number;
}

/** Colour of a value in [-1, 1]: orange (negative) through white to blue (positive). */
export function divergingColor(t: number): [number, number, number] {
  const a = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  const [r, g, b] = a < 0 ? [213, 94, 0] : [0, 114, 178];
  const f = Math.abs(a);
  return [Math.round(255 + (r - 255) * f), Math.round(255 + (g - 255) * f), Math.round(255 + (b - 255) * f)];
}

/** Paints a map into `canvas` (sized to res x res) in the diverging colours. */
export function paintMap(canvas: HTMLCanvasElement, map: PlaneMap): void {
  canvas.width = map.res;
  canvas.height = map.res;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const img = ctx.createImageData(map.res, map.res);
  for (let i = 0; i < map.res * map.res; i++) {
    const [r, g, b] = divergingColor(map.values[i] / map.scale);
    img.data[i * 4] = r;
    img.data[i * 4 + 1] = g;
    img.data[i * 4 + 2] = b;
    img.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

/** A map as a new res x res image (for drawing it big). */
export function planeMapImage(map: PlaneMap): HTMLCanvasElement {
  const c = document.createElement("canvas");
  paintMap(c, map);
  return c;
}
