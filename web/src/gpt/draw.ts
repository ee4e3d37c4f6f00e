/**
 * Canvas drawings for the GPT view: the loss curve (each step's loss and its moving average against the
 * step) and one attention head's weights as a heat map (query position down, key position across).
 */
import { whiteCanvas } from "../shared/canvas.js";

const RAW = "rgba(192, 57, 43, 0.22)";
const SMOOTH = "#c0392b";
const AXIS = "#444";
const GRID = "#e3e6ea";
/** The uniform guess's line: a purple no other line uses. */
export const UNIFORM_COLOR = "#7b3294";
/** The attention maps' colours: white for 0 to dark blue for 1, and the causal mask's grey. */
export const ATTENTION_LOW: [number, number, number] = [255, 255, 255];
export const ATTENTION_HIGH: [number, number, number] = [8, 48, 107];
export const ATTENTION_MASKED = "#f3f4f6";

/**
 * The loss curve: `losses[i]` is step i + 1's loss; `smooth` its moving average; x runs to `steps`. A
 * dashed line marks `uniform`, the loss of a uniform guess over the tokens (−log(1/27) = 3.30).
 */
export function drawLossCurve(
  canvas: HTMLCanvasElement,
  losses: readonly number[],
  smooth: readonly number[],
  steps: number,
  smoothWindow: number,
  uniform: number,
): void {
  const blank = whiteCanvas(canvas);
  if (!blank) return;
  const { ctx, w, h } = blank;
  const left = 40;
  const right = 12;
  const top = 12;
  const bottom = 26;
  const pw = w - left - right;
  const ph = h - top - bottom;
  // the y range in steps of 0.5 around the losses (microgpt's go from ~3.3 at step 1 down to ~1-4 per name)
  let lo = 2;
  let hi = Math.max(3.5, uniform);
  for (const l of losses) {
    if (!Number.isFinite(l)) continue;
    lo = Math.min(lo, l);
    hi = Math.max(hi, l);
  }
  lo = Math.floor(lo * 2) / 2;
  hi = Math.ceil(hi * 2) / 2;
  const x = (i: number) => left + ((i + 1) / Math.max(1, steps)) * pw;
  const y = (l: number) => top + ph - ((l - lo) / (hi - lo)) * ph;

  ctx.font = "11px system-ui, sans-serif";
  ctx.lineWidth = 1;
  ctx.textAlign = "right";
  ctx.fillStyle = AXIS;
  for (let v = lo; v <= hi + 1e-9; v += 0.5) {
    ctx.strokeStyle = GRID;
    ctx.beginPath();
    ctx.moveTo(left, y(v));
    ctx.lineTo(left + pw, y(v));
    ctx.stroke();
    ctx.fillText(v.toFixed(1), left - 5, y(v) + 4);
  }
  ctx.strokeStyle = "#ccc";
  ctx.strokeRect(left, top, pw, ph);
  ctx.textAlign = "center";
  ctx.fillText(`step (1 – ${steps.toLocaleString("en-US")})`, left + pw / 2, h - 7);

  const line = (values: readonly number[], color: string, width: number) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.beginPath();
    values.forEach((l, i) => {
      if (i === 0) ctx.moveTo(x(i), y(l));
      else ctx.lineTo(x(i), y(l));
    });
    ctx.stroke();
  };
  // the uniform guess: what a model that knows nothing scores
  ctx.save();
  ctx.strokeStyle = UNIFORM_COLOR;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([6, 4]);
  ctx.beginPath();
  ctx.moveTo(left, y(uniform));
  ctx.lineTo(left + pw, y(uniform));
  ctx.stroke();
  ctx.restore();
  ctx.fillStyle = UNIFORM_COLOR;
  ctx.textAlign = "right";
  ctx.fillText(`uniform guess ${uniform.toFixed(2)}`, left + pw - 4, y(uniform) - 4);
  line(losses, RAW, 1);
  line(smooth, SMOOTH, 2);

  ctx.textAlign = "left";
  ctx.fillStyle = SMOOTH;
  const legend =
    pw > 380
      ? `loss: each step's name (light), mean of the last ${smoothWindow} (dark)`
      : `loss (light), mean of ${smoothWindow} (dark)`;
  ctx.fillText(legend, left + 6, top + 14);
}

/** The colour of an attention weight in [0, 1]: `ATTENTION_LOW` to `ATTENTION_HIGH`, linearly. */
export function attentionColor(weight: number): string {
  const a = Math.max(0, Math.min(1, Number.isFinite(weight) ? weight : 0));
  const c = ATTENTION_LOW.map((lo, i) => Math.round(lo + ((ATTENTION_HIGH[i] as number) - lo) * a));
  return `rgb(${c.join(", ")})`;
}

/**
 * One head's attention: `rows[q][t]` is how much position q attends to position t (t <= q), in [0, 1].
 * `labels[p]` is the token at position p. White is 0, dark blue is 1 (see `attentionColor`).
 */
export function drawAttention(
  canvas: HTMLCanvasElement,
  rows: readonly number[][],
  labels: readonly string[],
): void {
  const blank = whiteCanvas(canvas);
  if (!blank) return;
  const { ctx, w, h } = blank;
  const n = rows.length;
  if (n === 0) return;
  const margin = 16;
  const cell = Math.min((w - margin) / n, (h - margin) / n);
  ctx.font = `${Math.max(9, Math.min(13, cell * 0.6))}px ui-monospace, "DejaVu Sans Mono", monospace`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillStyle = AXIS;
  labels.forEach((label, p) => {
    ctx.fillText(label, margin + (p + 0.5) * cell, margin / 2); // key (attended to), across the top
    ctx.fillText(label, margin / 2, margin + (p + 0.5) * cell); // query (attending), down the side
  });
  rows.forEach((row, q) => {
    for (let t = 0; t < n; t++) {
      const px = margin + t * cell;
      const py = margin + q * cell;
      if (t > q) {
        ctx.fillStyle = ATTENTION_MASKED; // causal mask: a position never sees the future
      } else {
        ctx.fillStyle = attentionColor(row[t] ?? 0);
      }
      ctx.fillRect(px, py, cell - 1, cell - 1);
    }
  });
}
