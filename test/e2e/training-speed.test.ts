/**
 * The training view's speed control in Chromium, keyboard only: from 1 step per second (the step count
 * goes up one at a time, steps/s reads 1) to as fast as it goes, kept in the share link and read back.
 */
import { describe, expect, it } from "vitest";
import { clean, e2eAvailable, textOf, useSite, waitForNumber, waitForText } from "./harness.js";

const available = e2eAvailable();

describe.skipIf(!available)("the training view's speed control (e2e)", () => {
  const e2e = useSite();

  it("keyboard: Home slows a run to 1 step/s, End lets it go as fast as it goes; the link keeps it", async () => {
    const { page, errors, external } = await e2e.open({ width: 1400, height: 900 });
    await page.goto(`${e2e.url}#view=train`);
    await waitForText(page, "#train-status", "training points");
    expect(await page.textContent("#train-speed-text")).toBe("as fast as it goes");

    await page.focus("#train-speed");
    await page.keyboard.press("Home");
    await waitForText(page, "#train-speed-text", "1 step/s");
    expect(await page.getAttribute("#train-speed", "aria-valuetext")).toBe("1 step/s");
    await page.waitForFunction(`location.hash.includes("speed=1")`);

    await page.focus("#btn-play");
    await page.keyboard.press("Space");
    await page.waitForFunction(`${textOf("#stat-step")} === "1"`);
    await page.waitForFunction(`${textOf("#stat-step")} === "2"`);
    await page.waitForFunction(`${textOf("#stat-speed")} === "1"`, undefined, { timeout: 15_000 });
    const slow = Number(await page.textContent("#stat-step"));

    await page.focus("#train-speed");
    await page.keyboard.press("ArrowRight");
    await waitForText(page, "#train-speed-text", "2 steps/s");
    await page.keyboard.press("End");
    await waitForText(page, "#train-speed-text", "as fast as it goes");
    await page.waitForFunction(`!location.hash.includes("speed=")`);
    await waitForNumber(page, "#stat-step", slow + 500, 20_000);
    await waitForNumber(page, "#stat-speed", 50, 20_000);
    clean(errors, external);
  });

  it("a link with speed=5 opens at 5 steps/s; a bad speed says what is allowed", async () => {
    const { page, errors, external } = await e2e.open({ width: 1280, height: 800 });
    await page.goto(`${e2e.url}#view=train&speed=5`);
    await waitForText(page, "#train-status", "training points");
    expect(await page.textContent("#train-speed-text")).toBe("5 steps/s");
    expect(await page.inputValue("#train-speed")).toBe("2");
    await page.goto(`${e2e.url}#view=train&speed=3`);
    await waitForText(page, "#notice", 'speed "3" must be one of 1, 2, 5');
    expect(await page.textContent("#train-speed-text")).toBe("as fast as it goes");
    clean(errors, external);
  });
});
