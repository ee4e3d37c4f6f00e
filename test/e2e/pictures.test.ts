/**
 * The pictures in Chromium: the loss curves (log or linear, "data loss", last values in their name), the
 * decision boundary's axes and legend, the training form's selects showing their whole text, the network
 * diagram's neuron maps (larger, and shown big on hover or focus), the sample graph opening fitted, and
 * the GPT view's uniform-guess line, attention colour scale and last steps/s.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { clean, e2eAvailable, textOf, useSite, waitForNumber, waitForText } from "./harness.js";

const available = e2eAvailable();

/** Pixels of a canvas (in its own pixel units) in a rectangle given as fractions of its CSS box. */
async function inkIn(page: Page, selector: string, box: { x0: number; y0: number; x1: number; y1: number }) {
  return (await page.evaluate(`(() => {
    const c = document.querySelector(${JSON.stringify(selector)});
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const r = c.getBoundingClientRect();
    const sx = c.width / r.width, sy = c.height / r.height;
    let dark = 0, white = 0, other = 0;
    for (let y = Math.floor(${box.y0} * sy); y < Math.floor(${box.y1} * sy); y++)
      for (let x = Math.floor(${box.x0} * sx); x < Math.floor(${box.x1} * sx); x++) {
        const i = (y * c.width + x) * 4;
        const [R, G, B] = [d[i], d[i + 1], d[i + 2]];
        if (R > 250 && G > 250 && B > 250) white++;
        else if (R < 110 && G < 110 && B < 110) dark++;
        else other++;
      }
    return { dark, white, other };
  })()`)) as { dark: number; white: number; other: number };
}

describe.skipIf(!available)("the pictures in Chromium (e2e)", () => {
  const e2e = useSite();

  async function openTraining(page: Page, hash = ""): Promise<void> {
    await page.goto(`${e2e.url}#view=train${hash}`);
    await waitForText(page, "#train-status", "training points");
  }

  it("curves: data loss, log or linear, and their last values in their name; the boundary's axes and legend", async () => {
    const { page, errors, external } = await e2e.open({ width: 1400, height: 900 });
    await openTraining(page);
    // not the loss: the fresh run's step-0 scores replace "–" whenever the worker posts them
    expect(await page.textContent("#stat-step")).toBe("0");
    await page.click("#btn-play");
    await waitForNumber(page, "#stat-step", 30);
    await page.click("#btn-play");
    await page.waitForFunction(`${textOf("#btn-play")} === "Play"`);
    // the name names the last values, which the stats show too
    await page.waitForFunction(
      `document.querySelector("#curves").getAttribute("aria-label").includes("train data loss " + ${textOf("#stat-loss")})`,
    );
    const label = (await page.getAttribute("#curves", "aria-label")) ?? "";
    expect(label).toMatch(/^Data loss \(log scale\) and accuracy curves: .*At step \d+: train data loss /);
    expect(label).toContain(`train accuracy ${await page.textContent("#stat-accuracy")}`);
    expect(await page.textContent("#view-train .stats")).toContain("train data loss");
    await page.selectOption("#curves-scale", "linear");
    await page.waitForFunction(
      `document.querySelector("#curves").getAttribute("aria-label").includes("linear scale")`,
    );
    // the boundary: white margins with dark tick labels left of and under the heat map
    const box = (await page.$eval("#boundary", (c) => {
      const r = c.getBoundingClientRect();
      return { w: r.width, h: r.height };
    })) as { w: number; h: number };
    const left = await inkIn(page, "#boundary", { x0: 0, y0: 10, x1: 26, y1: box.h - 30 });
    const bottom = await inkIn(page, "#boundary", { x0: 34, y0: box.h - 20, x1: box.w - 10, y1: box.h });
    const map = await inkIn(page, "#boundary", { x0: 40, y0: 20, x1: 60, y1: 40 });
    expect(left.dark).toBeGreaterThan(10);
    expect(bottom.dark).toBeGreaterThan(10);
    expect(left.other + bottom.other).toBeLessThan((left.dark + bottom.dark) * 3); // text, not heat map
    expect(map.white).toBe(0); // the heat map itself
    // the ring is explained, with the sample's number
    await page.fill("#sample-index", "5");
    await page.press("#sample-index", "Enter");
    await waitForText(page, "#boundary-legend", "training sample 5");
    clean(errors, external);
  });

  it("every select in the training form shows its whole chosen text, at any width", async () => {
    const { page, errors, external } = await e2e.open({ width: 1400, height: 900 });
    await openTraining(page);
    for (const viewport of [
      { width: 1400, height: 900 },
      { width: 1280, height: 800 },
      { width: 375, height: 667 },
    ]) {
      await page.setViewportSize(viewport);
      await page.selectOption("#cfg-regularization", "l2");
      const cut = await page.evaluate(`(() => {
        const out = [];
        const ctx = document.createElement("canvas").getContext("2d");
        for (const s of document.querySelectorAll("#train-form select, #curves-scale")) {
          for (const o of s.options) {
            const st = getComputedStyle(s);
            ctx.font = st.font;
            const room = s.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight) - 18; // the arrow
            if (ctx.measureText(o.text).width > room) out.push(s.id + ": " + o.text);
          }
        }
        return out;
      })()`);
      expect(cut, `${viewport.width} px`).toEqual([]);
    }
    clean(errors, external);
  });

  it("GPT: the uniform-guess line at 3.30, a colour scale for the attention maps, steps/s kept after the run", async () => {
    const { page, errors, external } = await e2e.open({ width: 1400, height: 900 });
    await page.goto(`${e2e.url}#view=gpt`);
    await page.waitForSelector("#gpt-attention canvas[data-drawn]");
    expect(await page.getAttribute("#gpt-curve", "aria-label")).toContain(
      "a uniform guess over the 27 tokens scores −log(1/27) = 3.30",
    );
    // the dashed purple line runs across most of the plot, on one row
    const run = (await page.evaluate(`(() => {
      const c = document.querySelector("#gpt-curve");
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let best = 0;
      for (let y = 0; y < c.height; y++) {
        let n = 0;
        for (let x = 0; x < c.width; x++) {
          const i = (y * c.width + x) * 4;
          if (Math.abs(d[i] - 123) < 6 && Math.abs(d[i + 1] - 50) < 6 && Math.abs(d[i + 2] - 148) < 6) n++;
        }
        best = Math.max(best, n / c.width);
      }
      return best;
    })()`)) as number;
    expect(run).toBeGreaterThan(0.4); // dashes 6 on, 4 off: 60% of the plot's width
    // the attention maps' scale: 0 to 1 in the maps' own colours
    expect(await page.textContent("#gpt-attention-scale")).toContain("attention weight 0");
    const bar = (await page.evaluate(
      `getComputedStyle(document.querySelector("#gpt-attention-scale .gpt-scale-bar")).backgroundImage`,
    )) as string;
    expect(bar).toContain("rgb(255, 255, 255)");
    expect(bar).toContain("rgb(8, 48, 107)");
    // a short run: steps/s still shows a number after it ends
    await page.fill("#gpt-steps", "60");
    await page.press("#gpt-steps", "Enter");
    await page.click("#gpt-play");
    await page.waitForFunction(`${textOf("#gpt-play")} === "Done"`, undefined, { timeout: 60_000 });
    expect(Number(await page.textContent("#gpt-stat-speed"))).toBeGreaterThan(0);
    await page.click("#gpt-reset");
    await page.waitForFunction(`${textOf("#gpt-play")} === "Start"`);
    expect(await page.textContent("#gpt-stat-speed")).toBe("–");
    clean(errors, external);
  }, 120_000);

  it("network: larger neuron maps, a neuron's map big in the boundary plot on hover or focus, weights as tables", async () => {
    const { page, errors, external } = await e2e.open({ width: 1400, height: 900 });
    await openTraining(page);
    await page.click("#btn-train-step");
    await page.waitForFunction(`${textOf("#stat-step")} === "1"`);
    const sizes = (await page.$$eval("#network canvas.network-neuron", (cs) =>
      cs.map((c) => c.getBoundingClientRect().width),
    )) as number[];
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(30); // 16 neurons a column at 1400 px
    expect(await page.getAttribute("#boundary", "data-shows")).toBe("decision");
    // hover the first neuron of hidden layer 1: the plane shows its map, with its name
    const neurons = await page.$$("#network canvas.network-neuron");
    await neurons[2]?.hover();
    await page.waitForFunction(
      `document.querySelector("#boundary").dataset.shows === "hidden layer 1, neuron 1"`,
    );
    await page.mouse.move(5, 5);
    await page.waitForFunction(`document.querySelector("#boundary").dataset.shows === "decision"`);
    // from the keyboard: one tab stop, arrows move between neurons
    await page.focus("#network canvas.network-neuron[tabindex='0']");
    await page.waitForFunction(`document.querySelector("#boundary").dataset.shows === "input x1"`);
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction(`document.querySelector("#boundary").dataset.shows === "input x2"`);
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(
      `document.querySelector("#boundary").dataset.shows === "hidden layer 1, neuron 16"`,
    );
    expect(await page.$$eval("#network canvas.network-neuron[tabindex='0']", (cs) => cs.length)).toBe(1);
    // the weights as tables: the first cell is the first edge's weight
    await page.click("#network details.network-weights summary");
    const [cell, weight, tables] = (await page.evaluate(`[
      document.querySelector("#network .network-weight-table tbody td").textContent,
      document.querySelector("#network path[data-edge='0']").dataset.weight,
      document.querySelectorAll("#network .network-weight-table").length,
    ]`)) as [string, string, number];
    expect(tables).toBe(3);
    expect(cell).toBe(Number(weight).toFixed(4));
    expect(await page.textContent("#network .network-weight-table caption")).toContain(
      "Layer h1: weight from each input (columns) to each neuron (rows), and the bias",
    );
    clean(errors, external);
  });

  it("one sample through the network: opens fitted, with no two boxes touching", async () => {
    const { page, errors, external } = await e2e.open({ width: 1400, height: 900 });
    await openTraining(page);
    await page.click("#btn-train-step");
    await page.waitForSelector('#sample-graph .graph-view[data-state="ready"] svg');
    await page.waitForFunction(`document.querySelectorAll("#sample-graph g.node").length > 40`);
    const fit = (await page.evaluate(`(() => {
      const vp = document.querySelector("#sample-graph .graph-viewport");
      const svg = vp.querySelector("svg");
      return { w: Number(svg.getAttribute("width")), h: Number(svg.getAttribute("height")), vw: vp.clientWidth, vh: vp.clientHeight };
    })()`)) as { w: number; h: number; vw: number; vh: number };
    expect(fit.w).toBeLessThanOrEqual(fit.vw);
    expect(fit.h).toBeLessThanOrEqual(fit.vh);
    // boxes in the same rank (overlapping across) keep at least 15 pt between them (the layout's units)
    const gap = (await page.evaluate(`(() => {
      const boxes = [...document.querySelectorAll("#sample-graph g.node")].map((g) => g.getBBox());
      let min = Infinity;
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i], b = boxes[j];
          const across = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
          if (across <= 0) continue;
          const apart = Math.max(a.y, b.y) - Math.min(a.y + a.height, b.y + b.height);
          min = Math.min(min, apart);
        }
      return min;
    })()`)) as number;
    expect(gap).toBeGreaterThanOrEqual(15);
    clean(errors, external);
  });
});
