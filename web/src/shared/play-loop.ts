/**
 * What the playground's two workers (the training view's and the GPT view's) share about playing: whether
 * they play, the timer of the next chunk of steps, and the steps per second they report, measured over
 * windows of at least a second.
 */
export class PlayLoop {
  /** Whether chunks keep coming (set false to stop after the current one, e.g. on divergence). */
  playing = false;
  /** Steps per second over the last window of at least a second (0 until one ends, and when paused). */
  speed = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private windowStart = 0;
  private windowSteps = 0;

  /** @param chunk runs a chunk of steps; it calls `count` and, to go on, `next` */
  constructor(private readonly chunk: () => void) {}

  /** Starts playing (nothing if already playing): a new speed window, the first chunk as soon as possible. */
  play(): void {
    if (this.playing) return;
    this.playing = true;
    this.openWindow();
    this.next();
  }

  /** Stops playing: the chunk scheduled, if any, does not run; the speed drops to 0. */
  pause(): void {
    this.playing = false;
    this.cancel();
    this.speed = 0;
  }

  /** A new run (playing or not stays as it is): the chunk scheduled is cancelled, the speed starts again. */
  newRun(): void {
    this.cancel();
    this.speed = 0;
    this.openWindow();
  }

  /** Schedules the next chunk, if playing. */
  next(): void {
    if (this.playing) this.timer = setTimeout(this.run, 0);
  }

  /** Counts `steps` steps of a chunk that began at `start` and ended at `now` (performance.now()). */
  count(steps: number, start: number, now: number): void {
    if (this.windowStart === 0) this.windowStart = start;
    this.windowSteps += steps;
    if (now - this.windowStart >= 1000) {
      this.speed = (this.windowSteps * 1000) / (now - this.windowStart);
      this.openWindow(now);
    }
  }

  private readonly run = (): void => {
    this.timer = null;
    if (this.playing) this.chunk();
  };

  private openWindow(at = 0): void {
    this.windowStart = at;
    this.windowSteps = 0;
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
