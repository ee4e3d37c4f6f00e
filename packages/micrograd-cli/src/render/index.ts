/**
 * micrograd-cli/render: the pictures the `micrograd` command draws, for programs and notebooks. Graphviz DOT
 * (from the library's `toDot`) -> SVG with Graphviz compiled to WebAssembly, SVG -> PNG with resvg, plots
 * written as SVG (curves, a classifier's decision boundary), and `drawDot`/`display` for a Jupyter notebook
 * on the tslab kernel. Node-only (resvg is a native module); no system Graphviz or fonts needed.
 */

export { type DisplayTarget, display, drawDot } from "./notebook.js";
export {
  type BoundaryOptions,
  CLASS_COLORS,
  curvesSvg,
  decisionBoundarySvg,
  type Panel,
  type Series,
} from "./plots.js";
export {
  dotToPng,
  dotToSvg,
  dotToSvgWithin,
  LayoutTimeout,
  MAX_PNG_SIDE,
  type PngOptions,
  pngSize,
  svgToPng,
} from "./render.js";
