/**
 * micrograd-ts/internals: pieces the playground, the benchmarks and the tests build on that are not the
 * library's API (they may change with any release): the ops table as data, the trainer's batch graph,
 * the compiled forward's slots, the expression language's tokenizer and offsets.
 */
export { ACTIVATION_OPS, OP_LIST, type OpDef, opByKey } from "./engine/ops.js";
export { lineColumn, type Token, type TokenKind, tokenize } from "./lang/index.js";
export { type BatchGraph, type BatchSpec, buildBatchGraph, fillBatch } from "./train/batch.js";
export type { ForwardSlot } from "./train/forward.js";
