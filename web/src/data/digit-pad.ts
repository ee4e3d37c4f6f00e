/**
 * The digits view's drawing pad without any DOM: 8x8 pixels of ink 0..16 (the digits dataset's scale), a
 * soft brush (the dataset's strokes cover about two pixels: each pixel counts the ink of a 4x4 block), a
 * keyboard cursor, and the key bindings.
 */
/** Pixels of an image. */
const PIXELS = 64;

/** Pixels per side. */
export const SIDE = 8;
/** The darkest ink, as the dataset writes it. */
export const MAX_INK = 16;
/** Ink the brush adds to the pixel under it and to its four neighbours. */
const CENTER = MAX_INK;
const NEIGHBOUR = 6;

/** An 8x8 pad of ink, row by row from the top left, with a cursor for the keyboard. */
export class DigitPad {
  /** Ink per pixel, 0..16, row by row (the order of the dataset's features). */
  readonly pixels: number[] = new Array<number>(PIXELS).fill(0);
  /** The keyboard cursor's pixel. */
  cursor = 3 * SIDE + 3;

  /** Adds the brush's ink at (row, col): full at the pixel, some on its four neighbours (capped at 16). */
  brush(row: number, col: number): void {
    const add = (r: number, c: number, ink: number) => {
      if (r < 0 || r >= SIDE || c < 0 || c >= SIDE) return;
      const k = r * SIDE + c;
      this.pixels[k] = Math.min(MAX_INK, this.pixels[k] + ink);
    };
    add(row, col, CENTER);
    add(row - 1, col, NEIGHBOUR);
    add(row + 1, col, NEIGHBOUR);
    add(row, col - 1, NEIGHBOUR);
    add(row, col + 1, NEIGHBOUR);
  }

  /** Erases every pixel. */
  clear(): void {
    this.pixels.fill(0);
  }

  /** Replaces the pixels (an image of the dataset: 64 values 0..16). */
  load(pixels: readonly number[]): void {
    for (let k = 0; k < PIXELS; k++) this.pixels[k] = Math.max(0, Math.min(MAX_INK, pixels[k] ?? 0));
  }

  /**
   * A key pressed on the pad: the arrows move the cursor, Space or Enter ink its pixel with the brush,
   * Delete or Backspace erase it. Returns "move", "ink" or null (not a key of the pad).
   */
  key(key: string): "move" | "ink" | null {
    const r = Math.floor(this.cursor / SIDE);
    const c = this.cursor % SIDE;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const m = moves[key];
    if (m) {
      const nr = Math.max(0, Math.min(SIDE - 1, r + m[0]));
      const nc = Math.max(0, Math.min(SIDE - 1, c + m[1]));
      this.cursor = nr * SIDE + nc;
      return "move";
    }
    if (key === " " || key === "Enter") {
      this.brush(r, c);
      return "ink";
    }
    if (key === "Delete" || key === "Backspace") {
      this.pixels[this.cursor] = 0;
      return "ink";
    }
    return null;
  }
}
