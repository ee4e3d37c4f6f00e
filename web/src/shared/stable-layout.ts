/**
 * Layouts that do not move when the numbers change: each value node is laid out with its "data" and
 * "grad" fields as wide as the widest number they will show (a placeholder of 8s), and the real numbers
 * are then written into the SVG text in place. Graphviz sizes a record by its text, so without this
 * every step that widens a number (0.0000 -> -138.8338) moved the whole graph.
 */
import type { DotNode, DotOptions } from "micrograd-ts";
import { nodesToDot } from "micrograd-ts";
import { fixed } from "./format.js";

/** Reserved text widths (characters of `fixed(x)`) of one node's data and grad fields. */
export interface FieldWidths {
  data: number;
  grad: number;
}

/** Characters `fixed(x)` (4 decimals) takes. */
export function textWidth(x: number): number {
  return fixed(x).length;
}

/**
 * A number whose `fixed` text is `width` characters, all 8s but the point ("88.8888" for 7): at least as
 * wide as any number of that many characters, since a digit is the widest glyph of a number in Times.
 */
export function placeholder(width: number): number {
  // 4 decimals and the point; at most 15 significant digits, so the double prints back exactly
  const digits = Math.min(11, Math.max(1, width - 5));
  return Number(`${"8".repeat(digits)}.8888`);
}

/** Space between ranks and between nodes of a rank (inches): compact for stepping. */
export const COMPACT_SPACING = { ranksep: 0.25, nodesep: 0.12 } as const;

/**
 * DOT text for `nodes` with every data and grad field laid out at its reserved width, `spacing` apart
 * (default `COMPACT_SPACING`).
 */
export function reservedDot(
  nodes: readonly DotNode[],
  widths: (id: number) => FieldWidths,
  options: DotOptions = {},
  spacing: { ranksep: number; nodesep: number } = COMPACT_SPACING,
): string {
  const dot = nodesToDot(
    nodes.map((n) => {
      const w = widths(n.id);
      return { ...n, data: placeholder(w.data), grad: placeholder(w.grad) };
    }),
    options,
  );
  // compact for stepping: fields stacked (a record without the outer braces is vertical in LR), no
  // empty label field, ranks closer. Measured on micrograd's README example: every step's node and
  // parents fit in the view at 1400x900 with text >= 10 px (3 of 26 did not with the lecture's wide
  // records), since a value used far from where it was made stretches the layout less.
  return dot
    .replace(/label="\{ {2}\| (.*) \}", shape=record/g, 'label="$1", shape=record')
    .replace(/label="\{ (.*) \}", shape=record/g, 'label="$1", shape=record')
    .replace(
      /^digraph G \{\n/,
      `digraph G {\n  graph [ranksep=${spacing.ranksep}, nodesep=${spacing.nodesep}];\n`,
    );
}
