/**
 * Plots written as SVG text directly (no browser, no canvas): a classifier's decision boundary with the
 * data on top, and training curves. `svgToPng` turns them into PNGs.
 *
 * What a reader needs to use them, as matplotlib would draw them: axes with ticks and labels, a legend
 * that never covers the data, colours that colour-blind readers can tell apart (Okabe & Ito's palette),
 * a boundary that is a smooth curve (marching squares over the model's scores, not a staircase of cells),
 * and a log scale for a loss that falls over more than two decades.
 */

import { CLASS_COLORS } from "micrograd-ts";

/** Point colours per class: the library's `CLASS_COLORS` (Okabe & Ito), the playground's too. */
export { CLASS_COLORS };

/** `color` mixed with white: `amount` 1 is the colour, 0 is white. */
export function tint(color: string, amount: number): string {
  const c = [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));
  return `#${c
    .map((v) =>
      Math.round(255 - (255 - v) * amount)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** The region colours: each class colour at 30% on white. */
export const REGION_COLORS: readonly string[] = CLASS_COLORS.map((c) => tint(c, 0.3));

/** Where the model gives no class (NaN scores): light grey. */
export const NO_CLASS_COLOR = "#dddddd";

const FONT = `font-family="Arimo, Liberation Sans, Arial, Helvetica, sans-serif"`;

/** Escapes text for SVG. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A number for SVG attributes: at most 2 decimals. */
const n2 = (x: number): string => String(Math.round(x * 100) / 100);

/** A tick label: round numbers without float noise (0.30000000000000004 -> 0.3), with a real minus sign. */
const tickText = (t: number): string => String(Number(t.toPrecision(10))).replace(/^-/, "\u2212");

/** What `decisionBoundarySvg` draws. */
export interface BoundaryOptions {
  /** The data points (only the first two coordinates are drawn). */
  x: readonly (readonly number[])[];
  /** Each point's class index 0..nClasses-1. */
  y: readonly number[];
  /**
   * The model's outputs at (x0, x1): one score (class 1 where > 0, class 0 else) or one per class (the
   * largest wins). With scores the boundary is drawn where they cross, as a smooth curve.
   */
  scores?: (x0: number, x1: number) => readonly number[];
  /**
   * Or the same for every mesh vertex at once: `points` holds (x0, x1) pairs one after another, the result
   * the outputs point after point, as many for each (a model compiled once for the whole mesh, e.g. the
   * library's `CompiledForward.outputs`).
   */
  scoreMesh?: (points: Float64Array) => ArrayLike<number>;
  /** Or only the predicted class (an index 0..nClasses-1): the boundary then follows the mesh cells. */
  classify?: (x0: number, x1: number) => number;
  /** Number of classes (default: 1 + the largest label). */
  nClasses?: number;
  /** Names of the classes for the legend (default "class 0", "class 1", …). */
  classNames?: readonly string[];
  /** Mesh cells per axis (default 150). */
  resolution?: number;
  /** Margin around the data, in data units (default 1, as micrograd's demo). */
  margin?: number;
  /** Plot size in pixels (default 480). */
  size?: number;
  /** A title above the plot. */
  title?: string;
  /** The axis labels (default "x1" and "x2", the inputs of `micrograd predict x1 x2`). */
  axisLabels?: readonly [string, string];
  /** Draw at most this many points, evenly spread over the data (default 2,000); the legend says so. */
  maxPoints?: number;
}

/**
 * `scoreMesh` on every vertex in one call, read back per vertex (`at` = row * columns + column).
 * @throws RangeError when it does not give the same number of outputs for each vertex
 */
function meshScores(
  scoreMesh: (points: Float64Array) => ArrayLike<number>,
  gx: readonly number[],
  gy: readonly number[],
): (x0: number, x1: number, at: number) => ArrayLike<number> {
  const n = gx.length * gy.length;
  const points = new Float64Array(2 * n);
  gy.forEach((v1, r) => {
    gx.forEach((v0, c) => {
      points[2 * (r * gx.length + c)] = v0;
      points[2 * (r * gx.length + c) + 1] = v1;
    });
  });
  const all = Float64Array.from(scoreMesh(points));
  const per = all.length / n;
  if (!Number.isInteger(per) || per < 1) {
    throw new RangeError(
      `decisionBoundarySvg: scoreMesh gave ${all.length} numbers for ${n} points; expected the same number of outputs (>= 1) for each`,
    );
  }
  return (_x0, _x1, at) => all.subarray(at * per, at * per + per);
}

/** For each mesh vertex and class c: how far class c is ahead of the best other class (> 0: c wins). */
function marginField(o: BoundaryOptions, k: number, gx: number[], gy: number[]): Float64Array[] {
  const fields = Array.from({ length: k }, () => new Float64Array(gx.length * gy.length));
  const s = new Float64Array(k);
  const scores: ((x0: number, x1: number, at: number) => ArrayLike<number>) | undefined = o.scoreMesh
    ? meshScores(o.scoreMesh, gx, gy)
    : o.scores;
  gy.forEach((v1, r) => {
    gx.forEach((v0, c) => {
      const at = r * gx.length + c;
      if (scores) {
        const out = scores(v0, v1, at);
        if (out.length === 1) {
          // one score z: class 1 is ahead by z, class 0 by -z
          const z = Number(out[0]);
          for (let j = 0; j < k; j++) fields[j][at] = j === 1 ? z : j === 0 ? -z : -1;
          return;
        }
        for (let j = 0; j < k; j++) s[j] = Number(out[j]);
      } else {
        const cls = o.classify ? o.classify(v0, v1) : Number.NaN;
        for (let j = 0; j < k; j++) s[j] = j === cls ? 1 : -1;
      }
      for (let j = 0; j < k; j++) {
        let best = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < k; i++) if (i !== j && s[i] > best) best = s[i];
        fields[j][at] = s[j] - best;
      }
    });
  });
  return fields;
}

/**
 * One class's region and boundary by marching squares: the filled part of every mesh cell where the
 * margin is > 0 (whole cells merged into row runs), corners cut where it crosses 0 (linear interpolation,
 * so the boundary is a smooth curve), and the crossing segments as a line.
 */
function contour(
  m: Float64Array,
  cols: number,
  rows: number,
  px: (c: number) => number,
  py: (r: number) => number,
): { fill: string; line: string } {
  const fill: string[] = [];
  const line: string[] = [];
  const v = (r: number, c: number) => m[r * cols + c];
  const inside = (x: number) => x > 0;
  for (let r = 0; r + 1 < rows; r++) {
    let run = -1;
    const flush = (end: number) => {
      if (run >= 0) {
        fill.push(`M${n2(px(run))} ${n2(py(r))}H${n2(px(end))}V${n2(py(r + 1))}H${n2(px(run))}Z`);
        run = -1;
      }
    };
    for (let c = 0; c + 1 < cols; c++) {
      // corners clockwise on the screen: top-left, top-right, bottom-right, bottom-left
      const corners: [number, number][] = [
        [r, c],
        [r, c + 1],
        [r + 1, c + 1],
        [r + 1, c],
      ];
      const vals = corners.map(([rr, cc]) => v(rr, cc));
      const ins = vals.map(inside);
      if (ins.every((b) => b)) {
        if (run < 0) run = c;
        continue;
      }
      flush(c);
      if (!ins.some((b) => b)) continue;
      const poly: string[] = [];
      const cuts: string[] = [];
      for (let i = 0; i < 4; i++) {
        const [ra, ca] = corners[i];
        const [rb, cb] = corners[(i + 1) % 4];
        const a = vals[i];
        const b = vals[(i + 1) % 4];
        if (ins[i]) poly.push(`${n2(px(ca))} ${n2(py(ra))}`);
        if (ins[i] !== ins[(i + 1) % 4]) {
          // where the margin crosses 0 on this edge; NaN (no prediction) counts as far outside
          const t = Number.isFinite(a) && Number.isFinite(b) ? a / (a - b) : ins[i] ? 1 : 0;
          const p = `${n2(px(ca + (cb - ca) * t))} ${n2(py(ra + (rb - ra) * t))}`;
          poly.push(p);
          cuts.push(p);
        }
      }
      fill.push(`M${poly.join("L")}Z`);
      for (let i = 0; i + 1 < cuts.length; i += 2) line.push(`M${cuts[i]}L${cuts[i + 1]}`);
    }
    flush(cols - 1);
  }
  return { fill: fill.join(""), line: line.join("") };
}

/** Up to `max` indices spread evenly over 0..n-1. */
function spread(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor((i * n) / max));
}

/**
 * The decision boundary of a 2-D classifier, like micrograd's moon_mlp.png: the plane coloured by the
 * predicted class with the boundary drawn as a curve, the data on top coloured by their true class, axes
 * with ticks and labels, and a legend to the right of the plot.
 */
export function decisionBoundarySvg(o: BoundaryOptions): string {
  const { x, y } = o;
  if (!Array.isArray(x) || x.length === 0 || x.length !== y.length) {
    throw new RangeError("decisionBoundarySvg: x and y must be non-empty arrays of the same length");
  }
  if (
    typeof o.scores !== "function" &&
    typeof o.classify !== "function" &&
    typeof o.scoreMesh !== "function"
  ) {
    throw new TypeError(
      "decisionBoundarySvg: give scores or classify, a function of (x0, x1), or scoreMesh, a function of all the points",
    );
  }
  const k = o.nClasses ?? Math.max(...y) + 1;
  const res = o.resolution ?? 150;
  const margin = o.margin ?? 1;
  const size = o.size ?? 480;
  if (!Number.isInteger(res) || res < 2 || res > 2000) {
    throw new RangeError(`decisionBoundarySvg: resolution must be an integer in [2, 2000], got ${res}`);
  }
  // the data's extent plus the margin (a loop, not Math.min(...xs): a million points would overflow the stack)
  const extent = (k: number): [number, number] =>
    x.reduce<[number, number]>(
      ([lo, hi], p) => [Math.min(lo, p[k]), Math.max(hi, p[k])],
      [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
    );
  const [lo0, hi0] = extent(0).map((v, i) => v + (i === 0 ? -margin : margin)) as [number, number];
  const [lo1, hi1] = extent(1).map((v, i) => v + (i === 0 ? -margin : margin)) as [number, number];
  const names = Array.from({ length: k }, (_, c) => o.classNames?.[c] ?? `class ${c}`);
  const legendWidth = 24 + 7 * Math.max(...names.map((s) => s.length));
  const pad = { left: 58, top: o.title ? 36 : 14, right: 24 + legendWidth, bottom: 48 };
  const w = size;
  const h = size;
  const W = w + pad.left + pad.right;
  const H = h + pad.top + pad.bottom;
  const sx = (v: number) => pad.left + ((v - lo0) / (hi0 - lo0)) * w;
  const sy = (v: number) => pad.top + (1 - (v - lo1) / (hi1 - lo1)) * h;
  // mesh vertices: columns left to right, rows top to bottom
  const gx = Array.from({ length: res + 1 }, (_, c) => lo0 + (c / res) * (hi0 - lo0));
  const gy = Array.from({ length: res + 1 }, (_, r) => hi1 - (r / res) * (hi1 - lo1));
  const fields = marginField(o, k, gx, gy);
  const px = (c: number) => pad.left + (c / res) * w;
  const py = (r: number) => pad.top + (r / res) * h;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
  ];
  if (o.title) {
    parts.push(
      `<text x="${n2(pad.left + w / 2)}" y="23" text-anchor="middle" font-size="15" ${FONT}>${escapeXml(o.title)}</text>`,
    );
  }
  parts.push(`<rect x="${pad.left}" y="${pad.top}" width="${w}" height="${h}" fill="${NO_CLASS_COLOR}"/>`);
  const lines: string[] = [];
  fields.forEach((m, c) => {
    const { fill, line } = contour(m, res + 1, res + 1, px, py);
    if (fill)
      parts.push(`<path class="region" fill="${REGION_COLORS[c % REGION_COLORS.length]}" d="${fill}"/>`);
    if (line) lines.push(line);
  });
  if (lines.length > 0) {
    parts.push(
      `<path class="boundary" fill="none" stroke="#333" stroke-width="1.2" stroke-linecap="round" d="${lines.join("")}"/>`,
    );
  }
  // axes: frame, ticks outside it, labels
  parts.push(
    `<rect x="${pad.left}" y="${pad.top}" width="${w}" height="${h}" fill="none" stroke="#333" stroke-width="1"/>`,
    `<g font-size="12" ${FONT} fill="#333" stroke="none">`,
  );
  for (const t of niceTicks(lo0, hi0, 6)) {
    const tx = n2(sx(t));
    parts.push(
      `<line x1="${tx}" x2="${tx}" y1="${pad.top + h}" y2="${pad.top + h + 5}" stroke="#333"/>`,
      `<text x="${tx}" y="${pad.top + h + 18}" text-anchor="middle">${tickText(t)}</text>`,
    );
  }
  for (const t of niceTicks(lo1, hi1, 6)) {
    const ty = n2(sy(t));
    parts.push(
      `<line x1="${pad.left - 5}" x2="${pad.left}" y1="${ty}" y2="${ty}" stroke="#333"/>`,
      `<text x="${pad.left - 8}" y="${n2(sy(t) + 4)}" text-anchor="end">${tickText(t)}</text>`,
    );
  }
  const [xl, yl] = o.axisLabels ?? ["x1", "x2"];
  const cy = pad.top + h / 2;
  parts.push(
    `<text x="${n2(pad.left + w / 2)}" y="${pad.top + h + 38}" text-anchor="middle" font-size="13">${escapeXml(xl)}</text>`,
    `<text x="16" y="${n2(cy)}" text-anchor="middle" font-size="13" transform="rotate(-90 16 ${n2(cy)})">${escapeXml(yl)}</text>`,
    `</g>`,
  );
  // the points, clipped to nothing: they are inside the plot by construction (margin >= 0)
  const shown = spread(x.length, o.maxPoints ?? 2000);
  parts.push(`<g class="points" stroke="#111" stroke-width="0.8">`);
  for (const i of shown) {
    const p = x[i];
    const color = CLASS_COLORS[y[i] % CLASS_COLORS.length];
    parts.push(`<circle cx="${n2(sx(p[0]))}" cy="${n2(sy(p[1]))}" r="4.5" fill="${color}"/>`);
  }
  parts.push(`</g>`);
  // legend, right of the plot: point colour, region tint, name
  const lx = pad.left + w + 16;
  parts.push(`<g class="legend" font-size="12" ${FONT} fill="#222">`);
  names.forEach((name, c) => {
    const ly = pad.top + 10 + 22 * c;
    parts.push(
      `<rect x="${lx}" y="${ly - 8}" width="16" height="16" fill="${REGION_COLORS[c % REGION_COLORS.length]}" stroke="#999" stroke-width="0.5"/>`,
      `<circle cx="${lx + 8}" cy="${ly}" r="4.5" fill="${CLASS_COLORS[c % CLASS_COLORS.length]}" stroke="#111" stroke-width="0.8"/>`,
      `<text x="${lx + 22}" y="${ly + 4}">${escapeXml(name)}</text>`,
    );
  });
  if (shown.length < x.length) {
    parts.push(
      `<text x="${lx}" y="${pad.top + 10 + 22 * k + 4}" font-size="11" fill="#555">${shown.length.toLocaleString("en-US")} of ${x.length.toLocaleString("en-US")} points</text>`,
    );
  }
  parts.push(`</g>`, `</svg>`);
  return `${parts.join("\n")}\n`;
}

/** One curve. */
export interface Series {
  /** Legend text. */
  label: string;
  /** y values at x = 0, 1, 2, … (or at `x`). */
  values: readonly number[];
  /**
   * The x of each value, increasing (default 0, 1, 2, …: steps): a function plotted over its inputs, as
   * matplotlib's `plt.plot(xs, ys)`. The panel's x axis then spans the series' x values.
   */
  x?: readonly number[];
  /** Stroke colour (default: the class colours in order). */
  color?: string;
  /**
   * Mark each finite value with a dot (default: when the panel has at most 30 steps, so one step is a dot).
   * For a series measured only now and then, give NaN between the measurements: the line joins them.
   */
  markers?: boolean;
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
  /**
   * "auto" (default): a log scale when every value is > 0 and they span more than two decades (a loss
   * that starts at 600 and ends at 0.1), else linear.
   */
  yScale?: "auto" | "linear" | "log";
}

/** About `count` round tick values covering [lo, hi]. */
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

/** Ticks for a log axis over [lo, hi] (both > 0): powers of ten, with 2 and 5 between when few. */
export function logTicks(lo: number, hi: number): number[] {
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const ticks: number[] = [];
  const mantissas = b - a <= 2 ? [1, 2, 5] : [1];
  for (let e = a; e <= b; e++) {
    for (const m of mantissas) {
      const t = Number((m * 10 ** e).toPrecision(12));
      if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push(t);
    }
  }
  return ticks;
}

/** Whether a panel is drawn on a log scale. */
export function usesLogScale(p: Panel): boolean {
  if (p.yScale === "log") return true;
  if (p.yScale === "linear" || p.yRange) return false;
  const all = p.series.flatMap((s) => s.values.filter((v) => Number.isFinite(v)));
  if (all.length < 2 || all.some((v) => v <= 0)) return false;
  return Math.max(...all) / Math.min(...all) > 100;
}

/**
 * Training curves: one chart per panel, side by side (e.g. loss and accuracy per step). Several series in
 * a panel get a legend between the title and the plot, never over the data; a run of few steps also
 * shows its points, so a single step is a dot, not nothing.
 */
export function curvesSvg(
  panels: readonly Panel[],
  options: { width?: number; height?: number } = {},
): string {
  if (typeof panels?.length !== "number" || panels.length === 0)
    throw new RangeError("curvesSvg: give at least one panel");
  for (const p of panels) {
    for (const s of p.series) {
      if (s.x !== undefined && (typeof s.x?.length !== "number" || s.x.length !== s.values.length)) {
        throw new RangeError(
          `curvesSvg: series "${s.label}" of panel "${p.title}" has ${s.values.length} values but x holds ${typeof s.x?.length === "number" ? s.x.length : "no array"}; give one x per value`,
        );
      }
    }
  }
  const pw = options.width ?? 420;
  const ph = options.height ?? 300;
  const legendRows = Math.max(...panels.map((p) => (p.series.length > 1 ? 1 : 0)));
  const pad = { left: 62, right: 16, top: 34 + 18 * legendRows, bottom: 46 };
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
    const log = usesLogScale(p);
    let lo: number;
    let hi: number;
    if (log) {
      // 5% of the decades spanned as room above and below, so no point sits on the frame
      const room = 10 ** (0.05 * Math.log10(Math.max(...all) / Math.min(...all)));
      lo = Math.min(...all) / room;
      hi = Math.max(...all) * room;
    } else if (p.yRange) {
      [lo, hi] = p.yRange;
    } else {
      [lo, hi] = [Math.min(0, ...all), Math.max(...all, 0)];
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
      if (hi === lo) hi = lo + 1;
      const room = 0.05 * (hi - lo);
      if (hi > 0) hi += room;
      if (lo < 0) lo -= room;
    }
    const f = (v: number) => (log ? Math.log10(v) : v);
    const flo = f(lo);
    const fhi = f(hi);
    // x runs from step 0 to the last step (a single step sits in the middle of a 0..1 axis), or over the
    // series' own x values
    const xs = p.series.flatMap((s) => (s.x ? s.x.filter((v) => Number.isFinite(v)) : []));
    const xLo = xs.length > 0 ? Math.min(...xs) : 0;
    const xHi = xs.length > 0 ? Math.max(...xs) : Math.max(1, n - 1);
    const X = (x: number) =>
      ox + pad.left + (n === 1 && xs.length === 0 ? 0.5 : (x - xLo) / (xHi - xLo || 1)) * iw;
    const Y = (v: number) => pad.top + (1 - (f(v) - flo) / (fhi - flo || 1)) * ih;
    parts.push(
      `<text x="${ox + pw / 2}" y="20" text-anchor="middle" font-size="15" ${FONT}>${escapeXml(p.title)}${log ? ", log scale" : ""}</text>`,
    );
    parts.push(`<g font-size="11" ${FONT} fill="#333">`);
    for (const t of log ? logTicks(lo, hi) : niceTicks(lo, hi)) {
      parts.push(
        `<line x1="${ox + pad.left}" x2="${ox + pad.left + iw}" y1="${n2(Y(t))}" y2="${n2(Y(t))}" stroke="#e3e3e3"/>`,
        `<text x="${ox + pad.left - 6}" y="${n2(Y(t) + 4)}" text-anchor="end">${tickText(t)}</text>`,
      );
    }
    for (const t of xs.length > 0 ? niceTicks(xLo, xHi) : n === 1 ? [0] : niceTicks(0, n - 1)) {
      if (xs.length === 0 && !Number.isInteger(t)) continue;
      parts.push(`<text x="${n2(X(t))}" y="${pad.top + ih + 16}" text-anchor="middle">${tickText(t)}</text>`);
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
    let legendX = ox + pad.left;
    p.series.forEach((s, j) => {
      const color = s.color ?? CLASS_COLORS[j % CLASS_COLORS.length];
      const pts = s.values
        .map((v, k) =>
          Number.isFinite(v) ? `${n2(X(s.x ? s.x[k] : k))},${n2(Y(Math.min(hi, Math.max(lo, v))))}` : "",
        )
        .filter((q) => q !== "");
      parts.push(`<polyline points="${pts.join(" ")}" fill="none" stroke="${color}" stroke-width="2"/>`);
      if (s.markers ?? n <= 30) {
        for (const q of pts) {
          const [cx, cy] = q.split(",");
          parts.push(`<circle cx="${cx}" cy="${cy}" r="2.8" fill="${color}"/>`);
        }
      }
      if (p.series.length > 1) {
        const ly = pad.top - 10;
        parts.push(
          `<line x1="${legendX}" x2="${legendX + 20}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`,
          `<text x="${legendX + 26}" y="${ly}" font-size="11" ${FONT}>${escapeXml(s.label)}</text>`,
        );
        legendX += 40 + 6.5 * s.label.length;
      }
    });
  });
  parts.push(`</svg>`);
  return `${parts.join("\n")}\n`;
}
