/**
 * The network diagram of the training view, in the manner of the TensorFlow Playground: a column per
 * layer, each neuron drawn as a small heat map of its output over the plane (blue positive, orange
 * negative, white 0, scaled per neuron), and an edge per weight, coloured by its sign and as thick as
 * its size; hovering an edge shows the weight. Hovering or focusing a neuron (arrow keys move between
 * them) shows its map big in the boundary plot; a table under the diagram gives every drawn weight to
 * screen readers. + and − buttons add or remove neurons and layers.
 */
import { el } from "../shared/dom.js";
import type { Bounds, Grid } from "../shared/grid.js";
import { LIMITS } from "../shared/train-config.js";
import { drawGridImage, type PlaneMap, paintMap } from "./plane-maps.js";
import type { NeuronMaps } from "./session.js";

const SVG_NS = "http://www.w3.org/2000/svg";
/** Neurons drawn per layer; a wider layer shows this many and says how many more it has. */
export const MAX_DRAWN = 16;
/** Below this many edges each edge gets an invisible, wider twin that is easier to hover. */
const HIT_EDGES = 1200;

/** Where a neuron sits in the diagram. */
interface NeuronSpot {
  col: number;
  row: number;
  x: number;
  y: number;
  canvas: HTMLCanvasElement;
  /** What it is, e.g. "hidden layer 1, neuron 3". */
  name: string;
}

/** A neuron's map to show big: its picture over the plane and its name. */
export type NeuronPreview = PlaneMap & { label: string };

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
  /** The last maps drawn, to show one big (see `preview`). */
  private maps: Map<HTMLCanvasElement, PlaneMap> = new Map();
  /** The neuron hovered or focused, shown big. */
  private previewed: NeuronSpot | null = null;
  private readonly weightTables: HTMLDetailsElement;

  /**
   * @param onShape called with new hidden layer sizes when a + or − button is pressed
   * @param onPreview called with the map of the neuron hovered or focused (null when none is), to show big
   */
  constructor(
    private readonly onShape: (hidden: number[]) => void,
    private readonly onPreview: (preview: NeuronPreview | null) => void = () => {},
  ) {
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
    this.weightTables = el("details", undefined, "network-weights");
    this.weightTables.append(el("summary", "Weights as tables"));
    this.weightTables.addEventListener("toggle", () => {
      if (this.weightTables.open && this.weights) this.fillWeightTables(this.weights);
    });
    this.element.append(this.bar, this.stage, this.tooltip, this.weightTables);
    this.stage.addEventListener("keydown", (e) => this.moveFocus(e));
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
    const size = Math.max(20, Math.min(56, Math.floor(width / (cols * 2)), Math.floor(640 / most) - 6));
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
        const name = col === 0 ? `input x${row + 1}` : `${names[col]}, neuron ${row + 1}`;
        canvas.setAttribute("role", "img");
        canvas.setAttribute(
          "aria-label",
          `${name}: its output over the plane (focus or hover shows it big in the boundary plot)`,
        );
        // one tab stop for the diagram; the arrow keys move between neurons
        canvas.tabIndex = col === 0 && row === 0 ? 0 : -1;
        const spot = { col, row, x, y, canvas, name };
        canvas.addEventListener("pointerenter", () => this.preview(spot));
        canvas.addEventListener("pointerleave", () => this.preview(null));
        canvas.addEventListener("focus", () => this.preview(spot));
        canvas.addEventListener("blur", () => this.preview(null));
        this.stage.append(canvas);
        spots.push(spot);
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
    this.maps.clear();
    this.preview(null);
    this.buildWeightTables();
    if (this.weights) this.paintEdges(this.weights);
  }

  /** Shows a neuron's map big (or, with null, the decision grid again). */
  private preview(spot: NeuronSpot | null): void {
    this.previewed = spot;
    const map = spot ? this.maps.get(spot.canvas) : undefined;
    // the output neuron's map is the decision grid itself: nothing else to show
    const last = spot !== null && spot.col === this.spots.length - 1;
    this.onPreview(spot && map && !last ? { ...map, label: spot.name } : null);
  }

  /** Arrow keys: up and down within a layer, left and right to the next layer's nearest neuron. */
  private moveFocus(e: KeyboardEvent): void {
    const from = this.spots.flat().find((s) => s.canvas === document.activeElement);
    if (!from) return;
    const d: Record<string, [number, number]> = {
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
    };
    const move = d[e.key];
    if (!move) return;
    e.preventDefault();
    const col = this.spots[from.col + move[0]];
    if (!col || col.length === 0) return;
    const row =
      move[0] === 0
        ? from.row + move[1]
        : Math.round((from.row / Math.max(1, this.spots[from.col].length - 1)) * (col.length - 1));
    const to = col[row];
    if (!to) return;
    from.canvas.tabIndex = -1;
    to.canvas.tabIndex = 0;
    to.canvas.focus();
  }

  /** One table per layer: the weight from each input (columns) to each drawn neuron (rows), and its bias. */
  private buildWeightTables(): void {
    const sizes = [2, ...this.hidden, this.nOut];
    const summary = this.weightTables.querySelector("summary") as HTMLElement;
    const tables: HTMLElement[] = [];
    for (let l = 1; l < sizes.length; l++) {
      const nin = sizes[l - 1];
      const shownIn = Math.min(nin, MAX_DRAWN);
      const shownOut = Math.min(sizes[l], MAX_DRAWN);
      const layer = l === sizes.length - 1 ? "output" : `h${l}`;
      const source = (k: number) => (l === 1 ? `x${k + 1}` : `h${l - 1}[${k + 1}]`);
      const table = el("table", undefined, "network-weight-table");
      const cut =
        shownIn < nin || shownOut < sizes[l] ? ` (the first ${shownOut} neurons and ${shownIn} inputs)` : "";
      table.createCaption().textContent = `Layer ${layer}: weight from each input (columns) to each neuron (rows), and the bias${cut}`;
      const head = table.createTHead().insertRow();
      head.append(
        el("th", "neuron"),
        ...Array.from({ length: shownIn }, (_, k) => el("th", source(k))),
        el("th", "bias"),
      );
      for (const th of head.cells) th.setAttribute("scope", "col");
      const body = table.createTBody();
      for (let j = 0; j < shownOut; j++) {
        const tr = body.insertRow();
        const th = el("th", `${layer}[${j + 1}]`);
        th.scope = "row";
        tr.append(th);
        for (let k = 0; k <= shownIn; k++) {
          const td = tr.insertCell();
          td.dataset.param = String(this.paramIndex(l, j, k === shownIn ? nin : k));
        }
      }
      tables.push(table);
    }
    this.weightTables.replaceChildren(summary, ...tables);
    if (this.weights && this.weightTables.open) this.fillWeightTables(this.weights);
  }

  /** Index in `parameters()` order of layer l's neuron j's weight k (k = the layer's input count: the bias). */
  private paramIndex(l: number, j: number, k: number): number {
    const sizes = [2, ...this.hidden, this.nOut];
    let index = 0;
    for (let i = 1; i < l; i++) index += sizes[i] * (sizes[i - 1] + 1);
    return index + j * (sizes[l - 1] + 1) + k;
  }

  private fillWeightTables(weights: Float64Array): void {
    for (const td of this.weightTables.querySelectorAll<HTMLTableCellElement>("td[data-param]")) {
      const w = weights[Number(td.dataset.param)];
      td.textContent = w === undefined ? "" : w.toFixed(4);
    }
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
      const map = { values: input(i), res, scale: 1 };
      this.maps.set(s.canvas, map);
      paintMap(s.canvas, map);
    });
    if (maps) {
      let offset = 0;
      maps.layers.forEach((size, l) => {
        const n = maps.res * maps.res;
        this.spots[l + 1]?.forEach((s, j) => {
          const values = maps.values.subarray((offset + j) * n, (offset + j + 1) * n);
          let max = 0;
          for (const v of values) max = Math.max(max, Math.abs(v));
          const map = { values: Float32Array.from(values), res: maps.res, scale: max > 0 ? max : 1 };
          this.maps.set(s.canvas, map);
          paintMap(s.canvas, map);
        });
        offset += size;
      });
    }
    const out = this.spots[this.spots.length - 1];
    if (grid && out) for (const s of out) drawGridImage(s.canvas, grid, discretize);
    if (this.previewed) this.preview(this.previewed); // the big picture follows training
    if (this.weightTables.open) this.fillWeightTables(weights);
  }
}
