/**
 * Measures the playground's training speed in Chromium (full-batch steps per second, moons,
 * MLP(2, [16, 16, 1])) on the compiled and the object engine, with micrograd's 100 points and with the
 * default 80/20 split. Opt-in, since it is a measurement, not a
 * test: `MEASURE_PLAYGROUND=1 npx vitest run test/e2e/speed.test.ts`. Prints medians; asserts nothing
 * about speed.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eAvailable, launch, openPage, startSite } from "./harness.js";

const enabled = Boolean(process.env.MEASURE_PLAYGROUND) && e2eAvailable();

describe.skipIf(!enabled)("playground training speed (measurement)", () => {
  let site: { url: string; close(): void } | undefined;
  let base = "";
  let browser: Browser;

  beforeAll(async () => {
    site = await startSite();
    base = site.url;
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    site?.close();
  });

  // micrograd's demo size (100 points, all trained on) on both engines, and the default 80/20 split
  for (const [name, hash] of [
    ["compiled, 100 points", "engine=compiled&trainRatio=1"],
    ["object, 100 points", "engine=object&trainRatio=1"],
    ["compiled, default (80 training points)", "engine=compiled"],
  ] as const) {
    it(name, async () => {
      const { page, errors } = await openPage(browser);
      await page.goto(`${base}#view=train&${hash}`);
      await page.waitForSelector("#view-train:not([hidden])");
      await page.click("#btn-play");
      await page.waitForTimeout(2500); // warm-up (JIT, first reports)
      const samples: number[] = [];
      for (let i = 0; i < 7; i++) {
        await page.waitForTimeout(1100); // the worker reports once per second of playing
        samples.push(Number(await page.textContent("#stat-speed")));
      }
      await page.click("#btn-play");
      samples.sort((a, b) => a - b);
      const median = samples[Math.floor(samples.length / 2)];
      console.log(
        `[speed] ${name}: median ${median} full-batch steps/s (samples ${samples.join(", ")}), moons, MLP(2, [16, 16, 1])`,
      );
      expect(errors).toEqual([]);
      await page.context().close();
    }, 60_000);
  }
});
