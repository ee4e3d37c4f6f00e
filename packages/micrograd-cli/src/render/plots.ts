/**
 * Plots written as SVG text directly (no browser, no canvas): a classifier's decision boundary with the
 * data on top, and training curves. `svgToPng` turns them into PNGs.
 */

/** Point colours per class (class 0, 1, 2, …), and the lighter tints used for the regions. */
export const CLASS_COLORS: readonly string[] = [
  "#2b5fb4",
  "#c8312a",
  "#2f8f3a",
  "#8a4bb0",
  "#d9861c",
  "#1d9aa8",
];
export const REGION_COLORS: readonly string[] = [
  "#a9c4ec",
  "#f2aea8",
  "#b4e0b4",
  "#d9c0e8",
  "#f6d3a1",
  "#a8e0e6",
];

const FONT = `font-family="Arimo, Liberation Sans, Arial, Helvetica, sans-serif"`;

/** Escapes text for SVG. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A number for SVG attributes: at most 2 decimals. */
const n2 = (x: number): string => String(Math.round(x * 100) / 100);

/** What `decisionBoundarySvg` draws. */
export interface BoundaryOptions {
  /** The data points (only the first two coordinates are drawn). */
  x: readonly (readonly number[])[];
  /** Each point's class index 0..nClasses-1. */
  y: readonly number[];
  /** The class the model predicts at (x0, x1): an index 0..nClasses-1 (e.g. score > 0 ? 1 : 0). */
  classify: (x0: number, x1: number) => number;
  /** Number of classes (default: 1 + the largest label). */
  nClasses?: number;
  /** Mesh cells per axis (default 200). */
  resolution?: number;
  /** Margin around the data, in data units (default 1, as micrograd's demo). */
  margin?: number;
  /** Plot size in pixels (default 480). */
  size?: number;
  /** A title above the plot. */
  title?: string;
}

/**
 * The decision boundary of a 2-D classifier, like micrograd's moon_mlp.png: the mesh coloured by the
 * predicted class, with the data points on top, coloured by their true class.
 */
export function decisionBoundarySvg(o: BoundaryOptions): string {
  const { x, y, classify } = o;
  if (!Array.isArray(x) || x.length === 0 || x.length !== y.length) {
    throw new RangeError("decisionBoundarySvg: x and y must be non-empty arrays of the same length");
  }
  if (typeof classify !== "function") throw new TypeError("decisionBoundarySvg: classify must be a function");
  const k = o.nClasses ?? Math.max(...y) + 1;
  const res = o.resolution ?? 200;
  const margin = o.margin ?? 1;
  const size = o.size ?? 480;
  if (!Number.isInteger(res) || res < 2 || res > 2000) {
    throw new RangeError(`decisionBoundarySvg: resolution must be an integer in [2, 2000], got ${res}`);
  }
  const xs0 = x.map((p) => p[0] as number);
  const xs1 = x.map((p) => p[1] as number);
  const lo0 = Math.min(...xs0) - margin;
  const hi0 = Math.max(...xs0) + margin;
  const lo1 = Math.min(...xs1) - margin;
  const hi1 = Math.max(...xs1) + margin;
  const pad = { left: 14, top: o.title ? 34 : 14, right: 14, bottom: 14 };
  const w = size;
  const h = size;
  const sx = (v: number) => pad.left + ((v - lo0) / (hi0 - lo0)) * w;
  const sy = (v: number) => pad.top + (1 - (v - lo1) / (hi1 - lo1)) * h;
  const cw = w / res;
  const ch = h / res;
  const parts: string[] = [];
  const W = w + pad.left + pad.right;
  const H = h + pad.top + pad.bottom;
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
  );
  if (o.title) {
    parts.push(
      `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" ${FONT}>${escapeXml(o.title)}</text>`,
    );
  }
  parts.push(`<g shape-rendering="crispEdges">`);
  // One rectangle per run of equal predictions in a row: small files, no seams.
  for (let r = 0; r < res; r++) {
    const v1 = hi1 - ((r + 0.5) / res) * (hi1 - lo1);
    let start = 0;
    let cls = -1;
    for (let c = 0; c <= res; c++) {
      const next = c < res ? classify(lo0 + ((c + 0.5) / res) * (hi0 - lo0), v1) : -2;
      if (c === 0) {
        cls = next;
        continue;
      }
      if (next !== cls) {
        const fill =
          Number.isInteger(cls) && cls >= 0 && cls < k
            ? REGION_COLORS[cls % REGION_COLORS.length]
            : "#dddddd";
        parts.push(
          `<rect x="${n2(pad.left + start * cw)}" y="${n2(pad.top + r * ch)}" width="${n2((c - start) * cw + 0.5)}" height="${n2(ch + 0.5)}" fill="${fill}"/>`,
        );
        start = c;
        cls = next;
      }
    }
  }
  parts.push(`</g>`);
  parts.push(
    `<rect x="${pad.left}" y="${pad.top}" width="${w}" height="${h}" fill="none" stroke="#333" stroke-width="1"/>`,
  );
  parts.push(`<g stroke="#111" stroke-width="0.8">`);
  for (let i = 0; i < x.length; i++) {
    const color = CLASS_COLORS[(y[i] as number) % CLASS_COLORS.length];
    parts.push(
      `<circle cx="${n2(sx(xs0[i] as number))}" cy="${n2(sy(xs1[i] as number))}" r="4.5" fill="${color}"/>`,
    );
  }
  parts.push(`</g>`, `</svg>`);
  return `${parts.join("\n")}\n`;
}

/** One curve. */
export interface Series {
  /** Legend text. */
  label: string;
  /** y values at x = 0, 1, 2, … */
  values: readonly number[];
  /** Stroke colour (default: the class colours in order). */
  color?: string;
}

/** One panel of `curvesSvg`: a chart with its own axes. */
export interface Panel {
  title: string;
  /** The x axis label (default "step"). */
  xLabel?: string;
  yLabel?: string;
  series: readonly Series[];
  /** Fixed y range, e.g. [0, 100] for accuracy in percent (default: the data's range). */
  yRange?: readonly [number, number];
}

/** About five round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Training curves: one chart per panel, side by side (e.g. loss and accuracy per step). */
export function curvesSvg(
  panels: readonly Panel[],
  options: { width?: number; height?: number } = {},
): string {
  if (typeof panels?.length !== "number" || panels.length === 0)
    throw new RangeError("curvesSvg: give at least one panel");
  const pw = options.width ?? 420;
  const ph = options.height ?? 300;
  const pad = { left: 62, right: 16, top: 34, bottom: 46 };
  const W = pw * panels.length;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${ph}" viewBox="0 0 ${W} ${ph}">`,
    `<rect width="${W}" height="${ph}" fill="white"/>`,
  ];
  panels.forEach((p, i) => {
    const ox = i * pw;
    const iw = pw - pad.left - pad.right;
    const ih = ph - pad.top - pad.bottom;
    const all = p.series.flatMap((s) => s.values.filter((v) => Number.isFinite(v)));
    const n = Math.max(1, ...p.series.map((s) => s.values.length));
    let [lo, hi] = p.yRange ?? [Math.min(0, ...all), Math.max(...all, 0)];
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
    if (hi === lo) hi = lo + 1;
    const X = (k: number) => ox + pad.left + (n <= 1 ? 0 : (k / (n - 1)) * iw);
    const Y = (v: number) => pad.top + (1 - (v - lo) / (hi - lo)) * ih;
    parts.push(
      `<text x="${ox + pw / 2}" y="20" text-anchor="middle" font-size="15" ${FONT}>${escapeXml(p.title)}</text>`,
    );
    parts.push(`<g font-size="11" ${FONT} fill="#333">`);
    for (const t of niceTicks(lo, hi)) {
      parts.push(
        `<line x1="${ox + pad.left}" x2="${ox + pad.left + iw}" y1="${n2(Y(t))}" y2="${n2(Y(t))}" stroke="#e3e3e3"/>`,
        `<text x="${ox + pad.left - 6}" y="${n2(Y(t) + 4)}" text-anchor="end">${t}</text>`,
      );
    }
    for (const t of niceTicks(0, n - 1)) {
      if (!Number.isInteger(t)) continue;
      parts.push(`<text x="${n2(X(t))}" y="${pad.top + ih + 16}" text-anchor="middle">${t}</text>`);
    }
    parts.push(
      `<text x="${ox + pad.left + iw / 2}" y="${ph - 10}" text-anchor="middle" font-size="12">${escapeXml(p.xLabel ?? "step")}</text>`,
    );
    if (p.yLabel) {
      const cy = pad.top + ih / 2;
      parts.push(
        `<text x="${ox + 16}" y="${cy}" text-anchor="middle" font-size="12" transform="rotate(-90 ${ox + 16} ${cy})">${escapeXml(p.yLabel)}</text>`,
      );
    }
    parts.push(`</g>`);
    parts.push(
      `<rect x="${ox + pad.left}" y="${pad.top}" width="${iw}" height="${ih}" fill="none" stroke="#555"/>`,
    );
    p.series.forEach((s, j) => {
      const color = s.color ?? CLASS_COLORS[j % CLASS_COLORS.length];
      const pts = s.values
        .map((v, k) => (Number.isFinite(v) ? `${n2(X(k))},${n2(Y(Math.min(hi, Math.max(lo, v))))}` : ""))
        .filter((q) => q !== "")
        .join(" ");
      parts.push(`<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="2"/>`);
      if (p.series.length > 1) {
        const ly = pad.top + 14 + 16 * j;
        parts.push(
          `<line x1="${ox + pad.left + iw - 90}" x2="${ox + pad.left + iw - 70}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`,
          `<text x="${ox + pad.left + iw - 64}" y="${ly}" font-size="11" ${FONT}>${escapeXml(s.label)}</text>`,
        );
      }
    });
  });
  parts.push(`</svg>`);
  return `${parts.join("\n")}\n`;
}
