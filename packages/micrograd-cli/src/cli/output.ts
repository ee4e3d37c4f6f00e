/**
 * Small shared pieces of the commands: number formatting, the pictures every training command draws
 * (decision boundary, loss and accuracy curves) and the model file, written through an `OutputSet`.
 */
import { CompiledForward, type MLP } from "micrograd-ts";
import { CLASS_COLORS, curvesSvg, decisionBoundarySvg } from "../render/plots.js";
import { svgToPng } from "../render/render.js";
import type { OutputSet } from "./files.js";

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

/** `1 point`, `100 points`: a count and a noun, plural unless the count is 1. */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}

/** Adds `<base>.svg` and `<base>.png` to `set`. */
export function addSvgAndPng(set: OutputSet, base: string, svg: string): void {
  set.add(`${base}.svg`, svg);
  set.add(`${base}.png`, svgToPng(svg));
}

/** The file names `base` stands for in `addSvgAndPng`. */
export function svgAndPng(base: string): string[] {
  return [`${base}.svg`, `${base}.png`];
}

/**
 * The decision boundary of a 2-input model over its data, smooth (from the model's scores): the model's
 * own forward compiled once for the mesh (the library's `CompiledForward`, as the playground's grid).
 */
export function modelBoundarySvg(
  model: MLP,
  data: { x: readonly (readonly number[])[]; y: readonly number[] },
  nClasses: number,
  title: string,
  margin?: number,
): string {
  const forward = new CompiledForward(model);
  return decisionBoundarySvg({
    x: data.x,
    y: data.y,
    nClasses,
    scoreMesh: (points) => forward.outputs(points),
    title,
    ...(margin === undefined ? {} : { margin }),
  });
}

/** Loss and accuracy per step, side by side (the loss on a log scale when it falls over two decades). */
export function lossAccuracySvg(
  lossTitle: string,
  losses: readonly number[],
  accuracies: readonly number[],
): string {
  return curvesSvg([
    { title: lossTitle, series: [{ label: "loss", values: losses }] },
    {
      title: "accuracy",
      yLabel: "%",
      yRange: [0, 100],
      series: [{ label: "accuracy", values: accuracies.map((a) => a * 100), color: CLASS_COLORS[1] }],
    },
  ]);
}

/** Prints `wrote:` and the paths. */
export function printWritten(paths: readonly string[]): void {
  console.log("wrote:");
  for (const p of paths) console.log(`  ${p}`);
}

/** Seconds since `start` (from performance.now()), as "1.23 s". */
export function elapsed(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(2)} s`;
}
