/**
 * The playground's GPT view in Chromium: microgpt trained in a Web Worker on the names, with the names and
 * losses microgpt.py printed (test/fixtures, from python3) as the expected values.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import seed42 from "../fixtures/microgpt-seed42-steps1000.json" with { type: "json" };
import { e2eAvailable, RESULTS, ROOT, textOf, useSite } from "./harness.js";

/** The README's screenshot is rewritten only on request: `UPDATE_SCREENSHOTS=1 npx vitest run test/e2e/gpt.test.ts`. */
const UPDATE_DOCS = process.env.UPDATE_SCREENSHOTS === "1";
const available = e2eAvailable();

async function samples(page: Page): Promise<string[]> {
  return page.$$eval("#gpt-samples li", (lis) => lis.map((li) => (li.textContent ?? "").trim()));
}

/** The number of non-white pixels of a canvas (a drawn heat map has many). */
async function inkedPixels(page: Page, selector: string): Promise<number> {
  return Number(
    await page.evaluate(`(() => {
      const c = document.querySelector(${JSON.stringify(selector)});
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 250 || d[i + 1] < 250 || d[i + 2] < 250) n++;
      return n;
    })()`),
  );
}

describe.skipIf(!available)("playground GPT view in Chromium (e2e)", () => {
  const e2e = useSite();

  it("trains microgpt.py's run in a worker: its last loss, a mean loss below 2.7, its 20 names", async () => {
    const { page, errors, external } = await e2e.open({ width: 1280, height: 1000 });
    await page.goto(e2e.url);
    await page.click("#tab-gpt");
    await page.waitForFunction(`${textOf("#gpt-status")}.includes("4,192 parameters")`);
    expect(await page.textContent("#gpt-status")).toContain("32,033 names, 27 tokens");
    // untrained: names anyway, from the 26 letters only
    await page.waitForSelector("#gpt-samples li");

    await page.focus("#gpt-play");
    await page.keyboard.press("Enter"); // keyboard-operable
    expect(await page.getAttribute("#gpt-play", "aria-pressed")).toBe("true");
    // live samples every 50 steps while training
    await page.waitForFunction(
      `Number(document.querySelector("#gpt-samples")?.dataset.step) >= 50`,
      undefined,
      {
        timeout: 60_000,
      },
    );
    const live = await samples(page);
    expect(live.length).toBe(10);
    expect(await page.textContent("#gpt-samples-note")).toMatch(/^At step \d+ \(new names every 50 steps\)/);

    await page.waitForFunction(`${textOf("#gpt-play")} === "Done"`, undefined, { timeout: 240_000 });
    const losses = await page.evaluate(textOf("#gpt-stat-loss"));
    // microgpt.py prints "loss 2.6497" at step 1000
    expect(losses).toBe(seed42.losses[999].toFixed(4));
    const mean = Number(await page.textContent("#gpt-stat-avg"));
    expect(mean).toBeLessThan(2.7);
    expect(await page.textContent("#gpt-stat-step")).toBe("1000 / 1000");
    // after the run: microgpt.py's inference, continuing the run's random stream (it arrives after "Done")
    await page.waitForSelector('#gpt-samples[data-final="true"]', { timeout: 30_000 });
    expect(await samples(page)).toEqual(seed42.samples);
    expect(await page.getAttribute("#gpt-samples", "data-final")).toBe("true");

    const status = (await page.textContent("#gpt-status")) ?? "";
    const m = /([\d,]+) steps in ([\d.]+) s \((\d+) steps\/s/.exec(status);
    expect(m, status).not.toBeNull();
    console.log(`[e2e] GPT view, 1,000 microgpt steps in the worker (Chromium headless): ${m?.[0]}`);
    console.log(`[e2e] ${await page.textContent("#gpt-timing")}`);
    await page.waitForSelector("#gpt-attention canvas[data-drawn]");
    if (UPDATE_DOCS)
      await page.screenshot({ path: join(ROOT, "docs", "playground-gpt.png"), fullPage: true });

    // a higher temperature: more names, still only the vocabulary's characters
    await page.focus("#gpt-temperature");
    for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
    expect(await page.textContent("#gpt-temperature-value")).toBe("1.00");
    await page.waitForFunction(`${textOf("#gpt-samples-note")}.includes("temperature 1.00")`);
    for (const name of await samples(page)) expect(name).toMatch(/^[a-z]+$|^\(empty\)$/);

    await page.click("#gpt-sample");
    await page.waitForSelector("#gpt-attention canvas[data-drawn]");
    await page.screenshot({ path: join(RESULTS, "gpt.png"), fullPage: true });
    expect(errors, "console errors / uncaught exceptions").toEqual([]);
    expect(external, "requests that left 127.0.0.1").toEqual([]);
  }, 300_000);

  it("shows a typed name's next-character probabilities and draws every head's attention", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(`${e2e.url}#view=gpt`);
    await page.waitForSelector("#view-gpt:not([hidden])");
    // the default name, "emma": BOS + 4 characters = 5 positions, 4 heads
    await page.waitForSelector("#gpt-attention canvas[data-drawn='5']");
    expect(await page.$$eval("#gpt-attention canvas", (cs) => cs.length)).toBe(4);
    for (let hd = 0; hd < 4; hd++) {
      // 15 of the 25 cells (the lower triangle) are coloured; the rest is the mask and the labels
      expect(await inkedPixels(page, `#gpt-attention canvas[data-head="${hd}"]`)).toBeGreaterThan(2000);
    }

    await page.fill("#gpt-name", "Ava");
    await page.waitForFunction(`${textOf("#gpt-name-note")}.includes('"ava"')`);
    const rows = await page.$$eval("#gpt-probs tbody tr", (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => (c.textContent ?? "").trim())),
    );
    expect(rows.map((r) => r[0])).toEqual([".", "a", "v", "a"]);
    expect(rows.every((r) => r.length === 1 + 27 + 1)).toBe(true);
    const header = await page.$$eval("#gpt-probs thead th", (ths) => ths.map((t) => t.textContent ?? ""));
    expect(header.slice(1, 28).join("")).toBe("abcdefghijklmnopqrstuvwxyz.");
    // the outlined cells are the next characters: a, v, a, then the end
    const targets = await page.$$eval("#gpt-probs tbody tr", (trs) =>
      trs.map((tr) => [...tr.children].findIndex((c) => c.classList.contains("gpt-target"))),
    );
    expect(targets).toEqual([1, 22, 1, 27]);
    await page.waitForSelector("#gpt-attention canvas[data-drawn='4']");

    // a name the model cannot read: a clear message, and the picture of the last good one stays
    await page.fill("#gpt-name", "zoë");
    await page.locator("#gpt-name-error").waitFor({ state: "visible" });
    expect(await page.textContent("#gpt-name-error")).toContain('"ë" is not a character the model knows');
    expect(await page.getAttribute("#gpt-name", "aria-invalid")).toBe("");
    await page.fill("#gpt-name", "mia");
    await page.locator("#gpt-name-error").waitFor({ state: "hidden" });

    // settings: a bad value is refused with a message, a good one restarts the run
    await page.fill("#gpt-steps", "0");
    await page.press("#gpt-steps", "Enter");
    expect(await page.textContent("#gpt-error")).toContain(
      'steps: "0" must be a whole number from 1 to 20000',
    );
    await page.fill("#gpt-steps", "60");
    await page.press("#gpt-steps", "Enter");
    await page.locator("#gpt-error").waitFor({ state: "hidden" });
    await page.click("#gpt-play");
    await page.waitForFunction(`${textOf("#gpt-play")} === "Done"`, undefined, { timeout: 60_000 });
    expect(await page.textContent("#gpt-stat-step")).toBe("60 / 60");
    await page.click("#gpt-reset");
    await page.waitForFunction(`${textOf("#gpt-play")} === "Start"`);
    expect(await page.textContent("#gpt-stat-step")).toBe("0 / 60");
    expect(errors, "console errors / uncaught exceptions").toEqual([]);
    expect(external, "requests that left 127.0.0.1").toEqual([]);
  }, 120_000);

  it("is readable on a phone-sized screen", async () => {
    const { page, errors, external } = await e2e.open({ width: 390, height: 844 });
    await page.goto(`${e2e.url}#view=gpt`);
    await page.waitForSelector("#gpt-attention canvas[data-drawn]");
    expect(
      Number(await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(RESULTS, "phone-gpt.png"), fullPage: true });
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  }, 60_000);
});
