/**
 * What the playground's loops (the training view's and the GPT view's workers; any lesson that plays steps)
 * share about playing: whether
 * they play, the timer of the next chunk of steps, the steps per second they report, measured over
 * windows of at least a second, and the rate they keep to (as fast as they go, or from 1 step per second
 * up, so a learner can follow each step).
 */
export class PlayLoop {
  /** Whether chunks keep coming (set false to stop after the current one, e.g. on divergence). */
  playing = false;
  /** Steps per second over the last window of at least a second (0 until one ends, and when paused). */
  speed = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private windowStart = 0;
  private windowSteps = 0;
  /** Steps per second to keep to (Infinity: chunks back to back). */
  private rate = Number.POSITIVE_INFINITY;
  /** When the next step is due (the clock of `count`), while a rate is kept to; 0: not started. */
  private dueAt = 0;
  /** The end of the last chunk counted. */
  private lastNow = 0;

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
    this.dueAt = 0;
    this.openWindow();
  }

  /** Schedules the next chunk, if playing: at once, or when the next step is due under a rate. */
  next(): void {
    if (!this.playing) return;
    const wait = this.rate === Number.POSITIVE_INFINITY ? 0 : Math.max(0, this.dueAt - this.lastNow);
    this.timer = setTimeout(this.run, wait);
  }

  /** The steps per second kept to (Infinity: as fast as it goes). */
  get stepsPerSecond(): number {
    return this.rate;
  }

  /**
   * Keeps to `stepsPerSecond` steps per second from the next chunk on (Infinity: as fast as it goes). A
   * chunk waiting for a slower rate's next step is brought forward.
   * @throws RangeError unless it is a number of at least 1, or Infinity
   */
  setRate(stepsPerSecond: number): void {
    if (typeof stepsPerSecond !== "number" || !(stepsPerSecond >= 1)) {
      throw new RangeError(
        `steps per second must be at least 1 (or Infinity), got ${String(stepsPerSecond)}`,
      );
    }
    this.rate = stepsPerSecond;
    this.dueAt = 0;
    this.openWindow();
    if (this.timer !== null) {
      this.cancel();
      this.next();
    }
  }

  /**
   * How many steps a chunk that starts at `now` may run: Infinity when no rate is kept to, else the steps
   * due by then (the first at once; a loop that fell more than a quarter second behind starts afresh
   * rather than catching up in a burst).
   */
  due(now: number): number {
    if (this.rate === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    if (this.dueAt === 0 || now - this.dueAt > 250) this.dueAt = now;
    return now < this.dueAt ? 0 : Math.floor(((now - this.dueAt) * this.rate) / 1000) + 1;
  }

  /** Counts `steps` steps of a chunk that began at `start` and ended at `now` (performance.now()). */
  count(steps: number, start: number, now: number): void {
    this.lastNow = now;
    if (this.rate !== Number.POSITIVE_INFINITY) this.dueAt += (steps * 1000) / this.rate;
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
