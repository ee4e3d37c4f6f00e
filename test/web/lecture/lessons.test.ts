/**
 * The lessons' data against the video's description (/work/shared/lecture/README.md lists the chapters
 * and their starts), and the lecture view's link state.
 */
import { describe, expect, it } from "vitest";
import { evaluateProgram } from "../../../packages/micrograd-ts/src/index.js";
import { LESSON_COUNT } from "../../../web/src/lecture/lecture-link.js";
import { clock, LESSONS, videoLink } from "../../../web/src/lecture/lessons.js";
import { decodeState, encodeState } from "../../../web/src/share.js";

/** The chapters as the video's description lists them (copied from the reference README). */
const DESCRIPTION = `00:00:25 micrograd overview
00:08:08 derivative of a simple function with one input
00:14:12 derivative of a function with multiple inputs
00:19:09 starting the core Value object of micrograd and its visualization
00:32:10 manual backpropagation example #1: simple expression
00:51:10 preview of a single optimization step
00:52:52 manual backpropagation example #2: a neuron
01:09:02 implementing the backward function for each operation
01:17:32 implementing the backward function for a whole expression graph
01:22:28 fixing a backprop bug when one node is used multiple times
01:27:05 breaking up a tanh, exercising with more operations
01:39:31 doing the same thing but in PyTorch: comparison
01:43:55 building out a neural net library (multi-layer perceptron) in micrograd
01:51:04 creating a tiny dataset, writing the loss function
01:57:56 collecting all of the parameters of the neural net
02:01:12 doing gradient descent optimization manually, training the network
02:14:03 summary of what we learned, how to go towards modern neural nets`;

describe("the lessons", () => {
  const chapters = DESCRIPTION.split("\n").map((line) => ({ start: line.slice(0, 8), title: line.slice(9) }));
  it("one lesson per chapter, in order, titled and timed as the description says, then the exercises", () => {
    expect(LESSONS.length).toBe(18);
    expect(LESSON_COUNT).toBe(LESSONS.length);
    chapters.forEach((c, i) => {
      const l = LESSONS[i];
      expect(l?.title).toBe(c.title);
      const [hh, mm, ss] = c.start.split(":").map(Number) as [number, number, number];
      expect(l?.start).toBe(hh * 3600 + mm * 60 + ss);
    });
    expect(LESSONS[17]?.title).toBe("exercises");
  });
  it("links to the video at the chapter's start", () => {
    expect(videoLink(LESSONS[1]?.start as number)).toBe("https://www.youtube.com/watch?v=VMj-3S1tku0&t=488s");
    expect(clock(4142)).toBe("1:09:02");
    expect(clock(488)).toBe("8:08");
  });
  it("every lesson's program runs in the expression language as written", () => {
    for (const l of LESSONS)
      if (l.program !== undefined) expect(() => evaluateProgram(l.program as string)).not.toThrow();
  });
  it("every lesson has text and something to try", () => {
    for (const l of LESSONS) {
      expect(l.text.length).toBeGreaterThan(0);
      expect(l.tryThis.length).toBeGreaterThan(0);
    }
  });
});

describe("the lecture view's link", () => {
  it("round-trips the lesson", () => {
    for (let n = 1; n <= LESSON_COUNT; n++) {
      expect(decodeState(encodeState({ view: "lecture", lesson: n }).hash)).toEqual({
        state: { view: "lecture", lesson: n },
        errors: [],
      });
    }
    expect(encodeState({ view: "lecture", lesson: 5 }).hash).toBe("#view=lecture&lesson=5");
  });
  it("no lesson: lesson 1, no message", () => {
    expect(decodeState("#view=lecture")).toEqual({ state: { view: "lecture", lesson: 1 }, errors: [] });
  });
  it("a bad lesson opens lesson 1 with a clear message", () => {
    for (const bad of ["0", "19", "99", "-1", "2.5", "abc", "", "1e1"]) {
      const { state, errors } = decodeState(`#view=lecture&lesson=${bad}`);
      expect(state).toEqual({ view: "lecture", lesson: 1 });
      expect(errors).toEqual([
        `link: lesson ${JSON.stringify(bad)} must be a whole number from 1 to 18; opened lesson 1`,
      ]);
    }
    expect(decodeState("#view=lecture&lesson=3&x=1").errors).toEqual(['link: unknown setting "x"']);
  });
});
