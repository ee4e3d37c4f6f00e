import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PlayLoop } from "../../../web/src/shared/play-loop.js";

describe("PlayLoop (the workers' playing state and steps/s)", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs chunks while playing, one at a time, and none after pause", () => {
    let chunks = 0;
    const loop: PlayLoop = new PlayLoop(() => {
      chunks++;
      loop.next();
    });
    loop.play();
    loop.play(); // already playing: no second chain of chunks
    vi.advanceTimersToNextTimer();
    vi.advanceTimersToNextTimer();
    expect(chunks).toBe(2);
    loop.pause();
    vi.advanceTimersByTime(10);
    expect(chunks).toBe(2);
    expect(loop.playing).toBe(false);
  });

  it("speed: steps over windows of at least a second; 0 after pause and at a new run", () => {
    const loop = new PlayLoop(() => {});
    loop.play();
    loop.count(300, 1000, 1500);
    expect(loop.speed).toBe(0); // half a second: no full window yet
    loop.count(300, 1500, 2000);
    expect(loop.speed).toBe(600); // 600 steps from 1000 to 2000 ms
    loop.count(500, 2000, 3250);
    expect(loop.speed).toBe(400); // a new window began at 2000
    loop.newRun();
    expect(loop.speed).toBe(0);
    expect(loop.playing).toBe(true); // a new run keeps playing
    loop.pause();
    expect(loop.speed).toBe(0);
  });

  it("newRun cancels the chunk already scheduled; next() schedules one only while playing", () => {
    let chunks = 0;
    const loop = new PlayLoop(() => chunks++);
    loop.play();
    loop.newRun();
    vi.advanceTimersByTime(10);
    expect(chunks).toBe(0);
    loop.next();
    vi.advanceTimersByTime(10);
    expect(chunks).toBe(1);
    loop.playing = false; // e.g. diverged: the current chunk ends and no other comes
    loop.next();
    vi.advanceTimersByTime(10);
    expect(chunks).toBe(1);
  });
});
