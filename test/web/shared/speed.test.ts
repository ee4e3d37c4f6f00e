// The training view's speed control: its stops and labels, the speed in a share link, and the PlayLoop
// keeping to a rate (fake timers: the loop's own clock is what `count` is told).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { decodeState, encodeState as encodeLink } from "../../../web/src/share.js";
import { PlayLoop } from "../../../web/src/shared/play-loop.js";
import type { TrainState } from "../../../web/src/train/train-link.js";

const encodeState = (s: TrainState) => encodeLink(s).hash;

import { FULL_SPEED, parseSpeed, SPEEDS, speedLabel, speedText } from "../../../web/src/shared/speed.js";
import { defaultTrainConfig } from "../../../web/src/shared/train-config.js";

describe("speed stops", () => {
  it("run from 1 step per second to as fast as it goes, and read as such", () => {
    expect(SPEEDS[0]).toBe(1);
    expect(SPEEDS[SPEEDS.length - 1]).toBe(FULL_SPEED);
    expect([...SPEEDS].sort((a, b) => a - b)).toEqual(SPEEDS);
    expect(speedLabel(1)).toBe("1 step/s");
    expect(speedLabel(20)).toBe("20 steps/s");
    expect(speedLabel(FULL_SPEED)).toBe("as fast as it goes");
  });

  it("round-trip through their link text; anything else is refused", () => {
    for (const s of SPEEDS) expect(parseSpeed(speedText(s))).toBe(s);
    for (const bad of ["0", "3", "-1", "1e3", "01", "Infinity", "", "max ", "99999"]) {
      expect(parseSpeed(bad), bad).toBeUndefined();
    }
  });
});

describe("the speed in a training link", () => {
  const base: TrainState = { view: "train", config: defaultTrainConfig(), points: [], discretize: false };

  it("is written only when slower than full speed, and read back", () => {
    expect(encodeState(base)).not.toContain("speed");
    expect(encodeState({ ...base, speed: FULL_SPEED })).not.toContain("speed");
    const slow = { ...base, speed: 1 };
    expect(encodeState(slow)).toContain("speed=1");
    expect(decodeState(encodeState(slow))).toEqual({ state: slow, errors: [] });
    expect(decodeState("#view=train&speed=max")).toEqual({ state: base, errors: [] });
  });

  it("a bad speed falls back to full speed with a message", () => {
    const d = decodeState("#view=train&speed=3");
    expect(d.state).toEqual(base);
    expect(d.errors).toEqual([
      'link: speed "3" must be one of 1, 2, 5, 10, 20, 50, 100, 200, 500 (steps per second) or max',
    ]);
  });
});

describe("PlayLoop.setRate: keeping to a number of steps per second", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("at full speed every chunk may run any number of steps, back to back", () => {
    const loop = new PlayLoop(() => {});
    expect(loop.stepsPerSecond).toBe(FULL_SPEED);
    expect(loop.due(0)).toBe(FULL_SPEED);
  });

  it("at 1 step per second: one step due at once, the next chunk a second later", () => {
    const t0 = Date.now(); // faked: it moves with the timers
    const chunks: [number, number][] = [];
    const loop: PlayLoop = new PlayLoop(() => {
      const now = Date.now();
      const n = loop.due(now);
      chunks.push([now - t0, n]);
      loop.count(n, now, now);
      loop.next();
    });
    loop.setRate(1);
    loop.play();
    vi.advanceTimersByTime(3500);
    expect(chunks).toEqual([
      [0, 1],
      [1000, 1],
      [2000, 1],
      [3000, 1],
    ]);
  });

  it("counts the steps due: 50 per second is one step every 20 ms, with no burst after a stall", () => {
    const loop = new PlayLoop(() => {});
    loop.setRate(50);
    expect(loop.due(1000)).toBe(1);
    loop.count(1, 1000, 1001);
    expect(loop.due(1005)).toBe(0); // the next is due at 1020
    expect(loop.due(1060)).toBe(3); // 1020, 1040, 1060
    loop.count(3, 1060, 1061);
    expect(loop.due(5000)).toBe(1); // seconds behind: start afresh
  });

  it("a slower rate's wait is cut short when the rate goes up", () => {
    let chunks = 0;
    const loop: PlayLoop = new PlayLoop(() => {
      chunks++;
      loop.count(loop.due(0) === FULL_SPEED ? 100 : 1, 0, 1);
      loop.next();
    });
    loop.setRate(1);
    loop.play();
    vi.advanceTimersByTime(0);
    expect(chunks).toBe(1);
    vi.advanceTimersByTime(500);
    expect(chunks).toBe(1); // waiting for the second step, due at 1000 ms
    loop.setRate(FULL_SPEED);
    vi.advanceTimersByTime(0);
    expect(chunks).toBe(2);
  });

  it("refuses rates below 1 step per second", () => {
    const loop = new PlayLoop(() => {});
    for (const bad of [0, 0.5, -1, Number.NaN]) expect(() => loop.setRate(bad)).toThrow(RangeError);
  });
});
