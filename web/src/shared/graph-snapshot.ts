/**
 * The playground's graph snapshots: the library's `micrograd-ts/limits` (src/limits/graph.ts), shared with
 * `micrograd graph`.
 */
export {
  FAST_LAYOUT_ABOVE,
  type GraphSnapshot,
  type SnapshotNode,
  snapshotGraph,
  snapshotToDot,
  withLayoutLimits,
} from "micrograd-ts/limits";
