/**
 * Small shared pieces of the commands: number formatting, and writing a picture as SVG and PNG.
 */
import { type WriteOptions, writeOutput } from "../render/files.js";
import { svgToPng } from "../render/render.js";

/** A number as Python prints a float (`50.0`, `0.123`), as micrograd's notebook output shows it. */
export function pyFloat(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return x.toFixed(1);
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const ax = Math.abs(x);
  if (ax !== 0 && (ax < 1e-4 || ax >= 1e16)) {
    // Python switches to exponent notation here, with at least two exponent digits: 1e-05, 1.5e+16
    return x.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
  }
  return String(x);
}

/** The notebook's line for one step: `step K loss L, accuracy A%`. */
export function stepLine(step: number, loss: number, accuracy: number): string {
  return `step ${step} loss ${pyFloat(loss)}, accuracy ${pyFloat(accuracy * 100)}%`;
}

/** Writes `<base>.svg` and `<base>.png`; returns both paths. */
export function writeSvgAndPng(base: string, svg: string, options: WriteOptions = {}): string[] {
  return [writeOutput(`${base}.svg`, svg, options), writeOutput(`${base}.png`, svgToPng(svg), options)];
}

/** Seconds since `start` (from performance.now()), as "1.23 s". */
export function elapsed(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(2)} s`;
}
