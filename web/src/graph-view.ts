/**
 * A pannable, zoomable view of a Graphviz SVG. Drag or use the arrow keys to pan; wheel, +/- keys or
 * the buttons to zoom; 0 or "Fit" to fit. Nodes can be highlighted by their DOT id (`n<index>`).
 */

const SVG_NS = "http://www.w3.org/2000/svg";
/** When fitting would shrink a graph below this scale, it is shown at `READABLE` around its output. */
const MIN_FIT = 0.35;
const READABLE = 0.6;

/** The pan/zoom view of one graph. */
export class GraphView {
  /** The focusable viewport (put it in the page). */
  readonly element: HTMLElement;
  private readonly stage: HTMLDivElement;
  private readonly message: HTMLParagraphElement;
  private svg: SVGSVGElement | null = null;
  private width = 0;
  private height = 0;
  private x = 0;
  private y = 0;
  private scale = 1;
  private nodes = new Map<string, SVGGElement>();

  /** @param label accessible name of the view, e.g. "Computation graph" */
  constructor(label: string) {
    this.element = document.createElement("div");
    this.element.className = "graph-view";
    const viewport = document.createElement("div");
    viewport.className = "graph-viewport";
    viewport.tabIndex = 0;
    viewport.setAttribute("role", "group");
    viewport.setAttribute(
      "aria-label",
      `${label}: drag or arrow keys to pan, wheel or + and - to zoom, 0 to fit`,
    );
    this.stage = document.createElement("div");
    this.stage.className = "graph-stage";
    this.message = document.createElement("p");
    this.message.className = "graph-message";
    viewport.append(this.stage);

    const bar = document.createElement("div");
    bar.className = "graph-toolbar";
    const button = (text: string, title: string, action: () => void) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      b.title = title;
      b.setAttribute("aria-label", `${title} (${label})`);
      b.addEventListener("click", action);
      bar.append(b);
    };
    button("+", "Zoom in", () => this.zoomBy(1.25));
    button("−", "Zoom out", () => this.zoomBy(0.8));
    button("Fit", "Fit the graph", () => this.fit());
    this.element.append(bar, viewport, this.message);

    let drag: { id: number; x: number; y: number } | null = null;
    viewport.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      drag = { id: e.pointerId, x: e.clientX, y: e.clientY };
      viewport.setPointerCapture(e.pointerId);
      viewport.classList.add("dragging");
    });
    viewport.addEventListener("pointermove", (e) => {
      if (!drag || drag.id !== e.pointerId) return;
      this.x += e.clientX - drag.x;
      this.y += e.clientY - drag.y;
      drag.x = e.clientX;
      drag.y = e.clientY;
      this.apply();
    });
    const end = (e: PointerEvent) => {
      if (drag?.id === e.pointerId) drag = null;
      viewport.classList.remove("dragging");
    };
    viewport.addEventListener("pointerup", end);
    viewport.addEventListener("pointercancel", end);
    viewport.addEventListener(
      "wheel",
      (e) => {
        e.preventDefault();
        const r = viewport.getBoundingClientRect();
        this.zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
      },
      { passive: false },
    );
    viewport.addEventListener("keydown", (e) => {
      const step = 40;
      const keys: Record<string, () => void> = {
        ArrowLeft: () => this.panBy(step, 0),
        ArrowRight: () => this.panBy(-step, 0),
        ArrowUp: () => this.panBy(0, step),
        ArrowDown: () => this.panBy(0, -step),
        "+": () => this.zoomBy(1.25),
        "=": () => this.zoomBy(1.25),
        "-": () => this.zoomBy(0.8),
        "0": () => this.fit(),
      };
      const action = keys[e.key];
      if (action) {
        e.preventDefault();
        action();
      }
    });
  }

  private get viewport(): HTMLElement {
    return this.stage.parentElement as HTMLElement;
  }

  /** Shows a line of text under the graph (e.g. "showing 150 of 12,000 values"); "" hides it. */
  setMessage(text: string): void {
    this.message.textContent = text;
    this.message.hidden = text === "";
  }

  /** Removes the graph. */
  clear(): void {
    this.stage.replaceChildren();
    this.svg = null;
    this.nodes.clear();
  }

  /**
   * Shows Graphviz SVG text. With `keepView` (the same graph with new numbers) the pan and zoom stay;
   * otherwise the graph is fitted to the view — or, if fitting would make it too small to read, shown at
   * a readable scale with the node `focus` (a DOT id such as "n12") at the right edge.
   */
  show(svgText: string, keepView = false, focus?: string): void {
    const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
    const parsed = doc.documentElement;
    if (parsed.namespaceURI !== SVG_NS || parsed.nodeName !== "svg")
      throw new Error("Graphviz returned no SVG");
    for (const s of parsed.querySelectorAll("script, foreignObject")) s.remove();
    const svg = document.importNode(parsed, true) as unknown as SVGSVGElement;
    const box = svg.viewBox.baseVal;
    this.width = box && box.width > 0 ? box.width : 100;
    this.height = box && box.height > 0 ? box.height : 100;
    svg.setAttribute("width", String(this.width));
    svg.setAttribute("height", String(this.height));
    svg.setAttribute("aria-hidden", "true");
    svg.querySelector("title")?.remove(); // the graph's own title ("G") would show as a tooltip
    this.stage.replaceChildren(svg);
    this.svg = svg;
    this.nodes.clear();
    for (const g of svg.querySelectorAll<SVGGElement>("g.node")) {
      const title = g.querySelector("title")?.textContent;
      if (title) this.nodes.set(title, g);
    }
    if (keepView) this.apply();
    else {
      this.fit();
      const node = focus ? this.nodes.get(focus) : undefined;
      if (node && this.scale < MIN_FIT) this.showNode(node, READABLE);
    }
  }

  /** Zooms to `scale` with `node` at the right edge of the view (the output of a left-to-right graph). */
  private showNode(node: SVGGElement, scale: number): void {
    const stage = this.stage.getBoundingClientRect();
    const r = node.getBoundingClientRect();
    const right = (r.right - stage.left) / this.scale;
    const cy = (r.top + r.height / 2 - stage.top) / this.scale;
    this.scale = scale;
    this.x = this.viewport.clientWidth - 16 - right * scale;
    this.y = this.viewport.clientHeight / 2 - cy * scale;
    this.apply();
  }

  /** Marks one node as current and others as its parents (DOT ids like "n5"); clears earlier marks. */
  highlight(current: string | null, parents: readonly string[] = []): void {
    if (!this.svg) return;
    for (const g of this.svg.querySelectorAll(".hl-current, .hl-parent")) {
      g.classList.remove("hl-current", "hl-parent");
    }
    for (const p of parents) this.nodes.get(p)?.classList.add("hl-parent");
    if (current) {
      const g = this.nodes.get(current);
      g?.classList.add("hl-current");
      this.nodes.get(`${current}_op`)?.classList.add("hl-current");
    }
  }

  /** Fits the whole graph in the view (never enlarging past 1.5x). */
  fit(): void {
    const vw = this.viewport.clientWidth || 600;
    const vh = this.viewport.clientHeight || 400;
    if (!this.svg) return;
    this.scale = Math.min(vw / this.width, vh / this.height, 1.5) * 0.95;
    this.x = (vw - this.width * this.scale) / 2;
    this.y = (vh - this.height * this.scale) / 2;
    this.apply();
  }

  /** Zooms by a factor around a point of the view (default: its centre). */
  zoomBy(factor: number, cx?: number, cy?: number): void {
    const px = cx ?? this.viewport.clientWidth / 2;
    const py = cy ?? this.viewport.clientHeight / 2;
    const next = Math.min(8, Math.max(0.02, this.scale * factor));
    const f = next / this.scale;
    this.x = px - (px - this.x) * f;
    this.y = py - (py - this.y) * f;
    this.scale = next;
    this.apply();
  }

  /** Moves the graph by (dx, dy) pixels. */
  panBy(dx: number, dy: number): void {
    this.x += dx;
    this.y += dy;
    this.apply();
  }

  private apply(): void {
    this.stage.style.transform = `translate(${this.x}px, ${this.y}px) scale(${this.scale})`;
  }
}
