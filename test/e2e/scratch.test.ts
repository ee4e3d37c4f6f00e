import type { Browser } from "playwright-core";
import { afterAll, beforeAll, it } from "vitest";
import { launch, openPage, startSite } from "./harness.js";

let site: { url: string; close(): void } | undefined;
let browser: Browser;
beforeAll(async () => {
  site = await startSite();
  browser = await launch();
}, 120000);
afterAll(async () => {
  await browser?.close();
  site?.close();
});
it("scratch", async () => {
  for (const vp of [
    { width: 1400, height: 900 },
    { width: 390, height: 844 },
  ]) {
    const { page, errors } = await openPage(browser, vp);
    await page.goto(`${site?.url}#view=train`);
    await page.waitForFunction(`document.querySelector("#train-status").textContent.includes("points")`);
    await page.click("#btn-play");
    await page.waitForTimeout(3000);
    await page.click("#boundary", { position: { x: 40, y: 40 } });
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/scratch/train-${vp.width}.png`, fullPage: vp.width < 500 });
    console.log(vp.width, errors, await page.textContent("#train-status"), await page.textContent(".stats"));
  }
}, 120000);
