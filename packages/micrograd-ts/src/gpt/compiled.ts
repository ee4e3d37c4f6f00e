/**
 * microgpt on the compiled path: one compiled graph per document length (at most blockSize of them), the
 * token ids fed through index leaves (`Value.select`), so a training step replays a graph instead of
 * building ~20k Values. Bit for bit the object engine on the same graph (`documentLoss` with index leaves;
 * tested), within an ulp or two of microgpt's plain graph.
 */
import { type CompiledGraph, compile } from "../compile/compile.js";
import { Value } from "../engine/value.js";
import { documentLoss } from "./loss.js";
import type { MicroGpt } from "./model.js";

/** A document loss graph for one length: `ids[p]` holds the token at position p (targets are ids[p + 1]). */
interface LengthGraph {
  readonly graph: CompiledGraph;
  readonly ids: Value[];
}

/** `documentLoss` with its gradients, by replaying one compiled graph per document length. */
export class CompiledDocumentLoss {
  private readonly graphs = new Map<number, LengthGraph>();

  /** @param model the model whose parameters the graphs read (and whose `.grad`s `run` writes) */
  constructor(readonly model: MicroGpt) {}

  /** How many lengths have a compiled graph so far. */
  get graphCount(): number {
    return this.graphs.size;
  }

  /**
   * The loss of one tokenized document (as `documentLoss`) and, in every parameter's `.grad`, its gradient
   * (parameters the document does not reach, such as later positions' wpe rows, get 0).
   */
  run(tokens: readonly number[]): number {
    if (!Array.isArray(tokens) || tokens.length < 2) {
      throw new RangeError(
        `CompiledDocumentLoss.run(tokens): tokens must hold at least 2 token ids (BOS, …, BOS), got ${JSON.stringify(tokens)}`,
      );
    }
    const n = Math.min(this.model.config.blockSize, tokens.length - 1);
    const entry = this.graphs.get(n) ?? this.build(n);
    for (let p = 0; p <= n; p++) entry.ids[p].data = tokens[p];
    for (const w of this.model.parameters()) w.grad = 0;
    const loss = entry.graph.forward();
    entry.graph.backward();
    return loss;
  }

  /** Builds and compiles the loss of an n-position document, ids as leaves (keeping only the leaves). */
  private build(n: number): LengthGraph {
    const ids = Array.from({ length: n + 1 }, (_, p) => new Value(0, `token${p}`));
    const graph = compile(documentLoss(this.model, ids), { keepNodes: false });
    const entry = { graph, ids };
    this.graphs.set(n, entry);
    return entry;
  }
}
