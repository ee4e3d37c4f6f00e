/**
 * The playground's real-data view in Chromium: a CSV file picked from disk (read in the page, nothing
 * sent), trained with curves and a confusion matrix; the digits trained in the page (the same run as
 * `micrograd train --dataset digits`: its 96.4% test accuracy) and a pad drawn on with the mouse, a touch
 * and the keyboard, the probabilities updating live.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { digitsStandardization, loadDigits } from "../../packages/micrograd-ts/src/index.js";
import { DIGITS_RUN, TableRun } from "../../web/src/data/table-run.js";
import { clean, e2eAvailable, overflowX, RESULTS, ROOT, textOf, useSite, waitForText } from "./harness.js";

const available = e2eAvailable();

/** The 10 probabilities shown, as numbers (percent). */
async function probabilities(page: Page): Promise<number[]> {
  const texts = await page.$$eval("#digit-probs li .p", (els) => els.map((e) => e.textContent ?? ""));
  return texts.map((t) => Number.parseFloat(t));
}

describe.skipIf(!available)("playground real-data view in Chromium (e2e)", () => {
  const e2e = useSite();

  it("trains on a CSV file picked from disk: target chosen, curves, the test rows' confusion matrix; nothing sent", async () => {
    const { page, errors, external } = await e2e.open({ width: 1280, height: 1000 });
    await page.goto(e2e.url);
    await page.click("#tab-data");
    const sent: string[] = [];
    page.on("request", (r) => sent.push(`${r.method()} ${r.url()}`));
    // a malformed file first: one line with its place
    await page.setInputFiles("#csv-file", {
      name: "bad.csv",
      mimeType: "text/csv",
      buffer: Buffer.from('a,b,t\n1,2,x\n3,"4,y\n'),
    });
    await waitForText(page, "#csv-error", "line 3, column 2");
    expect(await page.textContent("#csv-error")).toContain(
      "bad.csv: line 3, column 2: a quoted field is never closed",
    );
    expect(await page.isDisabled("#csv-train")).toBe(true);

    await page.setInputFiles("#csv-file", join(ROOT, "examples", "iris", "iris.csv"));
    await waitForText(page, "#csv-summary", "150 rows");
    expect(await page.isHidden("#csv-error")).toBe(true);
    // the last column is offered as the class; pick it by name anyway
    expect(await page.inputValue("#csv-target")).toBe("species");
    // petal_width as the class makes species a feature: a column of words is refused, with its place
    await page.selectOption("#csv-target", "petal_width");
    await page.click("#csv-train");
    await waitForText(page, "#csv-error", "'species'");
    expect(await page.textContent("#csv-error")).toContain("'setosa' is not a number");

    await page.selectOption("#csv-target", "species");
    await page.click("#csv-train");
    await waitForText(page, "#csv-status", "Trained 300 steps", 60_000);
    const status = (await page.textContent("#csv-status")) ?? "";
    const m =
      /train accuracy ([\d.]+)%, test accuracy ([\d.]+)% \(30 test rows, 3 classes: setosa, versicolor, virginica\)/.exec(
        status,
      );
    expect(m, status).not.toBeNull();
    expect(Number(m?.[2])).toBeGreaterThanOrEqual(85);
    // the confusion matrix: 3 x 3 counts of the 30 test rows; its diagonal is the test accuracy
    const cells = await page.$$eval("#csv-confusion tbody tr", (rows) =>
      rows.map((r) => [...r.querySelectorAll("td")].map((td) => Number(td.textContent))),
    );
    expect(cells.length).toBe(3);
    expect(cells.flat().reduce((a, b) => a + b, 0)).toBe(30);
    expect((((cells[0][0] + cells[1][1] + cells[2][2]) / 30) * 100).toFixed(1)).toBe(m?.[2]);
    expect(Number(await page.getAttribute("#csv-curves", "data-drawn"))).toBe(30);
    // the file never left the page: no request at all since the view opened
    expect(sent).toEqual([]);
    clean(errors, external);
  }, 120_000);

  it("trains the digits as the CLI does and reads a digit drawn with the mouse, a touch and the keyboard", async () => {
    const { page, errors, external } = await e2e.open({ width: 1280, height: 1000 });
    await page.goto(`${e2e.url}#view=data`);
    await page.waitForSelector("#digits-train");
    await page.click("#digits-train");
    await waitForText(page, "#digits-status", "Trained 400 steps", 120_000);
    const status = (await page.textContent("#digits-status")) ?? "";
    // micrograd train --dataset digits: 96.4% on the same 359 test images (the same model, bit for bit)
    expect(status).toMatch(/test accuracy 96\.4% \(359 test images\)/);
    console.log(`[e2e] digits view: ${status}`);

    // the first test image: the page's model reads it as the same model trained here in Node does
    const run = new TableRun(loadDigits(), { ...DIGITS_RUN, standardization: digitsStandardization() });
    for (let i = 0; i < 400; i++) run.step();
    const p = run.probabilities(run.data.rawTest.x[0]);
    await page.click("#digit-sample");
    expect(await page.textContent("#digit-truth")).toBe(`Test image 1 of 359: a ${run.data.rawTest.y[0]}.`);
    expect(await page.getAttribute("#digit-probs", "data-best")).toBe(String(p.indexOf(Math.max(...p))));
    const shown = await probabilities(page);
    expect(shown).toEqual(p.map((q) => Number((q * 100).toFixed(1))));

    // the mouse: clear, then a vertical stroke down the middle changes the probabilities
    await page.click("#digit-clear");
    const empty = await probabilities(page);
    const box = await page.locator("#digit-pad").boundingBox();
    if (!box) throw new Error("no pad");
    const cell = box.width / 8;
    await page.mouse.move(box.x + 4 * cell, box.y + 0.5 * cell);
    await page.mouse.down();
    for (let r = 1; r < 8; r++)
      await page.mouse.move(box.x + 4 * cell, box.y + (r + 0.5) * cell, { steps: 2 });
    await page.mouse.up();
    expect(Number(await page.getAttribute("#digit-pad", "data-ink"))).toBeGreaterThan(8 * 16);
    const stroke = await probabilities(page);
    expect(stroke).not.toEqual(empty);
    expect(await page.textContent("#digit-guess")).toMatch(/^Looks like a \d \([\d.]+%\)\.$/);

    // a touch: one tap inks a pixel (pointer events with pointerType "touch")
    await page.click("#digit-clear");
    const cdp = await page.context().newCDPSession(page);
    const tap = { x: box.x + 2.5 * cell, y: box.y + 2.5 * cell };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [tap] });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await page.waitForFunction(`Number(document.querySelector("#digit-pad").dataset.ink) > 0`);
    expect(await probabilities(page)).not.toEqual(empty);

    // the keyboard: focus the pad, move the cursor, ink with Space and Enter, erase with Delete
    await page.click("#digit-clear");
    await page.focus("#digit-pad");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Space");
    const one = Number(await page.getAttribute("#digit-pad", "data-ink"));
    expect(one).toBe(16 + 4 * 6); // the brush: 16 at the pixel, 6 on each of its 4 neighbours
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    const keyed = await probabilities(page);
    expect(keyed).not.toEqual(empty);
    await page.keyboard.press("Delete");
    expect(Number(await page.getAttribute("#digit-pad", "data-ink"))).toBeLessThan(one + 16 + 4 * 6);
    expect(await page.evaluate(textOf("#digit-guess"))).toMatch(/^Looks like a \d/);
    await page.screenshot({ path: join(RESULTS, "data-view.png"), fullPage: true });
    clean(errors, external);
  }, 240_000);

  it("fits a phone: no sideways scrolling, 44 px tap targets", async () => {
    const { page, errors, external } = await e2e.open({ width: 390, height: 844 });
    await page.goto(`${e2e.url}#view=data`);
    await page.waitForSelector("#digit-pad");
    const small =
      await page.evaluate(`[...document.querySelectorAll("#view-data button, #view-data select, #view-data input, [role=tab]")]
      .filter((e) => e.offsetParent !== null)
      .map((e) => ({ what: (e.id || e.textContent || e.tagName).trim().slice(0, 30), w: e.getBoundingClientRect().width, h: e.getBoundingClientRect().height }))
      .filter((b) => b.w < 44 || b.h < 44)`);
    expect(small).toEqual([]);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    clean(errors, external);
  });
});
