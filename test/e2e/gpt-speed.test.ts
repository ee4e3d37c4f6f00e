/**
 * Measures the GPT view's training speed in Chromium: microgpt.py's default run (1,000 steps, seed 42) in
 * the view's worker, live samples every 50 steps and the typed name included, several times in one page
 * (Reset between runs; each run compiles its graphs afresh). Opt-in, since it is a measurement, not a test:
 * `MEASURE_PLAYGROUND=1 npx vitest run test/e2e/gpt-speed.test.ts` (`GPT_RUNS`, default 5). Prints each run
 * and the medians; asserts nothing about speed.
 */
import type { Server } from "node:http";
import { loadavg } from "node:os";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, e2eAvailable, launch, openPage, serve } from "./harness.js";

const enabled = Boolean(process.env.MEASURE_PLAYGROUND) && e2eAvailable();
const RUNS = Number(process.env.GPT_RUNS ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe.skipIf(!enabled)("GPT view training speed (measurement)", () => {
  let server: Server;
  let base = "";
  let browser: Browser;

  beforeAll(async () => {
    ({ server, url: base } = await serve(buildSite()));
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it(`microgpt's 1,000 steps, ${RUNS} runs`, async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${base}#view=gpt`);
    const done = `document.querySelector("#gpt-play")?.textContent === "Done"`;
    const walls: number[] = [];
    const replays: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      await page.waitForFunction(`document.querySelector("#gpt-play")?.textContent === "Start"`);
      const load = loadavg()[0];
      await page.click("#gpt-play");
      await page.waitForFunction(done, undefined, { timeout: 300_000 });
      const status = (await page.textContent("#gpt-status")) ?? "";
      const timing = (await page.textContent("#gpt-timing")) ?? "";
      const wall = Number(/steps in ([\d.]+) s/.exec(status)?.[1]);
      const replay = Number(/compiled graph in [\d.]+ s \((\d+) steps\/s\)/.exec(timing)?.[1]);
      walls.push(wall);
      replays.push(replay);
      console.log(`[gpt speed] run ${r + 1} (load average ${load.toFixed(1)}): ${status} ${timing}`);
      await page.click("#gpt-reset");
    }
    console.log(
      `[gpt speed] median of ${RUNS}: 1,000 steps in ${median(walls)} s wall (${Math.round(1000 / median(walls))} steps/s); ` +
        `replays alone ${median(replays)} steps/s; runs ${walls.join(", ")} s`,
    );
    expect(errors).toEqual([]);
  }, 1_800_000);
});
