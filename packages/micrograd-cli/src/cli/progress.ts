/**
 * Step-by-step progress: every step prints one plain line; on a terminal a progress bar is drawn
 * underneath as well. When stdout is not a terminal (CI, pipes), or the terminal is narrower than
 * `MIN_BAR_COLUMNS`, only the lines are written, with no escape codes: redrawing the bar clears one
 * screen row, so a step line that wraps onto two rows would be half erased. If a line turns out wider
 * than the terminal anyway, the bar is dropped from then on.
 */
import cliProgress from "cli-progress";

/**
 * stdout for the bar, minus cli-progress's save/restore-cursor codes: they assume nothing else prints while
 * the bar runs, and would jump the cursor back over our step lines when the bar stops.
 */
function barStream(): NodeJS.WritableStream {
  const out = process.stdout;
  return {
    isTTY: true,
    get columns() {
      return out.columns;
    },
    write: (s: string, ...rest: unknown[]) =>
      out.write(
        s.replaceAll("\u001b7", "").replaceAll("\u001b8", ""),
        ...(rest as [BufferEncoding, () => void]),
      ),
  } as unknown as NodeJS.WritableStream;
}

/** The narrowest terminal that gets a bar: the demo's step lines are up to ~55 characters. */
export const MIN_BAR_COLUMNS = 60;

/** Prints step lines, with a progress bar on a terminal. */
export class Progress {
  private bar: cliProgress.SingleBar | null;

  /**
   * @param total number of steps
   * @param label text before the bar
   * @param useBar draw the bar (default: stdout is a terminal)
   */
  constructor(total: number, label: string, useBar: boolean = process.stdout.isTTY === true) {
    const columns = process.stdout.columns ?? 80;
    if (useBar && total > 0 && columns >= MIN_BAR_COLUMNS) {
      // A SingleBar redraws synchronously, so the bar moves even while a training loop blocks the event loop.
      this.bar = new cliProgress.SingleBar(
        {
          format: `${label} [{bar}] {value}/{total} | {status}`,
          barsize: Math.max(10, Math.min(40, columns - 50)),
          hideCursor: true,
          clearOnComplete: true,
          stream: barStream(),
          synchronousUpdate: true,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, 0, { status: "" });
    } else {
      this.bar = null;
    }
  }

  /** Prints one line (above the bar on a terminal). */
  log(line: string): void {
    if (this.bar && line.length >= (process.stdout.columns ?? 80)) {
      // the line would wrap: drop the bar for good and go on with plain lines
      this.bar.stop();
      this.bar = null;
    }
    if (this.bar) {
      // clear the bar's line, print the text, and draw the bar again below it
      process.stdout.write(`\r\x1b[2K${line}\n`);
      (this.bar as unknown as { render(): void }).render();
    } else {
      process.stdout.write(`${line}\n`);
    }
  }

  /** Advances the bar by one step, showing a short status. */
  tick(status = ""): void {
    this.bar?.increment(1, { status });
  }

  /** Removes the bar. */
  stop(): void {
    this.bar?.stop();
  }
}
