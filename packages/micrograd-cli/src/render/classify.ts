/**
 * Pictures of a classifier's results on a test set, as SVG text: the confusion matrix, and a grid of
 * small grey images (the digits it got wrong, each with its true and predicted class).
 */
import { CLASS_COLORS, escapeXml, tint } from "./plots.js";

const FONT = `font-family="Arimo, Liberation Sans, Arial, Helvetica, sans-serif"`;

/**
 * The confusion matrix `m` (`m[a][p]`: examples of true class a predicted as p) as a table of counts,
 * each cell shaded by its share of its row (the diagonal: the share recalled), true classes down the
 * left, predicted classes along the top, named by `classNames`.
 */
export function confusionMatrixSvg(
  m: readonly (readonly number[])[],
  classNames: readonly string[],
  title: string,
): string {
  const k = m.length;
  if (k === 0 || classNames.length !== k || m.some((row) => row.length !== k)) {
    throw new RangeError(
      `confusionMatrixSvg: expected a ${classNames.length} x ${classNames.length} matrix, got ${k} rows`,
    );
  }
  const cell = Math.max(28, Math.min(64, Math.floor(480 / k)));
  const nameWidth = Math.min(160, 14 + 7 * Math.max(...classNames.map((c) => c.length)));
  const left = 34 + nameWidth;
  const top = 70;
  const W = left + k * cell + 20;
  const H = top + k * cell + 20;
  const color = CLASS_COLORS[0];
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="15" ${FONT}>${escapeXml(title)}</text>`,
    `<text x="${left + (k * cell) / 2}" y="40" text-anchor="middle" font-size="12" ${FONT}>predicted</text>`,
    `<text x="14" y="${top + (k * cell) / 2}" text-anchor="middle" font-size="12" ${FONT} transform="rotate(-90 14 ${top + (k * cell) / 2})">true</text>`,
    `<g font-size="11" ${FONT}>`,
  ];
  classNames.forEach((name, c) => {
    const label = escapeXml(name.length > 20 ? `${name.slice(0, 19)}…` : name);
    parts.push(
      `<text x="${left + c * cell + cell / 2}" y="${top - 8}" text-anchor="middle">${label}</text>`,
      `<text x="${left - 6}" y="${top + c * cell + cell / 2 + 4}" text-anchor="end">${label}</text>`,
    );
  });
  m.forEach((row, a) => {
    const total = row.reduce((s, v) => s + v, 0);
    row.forEach((count, p) => {
      const share = total > 0 ? count / total : 0;
      const x = left + p * cell;
      const y = top + a * cell;
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${count > 0 ? tint(color, 0.08 + 0.92 * share) : "white"}" stroke="#bbb"/>`,
      );
      if (count > 0) {
        parts.push(
          `<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" fill="${share > 0.5 ? "white" : "#222"}">${count}</text>`,
        );
      }
    });
  });
  parts.push(`</g>`, `</svg>`);
  return `${parts.join("\n")}\n`;
}

/** One small image of the grid: `side` x `side` pixels, row by row, and its caption. */
export interface GridImage {
  pixels: readonly number[];
  caption: string;
}

/**
 * Images as a grid of grey squares (0 white, `max` black), `columns` to a row, each captioned below
 * (e.g. `7 → 1`, true and predicted). An empty list draws a note that there is nothing to show.
 */
export function imageGridSvg(
  images: readonly GridImage[],
  options: { side: number; max: number; title: string; columns?: number },
): string {
  const { side, max, title } = options;
  const columns = Math.max(1, Math.min(options.columns ?? 10, images.length));
  const px = 5;
  const box = side * px;
  const gapX = 14;
  const gapY = 24;
  const rows = Math.ceil(images.length / columns);
  const W = Math.max(320, 20 + columns * (box + gapX));
  const H = 40 + Math.max(1, rows) * (box + gapY) + 10;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" ${FONT}>${escapeXml(title)}</text>`,
  ];
  if (images.length === 0) {
    parts.push(`<text x="${W / 2}" y="60" text-anchor="middle" font-size="12" ${FONT}>none</text>`);
  }
  images.forEach((img, i) => {
    const ox = 20 + (i % columns) * (box + gapX);
    const oy = 40 + Math.floor(i / columns) * (box + gapY);
    parts.push(
      `<rect x="${ox - 0.5}" y="${oy - 0.5}" width="${box + 1}" height="${box + 1}" fill="white" stroke="#999"/>`,
    );
    img.pixels.forEach((v, k) => {
      if (v <= 0) return;
      const g = Math.round(255 * (1 - Math.min(1, v / max)));
      const hex = g.toString(16).padStart(2, "0");
      parts.push(
        `<rect x="${ox + (k % side) * px}" y="${oy + Math.floor(k / side) * px}" width="${px}" height="${px}" fill="#${hex}${hex}${hex}"/>`,
      );
    });
    parts.push(
      `<text x="${ox + box / 2}" y="${oy + box + 15}" text-anchor="middle" font-size="11" ${FONT}>${escapeXml(img.caption)}</text>`,
    );
  });
  parts.push(`</svg>`);
  return `${parts.join("\n")}\n`;
}
