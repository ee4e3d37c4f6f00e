/**
 * Pictures in a notebook: `drawDot(root)` is the lecture's `draw_dot` (the graph under a Value as SVG,
 * label | data | grad per node, left to right) and `display(picture)` shows SVG or PNG inline in a Jupyter
 * notebook running the tslab kernel, as a picture returned by a cell shows in Python's Jupyter.
 */
import { createRequire } from "node:module";
import { type DotOptions, toDot, Value } from "micrograd-ts";
import { describeArg } from "../util/describe-arg.js";
import { dotToSvg } from "./render.js";

/**
 * The computation graph under `root` as SVG, in the style of the lecture's `draw_dot`: one record per Value
 * (label | data | grad, 4 digits), one small node per op, left to right. Show it with `display`.
 * @param options `rankdir` ("LR" default, or "TB") and `digits` (default 4), as `toDot`
 * @throws TypeError when root is not a Value
 */
export async function drawDot(root: Value, options: DotOptions = {}): Promise<string> {
  if (!(root instanceof Value)) {
    throw new TypeError(`drawDot(root): root must be a Value, got ${describeArg(root)}`);
  }
  return dotToSvg(toDot(root, options));
}

/** The part of tslab's `display` that `display` uses (tslab's `import { display } from "tslab"`). */
export interface DisplayTarget {
  svg(s: string): void;
  png(b: Uint8Array): void;
}

/** tslab's own `display`, found in the kernel process that loaded it (null outside a tslab kernel). */
function tslabDisplay(): DisplayTarget | null {
  const require = createRequire(import.meta.url);
  for (const id of Object.keys(require.cache)) {
    // the kernel always loads tslab/dist/jupyter.js; its public.js sends display data through it
    if (/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(id)) {
      return (createRequire(id)("./public.js") as { display: DisplayTarget }).display;
    }
  }
  return null;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

/**
 * Shows a picture inline in a Jupyter notebook on the tslab kernel: SVG text (from `drawDot`, `dotToSvg`,
 * `curvesSvg`, `decisionBoundarySvg`) or PNG bytes (`svgToPng`). Give `target` to send it elsewhere (any
 * object with `svg` and `png`, e.g. tslab's `display` itself).
 * @throws TypeError when the picture is neither SVG text nor PNG bytes; Error outside a tslab kernel
 */
export function display(picture: string | Uint8Array, target?: DisplayTarget): void {
  const isSvg =
    typeof picture === "string" &&
    /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s/>]/.test(picture);
  const isPng = picture instanceof Uint8Array && PNG_MAGIC.every((b, i) => picture[i] === b);
  if (!isSvg && !isPng) {
    throw new TypeError(
      `display(picture): picture must be SVG text (e.g. from drawDot or curvesSvg) or PNG bytes (from svgToPng), got ${describeArg(picture)}`,
    );
  }
  const to = target ?? tslabDisplay();
  if (to === null) {
    throw new Error(
      "display(picture): no tslab notebook kernel in this process to show the picture in; outside a notebook, write the SVG or PNG to a file",
    );
  }
  if (isSvg) to.svg(picture as string);
  else to.png(picture as Uint8Array);
}
