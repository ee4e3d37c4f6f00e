/**
 * Lays out DOT text as SVG with Graphviz compiled to WebAssembly, off the main thread. The ~800 kB
 * Graphviz module is imported only when the first graph is drawn.
 */
import type { Graphviz } from "@hpcc-js/wasm-graphviz";

/** A layout request. */
export interface LayoutRequest {
  id: number;
  dot: string;
}

/** A layout answer: the SVG, or what went wrong. */
export type LayoutResponse = { id: number; svg: string } | { id: number; error: string };

let graphviz: Promise<Graphviz> | null = null;

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
};

scope.onmessage = async (event) => {
  const { id, dot } = event.data;
  try {
    graphviz ??= import("@hpcc-js/wasm-graphviz").then((m) => m.Graphviz.load());
    const gv = await graphviz;
    scope.postMessage({ id, svg: gv.dot(dot, "svg") });
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
