/**
 * A scrollable, zoomable view of a Graphviz SVG that keeps its text readable. The graph is laid out once
 * per structure; later numbers are written into the SVG's text in place (`setText`), so nothing moves
 * while stepping. Scroll, drag or use the arrow keys to pan; Ctrl+wheel, +/- keys or the buttons to
 * zoom; 0 or "Fit" to fit. Zooming stops where text would drop below `MIN_TEXT_PX` (or the view's own
 * limit): a bigger graph scrolls instead. `reveal` scrolls (and zooms out, within that limit) so given nodes are in view.
 */

const SVG_NS = "http://www.w3.org/2000/svg";
/** Smallest on-screen text size, in CSS pixels, that zooming out allows. */
export const MIN_TEXT_PX = 10;
/** Text size a graph too big to fit is first shown at. */
const READABLE_TEXT_PX = 12;
/** Largest zoom when fitting a small graph. */
const MAX_FIT = 1.5;
/** Space kept around revealed nodes, in CSS pixels. */
const MARGIN = 24;

/** A rectangle in the viewport's coordinates (CSS pixels). */
interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function union(a: Box | null, b: Box): Box {
  if (!a) return { ...b };
  return {
    left: Math.min(a.left, b.left),
    top: Math.min(a.top, b.top),
    right: Math.max(a.right, b.right),
    bottom: Math.max(a.bottom, b.bottom),
  };
}

/** The scroll/zoom view of one graph. */
export class GraphView {
  /** The view (put it in the page). */
  readonly element: HTMLElement;
  /** The scrolling, focusable viewport. */
  readonly viewport: HTMLElement;
  private readonly stage: HTMLDivElement;
  private readonly message: HTMLParagraphElement;
  private svg: SVGSVGElement | null = null;
  private width = 0;
  private height = 0;
  private fontSize = 14;
  private scale = 1;
  /** True while the view is "fitted" (refit on resize); false once the user or `reveal` moved it. */
  private fitted = true;
  private lastReveal: { ids: string[]; primary: string } | null = null;
  private nodes = new Map<string, SVGGElement>();
  private texts = new Map<string, { data?: SVGTextElement; grad?: SVGTextElement }>();

  /**
   * @param label accessible name of the view, e.g. "Computation graph"
   * @param minTextPx the smallest on-screen text zooming out and fitting allow (an overview may go below
   *   `MIN_TEXT_PX` to open with the whole graph in view)
   */
  constructor(
    private readonly label: string,
    private readonly minTextPx = MIN_TEXT_PX,
  ) {
    this.element = document.createElement("div");
    this.element.className = "graph-view";
    const viewport = document.createElement("div");
    this.viewport = viewport;
    viewport.className = "graph-viewport";
    viewport.tabIndex = 0;
    viewport.setAttribute("role", "group");
    viewport.setAttribute(
      "aria-label",
      `${label}: scroll, drag or arrow keys to pan, Ctrl+wheel or + and - to zoom, 0 to fit`,
    );
    this.stage = document.createElement("div");
    this.stage.className = "graph-stage";
    this.message = document.createElement("p");
    this.message.className = "graph-message";
    this.message.hidden = true;
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
    button("Fit", "Fit the graph (as far as the text stays readable)", () => this.fit());
    this.element.append(bar, viewport, this.message);

    // drag to pan with a mouse (touch scrolls natively)
    let drag: { id: number; x: number; y: number } | null = null;
    viewport.addEventListener("pointerdown", (e) => {
      if (e.button !== 0 || e.pointerType !== "mouse") return;
      drag = { id: e.pointerId, x: e.clientX, y: e.clientY };
      viewport.setPointerCapture(e.pointerId);
      viewport.classList.add("dragging");
    });
    viewport.addEventListener("pointermove", (e) => {
      if (!drag || drag.id !== e.pointerId) return;
      this.panBy(e.clientX - drag.x, e.clientY - drag.y);
      drag.x = e.clientX;
      drag.y = e.clientY;
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
        if (!e.ctrlKey && !e.metaKey) {
          this.moved();
          return; // plain wheel: scroll
        }
        e.preventDefault();
        const r = viewport.getBoundingClientRect();
        this.zoomBy(Math.exp(-e.deltaY * 0.004), e.clientX - r.left, e.clientY - r.top);
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
    // refit (or keep the revealed nodes in view) when the view changes size, e.g. a window resize
    let lastSize = "";
    new ResizeObserver(() => {
      const size = `${viewport.clientWidth}x${viewport.clientHeight}`;
      if (size === lastSize || !this.svg) return;
      lastSize = size;
      if (this.fitted) this.fit();
      else if (this.lastReveal) this.reveal(this.lastReveal.ids, this.lastReveal.primary);
    }).observe(viewport);
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
    this.texts.clear();
    this.lastReveal = null;
  }

  /** True when a graph is shown. */
  get shown(): boolean {
    return this.svg !== null;
  }

  /** The zoom factor (1 = Graphviz's size). */
  get zoom(): number {
    return this.scale;
  }

  /** The smallest zoom allowed: where the graph's text is `minTextPx` (`MIN_TEXT_PX`) on screen. */
  get minZoom(): number {
    return this.minTextPx / this.fontSize;
  }

  /**
   * Shows Graphviz SVG text: fitted to the view when the text stays readable, otherwise at a readable
   * size scrolled to the node `focus` (a DOT id such as "n12", e.g. the output).
   */
  show(svgText: string, focus?: string): void {
    const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
    const parsed = doc.documentElement;
    if (parsed.namespaceURI !== SVG_NS || parsed.nodeName !== "svg")
      throw new Error("Graphviz returned no SVG");
    for (const s of parsed.querySelectorAll("script, foreignObject")) s.remove();
    const svg = document.importNode(parsed, true) as unknown as SVGSVGElement;
    const box = svg.viewBox.baseVal;
    this.width = box && box.width > 0 ? box.width : 100;
    this.height = box && box.height > 0 ? box.height : 100;
    const size = Number(svg.querySelector("text")?.getAttribute("font-size"));
    this.fontSize = size > 0 ? size : 14;
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", this.label);
    svg.querySelector(":scope > title")?.remove();
    svg.querySelector(":scope > g > title")?.remove(); // the graph's own title ("G")
    this.nodes.clear();
    this.texts.clear();
    for (const g of svg.querySelectorAll<SVGGElement>("g.edge")) g.setAttribute("aria-hidden", "true");
    for (const g of svg.querySelectorAll<SVGGElement>("g.node")) {
      const title = g.querySelector("title");
      const id = title?.textContent ?? "";
      title?.remove(); // "n12" would show as a tooltip
      if (!id) continue;
      this.nodes.set(id, g);
      if (/_(op|more)$/.test(id)) {
        g.setAttribute("aria-hidden", "true");
        continue;
      }
      g.setAttribute("role", "img");
      const entry: { data?: SVGTextElement; grad?: SVGTextElement } = {};
      for (const t of g.querySelectorAll("text")) {
        const s = t.textContent ?? "";
        if (s.startsWith("data ")) entry.data = t;
        else if (s.startsWith("grad ")) entry.grad = t;
      }
      this.texts.set(id, entry);
    }
    this.stage.replaceChildren(svg);
    this.svg = svg;
    this.lastReveal = null;
    this.fit();
    const node = focus ? this.nodes.get(focus) : undefined;
    if (node && this.scale * this.fontSize < READABLE_TEXT_PX && this.scale < this.fitScale()) {
      this.setScale(READABLE_TEXT_PX / this.fontSize);
      this.fitted = false;
      this.reveal([focus as string], focus as string);
    }
  }

  /** Writes the "data …" or "grad …" text of node `id` (a laid-out value node) in place. */
  setText(id: string, field: "data" | "grad", text: string): void {
    const t = this.texts.get(id)?.[field];
    if (t && t.textContent !== text) t.textContent = text;
  }

  /** Sets what assistive technology reads for node `id` (e.g. "a: data 2.0000, grad 6.0000"). */
  describe(id: string, text: string): void {
    this.nodes.get(id)?.setAttribute("aria-label", text);
  }

  /** Whether node `id` is drawn. */
  has(id: string): boolean {
    return this.nodes.has(id);
  }

  /**
   * Marks one node as current (`aria-current="step"`, a thick outline) and others as its parents
   * (a dashed outline); clears earlier marks. Ids are DOT ids like "n5".
   */
  highlight(current: string | null, parents: readonly string[] = []): void {
    if (!this.svg) return;
    for (const g of this.svg.querySelectorAll(".hl-current, .hl-parent")) {
      g.classList.remove("hl-current", "hl-parent");
    }
    for (const g of this.svg.querySelectorAll("[aria-current]")) g.removeAttribute("aria-current");
    for (const p of parents) this.nodes.get(p)?.classList.add("hl-parent");
    if (current) {
      const g = this.nodes.get(current);
      g?.classList.add("hl-current");
      g?.setAttribute("aria-current", "step");
      this.nodes.get(`${current}_op`)?.classList.add("hl-current");
    }
  }

  /** The fitting zoom: the whole graph in the view (at most `MAX_FIT`). */
  private fitScale(): number {
    const vw = this.viewport.clientWidth || 600;
    const vh = this.viewport.clientHeight || 400;
    return Math.min(vw / this.width, vh / this.height, MAX_FIT) * 0.95;
  }

  /** Fits the whole graph in the view — but never below the readable size; then it scrolls. */
  fit(): void {
    if (!this.svg) return;
    this.setScale(Math.max(this.fitScale(), this.minZoom));
    this.viewport.scrollLeft = (this.viewport.scrollWidth - this.viewport.clientWidth) / 2;
    this.viewport.scrollTop = (this.viewport.scrollHeight - this.viewport.clientHeight) / 2;
    this.fitted = true;
    this.lastReveal = null;
  }

  private setScale(scale: number): void {
    if (!this.svg) return;
    this.scale = scale;
    this.svg.setAttribute("width", String(this.width * scale));
    this.svg.setAttribute("height", String(this.height * scale));
  }

  /** Zooms by a factor around a point of the view (default: its centre), within the readable limit. */
  zoomBy(factor: number, cx?: number, cy?: number): void {
    if (!this.svg) return;
    const vp = this.viewport;
    const px = cx ?? vp.clientWidth / 2;
    const py = cy ?? vp.clientHeight / 2;
    const next = Math.min(8, Math.max(this.minZoom, this.scale * factor));
    // the graph point under (px, py), as a fraction of the graph, stays under it
    const before = this.svg.getBoundingClientRect();
    const vr = vp.getBoundingClientRect();
    const fx = (vr.left + px - before.left) / before.width;
    const fy = (vr.top + py - before.top) / before.height;
    this.setScale(next);
    const after = this.svg.getBoundingClientRect();
    vp.scrollLeft += after.left + fx * after.width - (vr.left + px);
    vp.scrollTop += after.top + fy * after.height - (vr.top + py);
    this.moved();
  }

  /** Moves the graph by (dx, dy) pixels. */
  panBy(dx: number, dy: number): void {
    this.viewport.scrollLeft -= dx;
    this.viewport.scrollTop -= dy;
    this.moved();
  }

  private moved(): void {
    this.fitted = false;
    this.lastReveal = null;
  }

  /** Where node `id` is, in viewport coordinates (CSS pixels), or null if it is not drawn. */
  boxOf(id: string): Box | null {
    const g = this.nodes.get(id);
    if (!g) return null;
    const r = g.getBoundingClientRect();
    const v = this.viewport.getBoundingClientRect();
    return { left: r.left - v.left, top: r.top - v.top, right: r.right - v.left, bottom: r.bottom - v.top };
  }

  /**
   * Scrolls so that the nodes `ids` are in view, zooming out if they do not fit (never below the
   * readable size). If they cannot all fit, `primary` and as many of the others as fit (nearest first)
   * are shown. Does nothing when they are already in view.
   */
  reveal(ids: readonly string[], primary: string): void {
    if (!this.svg || !this.nodes.has(primary)) return;
    const vp = this.viewport;
    const vw = vp.clientWidth;
    const vh = vp.clientHeight;
    const boxes = () => {
      const own = union(null, this.boxOf(primary) as Box);
      const op = this.boxOf(`${primary}_op`);
      return {
        own: op ? union(own, op) : own,
        others: ids.filter((i) => i !== primary && this.nodes.has(i)).map((i) => this.boxOf(i) as Box),
      };
    };
    let { own, others } = boxes();
    let all = others.reduce((u: Box, b) => union(u, b), own);
    const inside = (b: Box) => b.left >= 0 && b.top >= 0 && b.right <= vw && b.bottom <= vh;
    this.lastReveal = { ids: [...ids], primary };
    this.fitted = false;
    if (inside(all)) return;
    const w = all.right - all.left + 2 * MARGIN;
    const h = all.bottom - all.top + 2 * MARGIN;
    if (w > vw || h > vh) {
      const target = Math.max(this.minZoom, this.scale * Math.min(vw / w, vh / h));
      if (target < this.scale) {
        this.setScale(target);
        ({ own, others } = boxes());
        all = others.reduce((u: Box, b) => union(u, b), own);
      }
    }
    // the box to show: everything, or the primary node plus the nearest others that fit
    let show = all;
    if (all.right - all.left + 2 * MARGIN > vw || all.bottom - all.top + 2 * MARGIN > vh) {
      const cx = (own.left + own.right) / 2;
      const cy = (own.top + own.bottom) / 2;
      const dist = (b: Box) => Math.hypot((b.left + b.right) / 2 - cx, (b.top + b.bottom) / 2 - cy);
      show = own;
      for (const b of [...others].sort((p, q) => dist(p) - dist(q))) {
        const u = union(show, b);
        if (u.right - u.left + 2 * MARGIN <= vw && u.bottom - u.top + 2 * MARGIN <= vh) show = u;
      }
    }
    vp.scrollLeft += (show.left + show.right) / 2 - vw / 2;
    vp.scrollTop += (show.top + show.bottom) / 2 - vh / 2;
  }
}
