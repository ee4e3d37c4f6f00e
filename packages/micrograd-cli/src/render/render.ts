/**
 * Rendering without system tools: Graphviz DOT -> SVG with Graphviz compiled to WebAssembly, and
 * SVG -> PNG with resvg. Node-only (resvg is a native module).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { Graphviz } from "@hpcc-js/wasm-graphviz";
import { type RenderedImage, Resvg } from "@resvg/resvg-js";

let graphviz: Promise<Graphviz> | null = null;

/** The Graphviz WebAssembly module, loaded once and shared. */
function loadGraphviz(): Promise<Graphviz> {
  graphviz ??= Graphviz.load();
  return graphviz;
}

/**
 * Lays out a Graphviz DOT graph (e.g. from `toDot`) and returns it as SVG text.
 * @throws Error naming the Graphviz error if the DOT text is invalid
 */
export async function dotToSvg(dot: string): Promise<string> {
  if (typeof dot !== "string") throw new TypeError(`dotToSvg(dot): dot must be a string, got ${typeof dot}`);
  const gv = await loadGraphviz();
  try {
    return gv.dot(dot, "svg");
  } catch (e) {
    throw new Error(`Graphviz could not lay out the graph: ${(e as Error).message ?? String(e)}`);
  }
}

/** Layout took longer than its time limit (see `dotToSvgWithin`). */
export class LayoutTimeout extends Error {
  /** The limit in milliseconds. */
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`Graphviz did not finish the layout within ${timeoutMs / 1000} s`);
    this.name = "LayoutTimeout";
    this.timeoutMs = timeoutMs;
  }
}

// The worker loads Graphviz itself (a fresh WebAssembly instance, so a stopped layout leaves nothing
// behind); it is eval'd source, so the same code runs from src/ in tests and from dist/.
const LAYOUT_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
import(workerData.module).then(async ({ Graphviz }) => {
  const gv = await Graphviz.load();
  try {
    parentPort.postMessage({ svg: gv.dot(workerData.dot, "svg") });
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.message) || e) });
  }
});
`;

/**
 * `dotToSvg` in a worker thread, stopped after `timeoutMs`: Graphviz's layout is one synchronous call
 * that can run for minutes on some graphs (see `layoutCost`), and only a worker can be stopped mid-way.
 * Graphviz's own messages (e.g. "Out of memory") become the error's message instead of going to stderr.
 * @throws LayoutTimeout after `timeoutMs`; Error naming Graphviz's error otherwise
 */
export function dotToSvgWithin(dot: string, timeoutMs: number): Promise<string> {
  if (typeof dot !== "string")
    throw new TypeError(`dotToSvgWithin(dot): dot must be a string, got ${typeof dot}`);
  const module = pathToFileURL(createRequire(import.meta.url).resolve("@hpcc-js/wasm-graphviz")).href;
  const worker = new Worker(LAYOUT_WORKER, {
    eval: true,
    workerData: { dot, module },
    stderr: true,
    stdout: true,
  });
  let said = "";
  worker.stderr.on("data", (b: Buffer) => {
    said += b.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new LayoutTimeout(timeoutMs));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      void worker.terminate();
    };
    worker.on("message", (m: { svg?: string; error?: string }) => {
      done();
      if (m.svg !== undefined) resolve(m.svg);
      else {
        const detail = said.trim().split("\n")[0];
        const error = String(m.error)
          .trim()
          .replace(/\s*\n\s*/g, " ");
        reject(new Error(`Graphviz could not lay out the graph: ${detail ? `${detail} (${error})` : error}`));
      }
    });
    worker.on("error", (e) => {
      done();
      reject(new Error(`Graphviz could not lay out the graph: ${e.message}`));
    });
  });
}

/** Options for `svgToPng`. */
export interface PngOptions {
  /** Scale factor of the PNG relative to the SVG's size (default 2, for sharp text). */
  scale?: number;
  /** Background colour (default "white"; the PNG would be transparent otherwise). */
  background?: string;
  /**
   * The longest side in pixels (default 8,000): a bigger picture is scaled down to fit (`pngSize` says
   * whether). Some viewers refuse larger images, and a 20,000-pixel-wide graph is unreadable anyway: the
   * SVG keeps every detail.
   */
  maxSide?: number;
}

/** The default longest side of a PNG. */
export const MAX_PNG_SIDE = 8000;

/**
 * The serif font used for text. Graphviz lays out labels for Times; Tinos (Google's font with Times' metrics,
 * which Liberation Serif is derived from) ships with the package, so labels fit their boxes and a fresh
 * machine without any system fonts still renders text.
 */
export const SERIF_FONT = "Tinos";
/** The sans-serif font of the plots: Arimo, with Arial's metrics, also shipped with the package. */
export const SANS_FONT = "Arimo";

let bundledFonts: string[] | null = null;

/** Paths of the bundled TTF files (Tinos and Arimo, regular and bold), found through node's resolver. */
export function bundledFontFiles(): string[] {
  if (bundledFonts) return bundledFonts;
  const require = createRequire(import.meta.url);
  const files: string[] = [];
  for (const family of ["tinos", "arimo"]) {
    const dir = dirname(require.resolve(`@expo-google-fonts/${family}/package.json`));
    const name = family === "tinos" ? "Tinos" : "Arimo";
    files.push(
      join(dir, "400Regular", `${name}_400Regular.ttf`),
      join(dir, "700Bold", `${name}_700Bold.ttf`),
    );
  }
  bundledFonts = files;
  return files;
}

/**
 * Rasterises SVG text to a PNG (white background; Times/serif drawn with the bundled Tinos, sans-serif
 * with Arimo).
 */
export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  return rasterize(svg, options).asPng();
}

/**
 * Rasterises SVG text to pixels (what `svgToPng` encodes): `width`, `height`, RGBA `pixels`, `asPng()`.
 */
export function rasterize(svg: string, options: PngOptions = {}): RenderedImage {
  return prepare(svg, options).resvg.render();
}

/**
 * The size of the PNG `svgToPng` makes from `svg`, whether it was scaled down to `maxSide`, and `zoom`:
 * pixels of the PNG per pixel of the SVG (2 unless scaled down).
 */
export function pngSize(
  svg: string,
  options: PngOptions = {},
): { width: number; height: number; capped: boolean; zoom: number } {
  const { resvg, zoom, capped } = prepare(svg, options);
  return { width: Math.round(resvg.width * zoom), height: Math.round(resvg.height * zoom), capped, zoom };
}

function prepare(svg: string, options: PngOptions): { resvg: Resvg; zoom: number; capped: boolean } {
  if (typeof svg !== "string") throw new TypeError(`svgToPng(svg): svg must be a string, got ${typeof svg}`);
  const scale = options.scale ?? 2;
  if (typeof scale !== "number" || !Number.isFinite(scale) || scale <= 0 || scale > 16) {
    throw new RangeError(`svgToPng: scale must be a number in (0, 16], got ${String(scale)}`);
  }
  const maxSide = options.maxSide ?? MAX_PNG_SIDE;
  if (typeof maxSide !== "number" || !(maxSide >= 1)) {
    throw new RangeError(`svgToPng: maxSide must be a number >= 1, got ${String(maxSide)}`);
  }
  // resvg does not read fontconfig aliases, so name the metric-compatible font for "Times" explicitly.
  const text = svg.replace(/font-family="Times(?:,serif)?"/g, `font-family="${SERIF_FONT},Times,serif"`);
  const resvg = makeResvg(text, scale, options);
  // width and height are the SVG's own size in pixels, before the zoom
  const fit = maxSide / Math.max(resvg.width, resvg.height);
  if (fit >= scale) return { resvg, zoom: scale, capped: false };
  return { resvg: makeResvg(text, fit, options), zoom: fit, capped: true };
}

function makeResvg(text: string, zoom: number, options: PngOptions): Resvg {
  // System fonts stay off: the bundled ones give the same pictures on every machine (and load faster).
  return new Resvg(text, {
    background: options.background ?? "white",
    fitTo: { mode: "zoom", value: zoom },
    font: {
      loadSystemFonts: false,
      fontFiles: bundledFontFiles(),
      defaultFontFamily: SERIF_FONT,
      serifFamily: SERIF_FONT,
      sansSerifFamily: SANS_FONT,
      monospaceFamily: SANS_FONT,
    },
    logLevel: "off",
  });
}

/** Lays out DOT and rasterises it: DOT -> SVG -> PNG. */
export async function dotToPng(dot: string, options: PngOptions = {}): Promise<Buffer> {
  return svgToPng(await dotToSvg(dot), options);
}
