/**
 * Rendering without system tools: Graphviz DOT -> SVG with Graphviz compiled to WebAssembly, and
 * SVG -> PNG with resvg. Node-only (resvg is a native module).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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

/** Options for `svgToPng`. */
export interface PngOptions {
  /** Scale factor of the PNG relative to the SVG's size (default 2, for sharp text). */
  scale?: number;
  /** Background colour (default "white"; the PNG would be transparent otherwise). */
  background?: string;
}

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
  if (typeof svg !== "string") throw new TypeError(`svgToPng(svg): svg must be a string, got ${typeof svg}`);
  const scale = options.scale ?? 2;
  if (typeof scale !== "number" || !Number.isFinite(scale) || scale <= 0 || scale > 16) {
    throw new RangeError(`svgToPng: scale must be a number in (0, 16], got ${String(scale)}`);
  }
  // resvg does not read fontconfig aliases, so name the metric-compatible font for "Times" explicitly.
  const text = svg.replace(/font-family="Times(?:,serif)?"/g, `font-family="${SERIF_FONT},Times,serif"`);
  // System fonts stay off: the bundled ones give the same pictures on every machine (and load faster).
  const resvg = new Resvg(text, {
    background: options.background ?? "white",
    fitTo: { mode: "zoom", value: scale },
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
  return resvg.render();
}

/** Lays out DOT and rasterises it: DOT -> SVG -> PNG. */
export async function dotToPng(dot: string, options: PngOptions = {}): Promise<Buffer> {
  return svgToPng(await dotToSvg(dot), options);
}
