/**
 * The page's side of the Graphviz worker: `layout(dot)` resolves to SVG text. The worker starts on the
 * first call. A layout that takes too long is abandoned (the worker is stopped and restarted on the next
 * call), so a pathological graph can never freeze the page.
 */
import type { LayoutRequest, LayoutResponse } from "./graphviz.worker.js";

/** Thrown when a layout is abandoned because it took too long. */
export class LayoutTimeoutError extends Error {
  constructor(seconds: number) {
    super(
      `Graphviz took more than ${seconds} s to lay this graph out, so it was stopped; try a smaller graph.`,
    );
    this.name = "LayoutTimeoutError";
  }
}

/** Lays out DOT in a Web Worker. */
export class GraphvizClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (svg: string) => void; reject: (e: Error) => void; timer: number }
  >();

  /** @param timeoutSeconds how long one layout may take */
  constructor(private readonly timeoutSeconds = 20) {}

  private start(): Worker {
    const worker = new Worker(new URL("./graphviz.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
      const job = this.pending.get(event.data.id);
      if (!job) return;
      this.pending.delete(event.data.id);
      clearTimeout(job.timer);
      if ("svg" in event.data) job.resolve(event.data.svg);
      else job.reject(new Error(`Graphviz could not lay out the graph: ${event.data.error}`));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail(new Error(`the Graphviz worker failed: ${event.message || "could not load it"}`));
    };
    return worker;
  }

  private fail(error: Error): void {
    this.worker?.terminate();
    this.worker = null;
    for (const job of this.pending.values()) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    this.pending.clear();
  }

  /** SVG text for DOT text. */
  layout(dot: string): Promise<string> {
    this.worker ??= this.start();
    const id = this.nextId++;
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      const timer = window.setTimeout(
        () => this.fail(new LayoutTimeoutError(this.timeoutSeconds)),
        this.timeoutSeconds * 1000,
      );
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, dot } satisfies LayoutRequest);
    });
  }
}
