/**
 * The page stays responsive with huge programs: a long program is checked in a worker, a click is
 * answered while the check runs, and a program too big to build is refused with its number of values;
 * the URL keeps to the link reader's limit and says when a program is too long to share.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { clean, e2eAvailable, graphReady, textOf, useSite, waitForText } from "./harness.js";

const available = e2eAvailable();

/** Sets the editor's text as a paste would, and fires "input". */
async function paste(page: Page, text: string): Promise<void> {
  await page.$eval(
    "#program",
    (t, value) => {
      (t as unknown as { value: string }).value = value;
      t.dispatchEvent(new Event("input", { bubbles: true }));
    },
    text,
  );
}

describe.skipIf(!available)("huge programs in Chromium (e2e)", () => {
  const e2e = useSite();

  it("refuses a paste of a 1,000,000-term sum at once, saying how long it is, and keeps the program", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(e2e.url);
    await graphReady(page);
    const before = await page.inputValue("#program");
    const text = `y = ${Array.from({ length: 1_000_000 }, () => "1").join(" + ")}`; // 4,000,001 characters
    // a paste event as the browser sends it (in-page code as a string: the root tsconfig has no DOM types)
    const refused = await page.evaluate(
      `((pasted) => {
        const t = document.getElementById("program");
        t.select(); // replace everything
        const data = new DataTransfer();
        data.setData("text/plain", pasted);
        const e = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
        t.dispatchEvent(e);
        return e.defaultPrevented;
      })(${JSON.stringify(text)})`,
    );
    expect(refused).toBe(true);
    expect(await page.textContent("#program-error")).toContain(
      "Not pasted: the program would be 4,000,001 characters long, and the editor takes at most 100,000",
    );
    expect(await page.inputValue("#program")).toBe(before);
    clean(errors, external);
  });

  it("answers clicks while a long program is checked in a worker, then refuses it with its size", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(e2e.url);
    await graphReady(page);
    // set directly (longer than a paste may be), so the worker is busy long enough to click meanwhile
    const terms = 300_000;
    await paste(page, `y = ${Array.from({ length: terms }, () => "1").join(" + ")}`);
    // let the browser lay the text area out first (its own work, not the page's), then note the main
    // thread's long tasks from here on (for the log: a busy machine makes their length noisy)
    await page.evaluate("new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))");
    await page.evaluate(`(() => {
      window.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push(Math.round(e.duration));
      }).observe({ type: "longtask" });
    })()`);
    await page.click("#btn-forward");
    await waitForText(page, "#step-panel", "Checking this long program");
    // while the worker evaluates, the page answers: the click moves the focus, and the check still runs
    await page.click("#nudge-h");
    const during = await page.evaluate(`({
      focused: document.activeElement.id,
      checking: ${textOf("#step-panel")}.includes("Checking this long program"),
    })`);
    expect(during).toEqual({ focused: "nudge-h", checking: true });
    await page.locator("#program-error").waitFor({ state: "visible", timeout: 120_000 });
    // 300,000 leaves and 299,999 additions
    expect(await page.textContent("#program-error")).toContain("it builds a graph of 599,999 values");
    expect(await page.textContent("#program-error")).toContain("at most 10,000");
    const long = (await page.evaluate("window.__long")) as number[];
    console.log(`[e2e] long tasks while a ${terms}-term program was checked: ${JSON.stringify(long)} ms`);
    // a program under the limit is still built whole, after the check
    await paste(page, `x = 1.0001\ny = x * x\n${"y = y * x\n".repeat(3000)}`);
    await page.click("#btn-forward");
    await waitForText(page, "#expr-graph .graph-message", "3,002 values");
    await graphReady(page);
    clean(errors, external);
  }, 180_000);

  it("keeps the URL within the link reader's limit and says when a program is too long to share", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(e2e.url);
    await graphReady(page);
    await paste(page, `y = ${Array.from({ length: 6_000 }, () => "1").join(" + ")}`); // 24,001 characters
    await page.click("#btn-forward");
    await waitForText(page, "#notice", "too long to share as a link (24,001 characters");
    expect(await page.evaluate("location.hash")).toBe("#view=expression");
    await page.click("#btn-share");
    expect(await page.textContent("#notice")).toContain("too long to share");
    // short again: the program is back in the link and the notice is gone
    await page.fill("#program", "a = 2\nb = a * a");
    await page.click("#btn-forward");
    await page.waitForFunction(`location.hash.includes("src=a+%3D+2")`);
    expect(await page.isHidden("#notice")).toBe(true);
    clean(errors, external);
  });
});
