/**
 * A lesson's computation graph: the lecture's draw_dot picture (name | data | grad records, op ovals),
 * laid out by Graphviz in the shared `GraphView`, with every grad field wide enough for the numbers it
 * will show, so filling in grads (by hand, or by backward) writes into the drawing without moving it.
 * The grad text of each node comes from a function, so a "your turn" can show "?" for unknown grads.
 */
import { topoOrder, type Value } from "micrograd-ts";
import { snapshotGraph, withLayoutLimits } from "micrograd-ts/limits";
import { fixed } from "../shared/format.js";
import { GraphView } from "../shared/graph-view.js";
import type { GraphvizClient } from "../shared/graphviz-client.js";
import { reservedDot, textWidth } from "../shared/stable-layout.js";

/** Lesson graphs are small; bigger ones are drawn in part, nearest the output. */
export const LESSON_DRAW_LIMIT = 200;

/** The grad field's text for a node ("grad -2.0000", or "grad ?" when hidden). */
export type GradText = (v: Value) => string;

/** The usual grad text: the node's grad to 4 decimals, as draw_dot prints it. */
export const shownGrad: GradText = (v) => `grad ${fixed(v.grad)}`;

/** One lesson's graph view. */
export class LessonGraph {
  readonly view: GraphView;
  private topo: Value[] = [];
  private drawn: number[] = [];
  private generation = 0;

  constructor(
    private readonly graphviz: GraphvizClient,
    label: string,
  ) {
    this.view = new GraphView(label);
    this.view.element.classList.add("lesson-graph");
  }

  /** The element to put in the page. */
  get element(): HTMLElement {
    return this.view.element;
  }

  /**
   * Lays out the graph under `root` and writes the grads with `grad`; `widest` gives, per node, the
   * widest grad it will show (default: its current grad). Resolves when drawn (a newer call wins).
   */
  async draw(
    root: Value,
    grad: GradText = shownGrad,
    widest: (v: Value) => number = (v) => v.grad,
  ): Promise<void> {
    const generation = ++this.generation;
    this.view.element.dataset.state = "busy";
    try {
      const topo = topoOrder(root);
      const snapshot = snapshotGraph(root, Math.min(topo.length, LESSON_DRAW_LIMIT));
      this.view.setMessage(
        topo.length > LESSON_DRAW_LIMIT
          ? `Showing the ${LESSON_DRAW_LIMIT} values nearest the output of ${topo.length}.`
          : "",
      );
      const dot = reservedDot(snapshot.nodes, (id) => {
        const v = topo[id];
        return { data: textWidth(v.data), grad: Math.max(textWidth(widest(v)), textWidth(v.grad), 6) };
      });
      const svg = await this.graphviz.layout(withLayoutLimits(dot, snapshot.nodes.length));
      if (generation !== this.generation) return;
      this.topo = topo;
      this.drawn = snapshot.nodes.map((n) => n.id);
      this.view.show(svg, `n${topo.length - 1}`);
      this.paint(grad);
    } catch (err) {
      if (generation !== this.generation) return;
      this.view.clear();
      this.view.setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      if (generation === this.generation) this.view.element.dataset.state = "ready";
    }
  }

  /** Writes every drawn node's data and grad text again (after grads or data changed). */
  paint(grad: GradText = shownGrad, current: Value | null = null): void {
    for (const id of this.drawn) {
      const v = this.topo[id];
      const n = `n${id}`;
      const g = grad(v);
      this.view.setText(n, "data", `data ${fixed(v.data)}`);
      this.view.setText(n, "grad", g);
      this.view.describe(n, `${v.label || v.op}: data ${fixed(v.data)}, ${g}`);
    }
    const i = current ? this.topo.indexOf(current) : -1;
    this.view.highlight(i >= 0 ? `n${i}` : null, []);
  }
}
