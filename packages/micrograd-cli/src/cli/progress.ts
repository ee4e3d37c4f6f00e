/**
 * Step-by-step progress: every step prints one plain line; on a terminal a progress bar is drawn
 * underneath as well. When stdout is not a terminal (CI, pipes) only the lines are written, with no
 * escape codes.
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

/** Prints step lines, with a progress bar on a terminal. */
export class Progress {
  private readonly bar: cliProgress.SingleBar | null;

  /**
   * @param total number of steps
   * @param label text before the bar
   * @param useBar draw the bar (default: stdout is a terminal)
   */
  constructor(total: number, label: string, useBar: boolean = process.stdout.isTTY === true) {
    if (useBar && total > 0) {
      // A SingleBar redraws synchronously, so the bar moves even while a training loop blocks the event loop.
      this.bar = new cliProgress.SingleBar(
        {
          format: `${label} [{bar}] {value}/{total} | {status}`,
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
