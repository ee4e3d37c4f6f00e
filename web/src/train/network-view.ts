/**
 * The network diagram of the training view, in the manner of the TensorFlow Playground: a column per
 * layer, each neuron drawn as a small heat map of its output over the plane (blue positive, orange
 * negative, white 0, scaled per neuron), and an edge per weight, coloured by its sign and as thick as
 * its size; hovering an edge shows the weight. + and − buttons add or remove neurons and layers.
 */
import { el } from "../shared/dom.js";
import type { Bounds, Grid } from "../shared/grid.js";
import { drawGridImage } from "../shared/plots.js";
import { LIMITS } from "../shared/train-config.js";
import type { NeuronMaps } from "./session.js";

const SVG_NS = "http://www.w3.org/2000/svg";
/** Neurons drawn per layer; a wider layer shows this many and says how many more it has. */
export const MAX_DRAWN = 16;
/** Below this many edges each edge gets an invisible, wider twin that is easier to hover. */
const HIT_EDGES = 1200;

/** Colour of a value in [-1, 1]: orange (negative) through white to blue (positive). */
export function divergingColor(t: number): [number, number, number] {
  const a = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  const [r, g, b] = a < 0 ? [213, 94, 0] : [0, 114, 178];
  const f = Math.abs(a);
  return [Math.round(255 + (r - 255) * f), Math.round(255 + (g - 255) * f), Math.round(255 + (b - 255) * f)];
}

/** Where a neuron sits in the diagram. */
interface NeuronSpot {
  col: number;
  row: number;
  x: number;
  y: number;
  canvas: HTMLCanvasElement;
}

/** One weight's edge. */
interface Edge {
  /** Index of the weight in `parameters()` order. */
  param: number;
  label: string;
  path: SVGPathElement;
}

/** The network diagram. */
export class NetworkView {
  /** The diagram (put it in the page). */
  readonly element: HTMLElement;
  private readonly svg: SVGSVGElement;
  private readonly stage: HTMLDivElement;
  private readonly bar: HTMLDivElement;
  private readonly tooltip: HTMLDivElement;
  private hidden: number[] = [];
  private nOut = 1;
  private spots: NeuronSpot[][] = [];
  private edges: Edge[] = [];
  private weights: Float64Array | null = null;
  private width = 0;
  private columnButtons: HTMLElement[] = [];

  /** @param onShape called with new hidden layer sizes when a + or − button is pressed */
  constructor(private readonly onShape: (hidden: number[]) => void) {
    this.element = el("div", undefined, "network-view");
    this.bar = el("div", undefined, "network-bar");
    this.stage = el("div", undefined, "network-stage");
    this.svg = document.createElementNS(SVG_NS, "svg");
    this.svg.classList.add("network-edges");
    this.svg.setAttribute("aria-hidden", "true");
    this.tooltip = el("div", undefined, "network-tooltip");
    this.tooltip.id = "network-tooltip";
    this.tooltip.setAttribute("role", "status");
    this.tooltip.hidden = true;
    this.stage.append(this.svg);
    this.element.append(this.bar, this.stage, this.tooltip);
    this.svg.addEventListener("pointerover", (e) => this.hover(e));
    this.svg.addEventListener("pointermove", (e) => this.hover(e));
    this.svg.addEventListener("pointerleave", () => {
      this.tooltip.hidden = true;
    });
    new ResizeObserver(() => {
      if (this.stage.clientWidth !== this.width) this.layout();
    }).observe(this.stage);
  }

  /** Sets the layer sizes (hidden layers, then the outputs) and draws the empty diagram. */
  setShape(hidden: readonly number[], nOut: number): void {
    if (this.hidden.join() === hidden.join() && this.nOut === nOut && this.spots.length > 0) return;
    this.hidden = [...hidden];
    this.nOut = nOut;
    this.weights = null;
    this.buildBar();
    this.layout();
  }

  private buildBar(): void {
    const button = (text: string, label: string, disabled: boolean, action: () => void) => {
      const b = el("button", text);
      b.type = "button";
      b.setAttribute("aria-label", label);
      b.title = label;
      b.disabled = disabled;
      b.addEventListener("click", action);
      return b;
    };
    const h = this.hidden;
    const layers = el("div", undefined, "network-layers");
    layers.append(
      button("+ layer", "Add a hidden layer", h.length >= LIMITS.layers.max, () =>
        this.onShape([...h, h[h.length - 1] ?? 4]),
      ),
      button("− layer", "Remove the last hidden layer", h.length === 0, () => this.onShape(h.slice(0, -1))),
      el("span", `${h.length} hidden layer${h.length === 1 ? "" : "s"}`, "note"),
    );
    const columns = el("div", undefined, "network-columns");
    this.columnButtons = [];
    h.forEach((size, l) => {
      const group = el("div", undefined, "network-column-buttons");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", `Hidden layer ${l + 1}: ${size} neurons`);
      const change = (d: number) => () => this.onShape(h.map((s, i) => (i === l ? s + d : s)));
      group.append(
        el("span", `h${l + 1}`, "network-count-label"),
        button("+", `Add a neuron to hidden layer ${l + 1}`, size >= LIMITS.width.max, change(1)),
        button("−", `Remove a neuron from hidden layer ${l + 1}`, size <= LIMITS.width.min, change(-1)),
        el("span", String(size), "network-count"),
      );
      columns.append(group);
      this.columnButtons.push(group);
    });
    this.bar.replaceChildren(layers, columns);
  }

  /** Column x (centre), neuron size and the diagram's height for the current width. */
  private geometry() {
    const width = Math.max(240, this.stage.clientWidth || 480);
    const cols = this.hidden.length + 2;
    const drawn = [2, ...this.hidden.map((s) => Math.min(s, MAX_DRAWN)), this.nOut];
    const most = Math.max(...drawn);
    const size = Math.max(14, Math.min(40, Math.floor(width / (cols * 2.2)), Math.floor(440 / most) - 6));
    const gap = Math.max(4, Math.round(size * 0.25));
    const height = most * (size + gap) + gap + 18;
    const colX = (c: number) => ((c + 0.5) / cols) * width;
    return { width, size, gap, height, drawn, colX };
  }

  /** Places the neurons and edges (after a shape change or a resize). */
  private layout(): void {
    const { width, size, gap, height, drawn, colX } = this.geometry();
    this.width = this.stage.clientWidth;
    for (const c of this.stage.querySelectorAll("canvas, .network-more, .network-label")) c.remove();
    this.stage.style.height = `${height}px`;
    // each hidden layer's + and − sit over its column, or in a row that wraps when they do not fit
    this.bar.classList.remove("compact");
    const column = width / (this.hidden.length + 2);
    const compact = this.columnButtons.some((g) => g.offsetWidth > column - 8);
    this.bar.classList.toggle("compact", compact);
    this.columnButtons.forEach((group, l) => {
      group.style.left = compact ? "" : `${colX(l + 1)}px`;
    });
    this.svg.setAttribute("width", String(width));
    this.svg.setAttribute("height", String(height));
    this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const sizes = [2, ...this.hidden, this.nOut];
    const names = ["input", ...this.hidden.map((_, l) => `hidden layer ${l + 1}`), "output"];
    this.spots = drawn.map((count, col) => {
      const top = (height - 18 - count * (size + gap) + gap) / 2 + 18;
      const label = el("span", col === 0 ? "x1, x2" : col === drawn.length - 1 ? "output" : `h${col}`);
      label.className = "network-label";
      label.style.left = `${colX(col)}px`;
      this.stage.append(label);
      const spots: NeuronSpot[] = [];
      for (let row = 0; row < count; row++) {
        const canvas = el("canvas", undefined, "network-neuron");
        canvas.width = 24;
        canvas.height = 24;
        canvas.style.width = `${size}px`;
        canvas.style.height = `${size}px`;
        const x = colX(col);
        const y = top + row * (size + gap) + size / 2;
        canvas.style.left = `${x - size / 2}px`;
        canvas.style.top = `${y - size / 2}px`;
        canvas.setAttribute("role", "img");
        canvas.setAttribute(
          "aria-label",
          col === 0
            ? `input x${row + 1} over the plane`
            : `${names[col]}, neuron ${row + 1}: its output over the plane`,
        );
        this.stage.append(canvas);
        spots.push({ col, row, x, y, canvas });
      }
      const more = sizes[col] - count;
      if (more > 0) {
        const note = el("span", `+${more} more`, "network-more");
        note.style.left = `${colX(col)}px`;
        note.style.top = `${top + count * (size + gap)}px`;
        this.stage.append(note);
      }
      return spots;
    });
    this.buildEdges(size);
    if (this.weights) this.paintEdges(this.weights);
  }

  private buildEdges(size: number): void {
    const paths: SVGPathElement[] = [];
    this.edges = [];
    const sizes = [2, ...this.hidden, this.nOut];
    let param = 0;
    const total = sizes.slice(1).reduce((s, n, i) => s + n * Math.min(sizes[i], MAX_DRAWN), 0);
    for (let l = 1; l < sizes.length; l++) {
      const nin = sizes[l - 1];
      const nout = sizes[l];
      for (let j = 0; j < nout; j++) {
        for (let k = 0; k <= nin; k++, param++) {
          const from = this.spots[l - 1]?.[k];
          const to = this.spots[l]?.[j];
          if (k === nin || !from || !to) continue; // the bias (drawn as the neuron's own), or not drawn
          const x0 = from.x + size / 2;
          const x1 = to.x - size / 2;
          const mid = (x0 + x1) / 2;
          const d = `M${x0},${from.y} C${mid},${from.y} ${mid},${to.y} ${x1},${to.y}`;
          const path = document.createElementNS(SVG_NS, "path");
          path.setAttribute("d", d);
          path.dataset.edge = String(this.edges.length);
          const label = `${l === sizes.length - 1 ? "output" : `h${l}`}[${j + 1}] ← ${l === 1 ? `x${k + 1}` : `h${l - 1}[${k + 1}]`}`;
          this.edges.push({ param, label, path });
          if (total <= HIT_EDGES) {
            const hit = document.createElementNS(SVG_NS, "path");
            hit.setAttribute("d", d);
            hit.setAttribute("class", "network-hit");
            hit.dataset.edge = String(this.edges.length - 1);
            paths.push(path, hit);
          } else paths.push(path);
        }
      }
    }
    this.svg.replaceChildren(...paths);
  }

  private paintEdges(weights: Float64Array): void {
    for (const e of this.edges) {
      const w = weights[e.param];
      const color = w >= 0 ? "#0072b2" : "#d55e00";
      e.path.setAttribute("stroke", color);
      e.path.setAttribute("stroke-width", String(Math.min(6, 0.4 + 2.2 * Math.abs(w)).toFixed(2)));
      e.path.dataset.weight = String(w);
    }
  }

  private hover(e: PointerEvent): void {
    const target = e.target as Element;
    const index = Number((target as SVGElement).dataset?.edge);
    const edge = Number.isInteger(index) ? this.edges[index] : undefined;
    if (!edge || !this.weights) {
      this.tooltip.hidden = true;
      return;
    }
    const w = this.weights[edge.param];
    this.tooltip.textContent = `weight ${edge.label}: ${w.toFixed(4)}`;
    const r = this.element.getBoundingClientRect();
    this.tooltip.style.left = `${e.clientX - r.left + 12}px`;
    this.tooltip.style.top = `${e.clientY - r.top + 12}px`;
    this.tooltip.hidden = false;
  }

  /**
   * Draws the latest numbers: the weights (edges), each hidden neuron's map, the inputs (x1 and x2
   * over the plane) and the output (the decision grid, shaded by confidence or `discretize`d).
   */
  update(
    weights: Float64Array,
    maps: NeuronMaps | null,
    grid: Grid | null,
    bounds: Bounds,
    discretize: boolean,
  ): void {
    this.weights = weights;
    this.paintEdges(weights);
    // inputs: x1 runs left to right, x2 bottom to top, each scaled to [-1, 1] over the plane
    const scaleX = Math.max(Math.abs(bounds.x0), Math.abs(bounds.x1)) || 1;
    const scaleY = Math.max(Math.abs(bounds.y0), Math.abs(bounds.y1)) || 1;
    const res = 24;
    const input = (which: number) => {
      const v = new Float32Array(res * res);
      for (let r = 0; r < res; r++) {
        for (let c = 0; c < res; c++) {
          const x = bounds.x0 + ((c + 0.5) / res) * (bounds.x1 - bounds.x0);
          const y = bounds.y1 - ((r + 0.5) / res) * (bounds.y1 - bounds.y0);
          v[r * res + c] = which === 0 ? x / scaleX : y / scaleY;
        }
      }
      return v;
    };
    this.spots[0]?.forEach((s, i) => {
      paintMap(s.canvas, input(i), res, 1);
    });
    if (maps) {
      let offset = 0;
      maps.layers.forEach((size, l) => {
        const n = maps.res * maps.res;
        this.spots[l + 1]?.forEach((s, j) => {
          const values = maps.values.subarray((offset + j) * n, (offset + j + 1) * n);
          let max = 0;
          for (const v of values) max = Math.max(max, Math.abs(v));
          paintMap(s.canvas, values, maps.res, max > 0 ? max : 1);
        });
        offset += size;
      });
    }
    const out = this.spots[this.spots.length - 1];
    if (grid && out) for (const s of out) drawGridImage(s.canvas, grid, discretize);
  }
}

/** Paints values (res x res, rows from the top) divided by `scale` in the diverging colours. */
function paintMap(canvas: HTMLCanvasElement, values: ArrayLike<number>, res: number, scale: number): void {
  canvas.width = res;
  canvas.height = res;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const img = ctx.createImageData(res, res);
  for (let i = 0; i < res * res; i++) {
    const [r, g, b] = divergingColor(values[i] / scale);
    img.data[i * 4] = r;
    img.data[i * 4 + 1] = g;
    img.data[i * 4 + 2] = b;
    img.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}
