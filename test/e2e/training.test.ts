/**
 * The training view in Chromium: training moons in a worker, the train/test split, the sliders,
 * regularization, the network diagram (neuron maps, weighted edges, hover, + and −), discretize, the
 * optimizer table, clicks without a rebuild per click, the size estimate, Reset, links with added points,
 * resizing, and the phone layout with 44 px tap targets.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  clean,
  e2eAvailable,
  graphReady,
  overflowX,
  RESULTS,
  ROOT,
  textOf,
  useSite,
  waitForNumber,
  waitForText,
} from "./harness.js";

const available = e2eAvailable();
/** The README's screenshots in docs/ are rewritten only on request: `UPDATE_SCREENSHOTS=1 npm test`. */
const UPDATE_DOCS = process.env.UPDATE_SCREENSHOTS === "1";

/** Sets a form field as a user would (types it, or moves a slider) and fires "change". */
async function setField(page: Page, id: string, value: string): Promise<void> {
  await page.$eval(
    `#${id}`,
    (e, v) => {
      (e as unknown as { value: string }).value = v;
      e.dispatchEvent(new Event("input", { bubbles: true }));
      e.dispatchEvent(new Event("change", { bubbles: true }));
    },
    value,
  );
}

const numberIn = async (page: Page, selector: string) =>
  Number.parseFloat((await page.textContent(selector)) ?? "");

describe.skipIf(!available)("the training view in Chromium (e2e)", () => {
  const e2e = useSite();

  async function openTraining(page: Page, hash = ""): Promise<void> {
    await page.goto(`${e2e.url}#view=train${hash}`);
    await waitForText(page, "#train-status", "training points");
  }

  it("trains moons in a worker to >= 95%, with test loss and accuracy beside the training ones and an epoch counter", async () => {
    const { page, errors, external } = await e2e.open({ width: 1400, height: 900 });
    await page.goto(e2e.url);
    await page.click("#tab-train");
    await waitForText(page, "#train-status", "80 training points, 20 test points, 337 parameters");
    await page.click("#btn-play");
    await waitForNumber(page, "#stat-accuracy", 95, 20_000);
    await waitForNumber(page, "#stat-speed", 1, 10_000);
    console.log(
      `[e2e] compiled engine in the browser: ${await page.textContent("#stat-speed")} steps/s (moons, 80 training points, MLP(2, [16, 16, 1]))`,
    );
    expect(await numberIn(page, "#stat-test-accuracy")).toBeGreaterThan(50);
    expect(await numberIn(page, "#stat-test-loss")).toBeGreaterThanOrEqual(0);
    // full batch: one epoch per step
    await page.click("#btn-play");
    await page.waitForFunction(`${textOf("#btn-play")} === "Play"`);
    await page.click("#btn-train-step");
    await page.waitForFunction(`${textOf("#stat-step")} !== "0"`);
    // read both counters in one go: a progress message still on its way can move them after a separate read
    await page.waitForFunction(
      `Number(${textOf("#stat-epoch")}) === Number(${textOf("#stat-step")}) || Number(${textOf("#stat-step")}) < 10`,
    );
    // a mini-batch of 20 of 80 points: four steps per epoch
    await setField(page, "cfg-batchSize", "20");
    await waitForText(page, "#train-status", "80 training points");
    for (let i = 0; i < 6; i++) await page.click("#btn-train-step");
    await page.waitForFunction(`${textOf("#stat-step")} === "6"`);
    expect(await page.textContent("#stat-epoch")).toBe("1.5");
    // the curves are drawn (not blank)
    const inked = await page.evaluate(`(() => {
      const c = document.querySelector("#curves");
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] !== 255 || d[i + 1] !== 255 || d[i + 2] !== 255) n++;
      return n;
    })()`);
    expect(inked).toBeGreaterThan(500);
    clean(errors, external);
  });

  it("draws the network: a heat map per neuron, an edge per weight coloured and sized by it, the value on hover", async () => {
    const { page, errors, external } = await e2e.open({ width: 1400, height: 900 });
    await openTraining(page);
    await page.click("#btn-train-step");
    await page.waitForFunction(`${textOf("#stat-step")} === "1"`);
    // 2 inputs + 16 + 16 + 1 output; 2·16 + 16·16 + 16·1 weights
    expect(await page.$$("#network canvas.network-neuron")).toHaveLength(35);
    const edges = await page.$$eval("#network path[data-edge]:not(.network-hit)", (ps) =>
      ps.map((p) => [p.getAttribute("stroke"), Number(p.getAttribute("stroke-width"))] as const),
    );
    expect(edges).toHaveLength(304);
    expect(new Set(edges.map((e) => e[0]))).toEqual(new Set(["#0072b2", "#d55e00"]));
    const widths = edges.map((e) => e[1]);
    expect(Math.max(...widths)).toBeGreaterThan(Math.min(...widths) * 2);
    // each hidden neuron's map is painted (not blank white)
    const painted =
      (await page.evaluate(`[...document.querySelectorAll("#network canvas.network-neuron")].map((c) => {
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] !== 255 || d[i + 2] !== 255) n++;
      return n;
    })`)) as number[];
    expect(painted.filter((n) => n > 0).length).toBeGreaterThanOrEqual(30);
    // hover an edge: the tooltip shows its weight
    const point = (await page.evaluate(`(() => {
      const path = document.querySelector("#network path.network-hit");
      const m = path.getPointAtLength(path.getTotalLength() / 2);
      const r = path.ownerSVGElement.getBoundingClientRect();
      return [r.left + m.x, r.top + m.y];
    })()`)) as [number, number];
    await page.mouse.move(point[0], point[1]);
    await page.waitForSelector("#network-tooltip:not([hidden])");
    expect(await page.textContent("#network-tooltip")).toMatch(/^weight h1\[\d+\] ← x\d: -?\d+\.\d{4}$/);

    // + and −: neurons and layers
    await page.click('button[aria-label="Add a neuron to hidden layer 1"]');
    await waitForText(page, "#train-status", "356 parameters"); // 17·3 + 16·18 + 17
    expect(await page.inputValue("#cfg-hidden")).toBe("17,16");
    expect(await page.$$("#network canvas.network-neuron")).toHaveLength(2 + 16 + 16 + 1 + 0); // 17 > 16: one "+1 more"
    expect(await page.textContent("#network")).toContain("+1 more");
    await page.click('button[aria-label="Remove the last hidden layer"]');
    await waitForText(page, "#train-status", "69 parameters"); // 17·3 + 18
    expect(await page.inputValue("#cfg-hidden")).toBe("17");
    await page.click('button[aria-label="Add a hidden layer"]');
    expect(await page.inputValue("#cfg-hidden")).toBe("17,17");
    clean(errors, external);
  });

  it("splits train and test with the train-ratio slider, and has noise, spiral, XOR, L1 and L2", async () => {
    const { page, errors, external } = await e2e.open();
    await openTraining(page);
    await setField(page, "cfg-trainRatio", "0.5");
    await waitForText(page, "#train-status", "50 training points, 50 test points");
    expect(await page.textContent("#out-trainRatio")).toBe("50%");
    await setField(page, "cfg-noise", "0.3");
    expect(await page.textContent("#out-noise")).toBe("0.30");
    for (const dataset of ["spiral", "xor"]) {
      await page.selectOption("#cfg-dataset", dataset);
      await waitForText(page, "#train-status", "50 training points");
      expect(await page.isDisabled("#cfg-noise")).toBe(false);
    }
    await page.selectOption("#cfg-dataset", "yinyang");
    await waitForText(page, "#train-status", "50 training points");
    expect(await page.isDisabled("#cfg-noise")).toBe(true); // yin-yang has no noise setting
    await page.selectOption("#cfg-regularization", "l1");
    await setField(page, "cfg-regRate", "0.01");
    await page.click("#btn-train-step");
    await page.waitForFunction(`${textOf("#stat-step")} === "1"`);
    await page.click("#btn-share");
    const hash = new URL(page.url()).hash;
    for (const part of [
      "dataset=yinyang",
      "noise=0.3",
      "trainRatio=0.5",
      "regularization=l1",
      "regRate=0.01",
    ]) {
      expect(hash).toContain(part);
    }
    clean(errors, external);
  });

  it("discretizes the output on request", async () => {
    const { page, errors, external } = await e2e.open();
    await openTraining(page);
    await page.click("#btn-play");
    await waitForNumber(page, "#stat-accuracy", 90, 20_000);
    await page.click("#btn-play");
    const colours = () =>
      page.evaluate(`(() => {
        const c = document.querySelector("#boundary");
        const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        const seen = new Set();
        for (let y = 0; y < c.height; y += 7) for (let x = 0; x < c.width; x += 7) {
          const i = (y * c.width + x) * 4;
          seen.add(d[i] + "," + d[i + 1] + "," + d[i + 2]);
        }
        return seen.size;
      })()`) as Promise<number>;
    await page.waitForTimeout(200);
    const shaded = await colours();
    await page.check("#discretize");
    await page.waitForTimeout(200);
    const hard = await colours();
    expect(shaded).toBeGreaterThan(40);
    expect(hard).toBeLessThan(shaded / 2);
    clean(errors, external);
  });

  it("shows the optimizer's state per parameter for a small model (param, grad, m, √v, update)", async () => {
    const { page, errors, external } = await e2e.open();
    await openTraining(page, "&hidden=4,4&optimizer=adam&lr=0.01");
    await waitForText(page, "#train-status", "37 parameters");
    const rows = () =>
      page.$$eval("#optimizer-table tbody tr", (trs) =>
        trs.map((tr) => [...tr.children].map((c) => c.textContent)),
      );
    expect(await rows()).toHaveLength(37);
    await page.click("#btn-train-step");
    await page.waitForFunction(`${textOf("#stat-step")} === "1"`);
    await page.waitForFunction(
      `document.querySelector("#optimizer-table tbody tr td:nth-child(4)").textContent !== "–"`,
    );
    const first = (await rows())[0];
    expect(first[0]).toBe("L0.n0.w0");
    const [value, grad, m, sqrtV, update] = first.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    expect(Number.isFinite(value)).toBe(true);
    // Adam's first step: m = 0.1 g, √v = √0.001 |g|, update = -lr · sign(g) (up to eps)
    expect(m).toBeCloseTo(0.1 * grad, 3);
    expect(sqrtV / Math.abs(grad)).toBeCloseTo(Math.sqrt(0.001), 3);
    expect(Math.abs(update)).toBeCloseTo(0.01, 4);
    // a big model gets a note instead
    await setField(page, "cfg-hidden", "16,16");
    await waitForText(page, "#optimizer", "This model has 337 parameters");
    clean(errors, external);
  });

  it("adds clicked points without stalling training, keeps them on Reset and in links", async () => {
    const { page, errors, external } = await e2e.open();
    await openTraining(page);
    await page.click("#btn-play");
    await waitForNumber(page, "#stat-step", 50);
    const before = await numberIn(page, "#stat-step");
    const box = (await page.$eval("#boundary", (c) => {
      c.scrollIntoView({ block: "nearest" });
      const r = c.getBoundingClientRect();
      return [r.left, r.top, Math.min(r.width, r.height)];
    })) as [number, number, number];
    for (let i = 0; i < 100; i++) {
      await page.mouse.click(
        box[0] + 40 + ((i * 37) % (box[2] - 80)), // inside the heat map, clear of the axes
        box[1] + 20 + ((i * 53) % (box[2] - 80)),
      );
    }
    await waitForText(page, "#train-status", "180 training points (100 added)");
    // training went on through the clicks (one rebuild, not one per click)
    await page.waitForFunction(`Number(${textOf("#stat-step")}) > ${before + 50}`, undefined, {
      timeout: 15_000,
    });
    await page.click("#btn-play");
    // Reset: fresh weights, same points; the old numbers are gone at once. The click and the reads run in
    // one task of the page: the fresh run's own step-0 scores (the worker posts them after its "data")
    // cannot arrive in between, as they could between separate page.click and page.textContent calls
    const [loss, step] = (await page.evaluate(`(() => {
      document.querySelector("#btn-reset").click();
      return [${textOf("#stat-loss")}, ${textOf("#stat-step")}];
    })()`)) as [string, string];
    expect(loss).toBe("–");
    expect(step).toBe("0");
    await waitForText(page, "#train-status", "180 training points (100 added)");
    expect(await page.textContent("#stat-step")).toBe("0"); // paused: the fresh run stays at step 0
    // in the link, and back from it
    await page.click("#btn-share");
    const url = page.url();
    expect(new URL(url).hash).toContain("points=");
    const other = await e2e.open();
    await other.page.goto(url);
    await waitForText(other.page, "#train-status", "180 training points (100 added)");
    clean(other.errors, other.external);
    // removing them
    await page.click("#btn-clear-points");
    await waitForText(page, "#train-status", "80 training points, 20 test points");
    clean(errors, external);
  });

  it("estimates the graph before building: refuses a huge one with its size, shows a busy sign for a big one", async () => {
    const { page, errors, external } = await e2e.open();
    await openTraining(page);
    const status = await page.textContent("#train-status");
    await setField(page, "cfg-n", "500");
    await waitForText(page, "#train-status", "400 training points");
    await setField(page, "cfg-hidden", "64,64,64,64");
    const message = (await page.textContent("#train-error")) ?? "";
    expect(message).toMatch(/would build a graph of [\d,]{10,} values/);
    expect(message).toContain("the limit is 1,500,000");
    expect(message).toMatch(/batch size of at most \d+/);
    expect(await page.getAttribute("#cfg-hidden", "aria-invalid")).toBe("true");
    expect(await page.inputValue("#cfg-hidden")).toBe("64,64,64,64"); // the value stays, with its error
    expect(await page.textContent("#train-status")).not.toBe(status);
    // training the old settings goes on, and unrelated updates leave the error alone
    await page.click("#btn-play");
    await waitForNumber(page, "#stat-step", 20);
    expect(await page.isVisible("#train-error")).toBe(true);
    await page.click("#btn-play");
    // the suggested batch size fits: the status says the graph is being built, with its size
    const batch = /at most (\d+)/.exec(message)?.[1] as string;
    // the change and the reads in one task of the page: the worker's build (in another thread) can end
    // before a separate read, and then the status already names the built graph
    const [building, busy] = (await page.evaluate(`(() => {
      const input = document.querySelector("#cfg-batchSize");
      input.value = ${JSON.stringify(batch)};
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      return [${textOf("#train-status")}, document.querySelector("#view-train").getAttribute("aria-busy")];
    })()`)) as [string, string];
    expect(await page.isVisible("#train-error")).toBe(false);
    expect(building).toMatch(/^Building the loss graph: [\d,]+ values…$/);
    expect(busy).toBe("true");
    await waitForText(page, "#train-status", "400 training points", 60_000);
    expect(await page.getAttribute("#view-train", "aria-busy")).toBe("false");
    clean(errors, external);
  });

  it("keeps a form error until the field is fixed, and clamps the sample when the data shrinks", async () => {
    const { page, errors, external } = await e2e.open();
    await openTraining(page);
    await setField(page, "cfg-lr", "abc");
    await page.click("#btn-play");
    await waitForNumber(page, "#stat-step", 30);
    expect(await page.textContent("#train-error")).toContain('learning rate: "abc"');
    expect(await page.getAttribute("#cfg-lr", "aria-invalid")).toBe("true");
    await page.click("#btn-play");
    await setField(page, "cfg-lr", "0.05");
    expect(await page.isVisible("#train-error")).toBe(false);
    expect(await page.getAttribute("#cfg-lr", "aria-invalid")).toBeNull();

    await setField(page, "sample-index", "70");
    await waitForText(page, "#sample-info", "x = (");
    await setField(page, "cfg-n", "20");
    await waitForText(page, "#train-status", "16 training points");
    await page.waitForFunction(`document.querySelector("#sample-index").value === "15"`);
    expect(await page.getAttribute("#sample-index", "aria-invalid")).toBeNull();
    clean(errors, external);
  });

  it("rejects hostile training links and says what it ignored", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(
      `${e2e.url}#view=train&hidden=64,64,64,64&n=500&trainRatio=1&points=1,2,9;x,0,0;0.5,0.5,1&discretize=2&noise=<b>`,
    );
    await waitForText(page, "#train-status", "training points");
    const notice = (await page.textContent("#notice")) ?? "";
    expect(notice).toContain("points: 2 of 3 were not");
    expect(notice).toContain("discretize must be 0 or 1");
    expect(notice).toContain('noise: "<b>"');
    expect(await page.$$("#notice b")).toHaveLength(0); // text, not markup
    expect(await page.textContent("#train-error")).toMatch(/would build a graph of [\d,]+ values/);
    await waitForText(page, "#train-status", "80 training points"); // the defaults are trained instead
    clean(errors, external);
  });

  it("refits the plots and the network when the window is resized", async () => {
    const { page, errors, external } = await e2e.open({ width: 1400, height: 900 });
    await openTraining(page);
    const size = () =>
      page.evaluate(
        `[document.querySelector("#boundary").width, document.querySelector("#network svg").getAttribute("width")]`,
      ) as Promise<[number, string]>;
    const [b0, n0] = await size();
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.waitForFunction(`document.querySelector("#boundary").width !== ${b0}`);
    await page.waitForFunction(`document.querySelector("#network svg").getAttribute("width") !== "${n0}"`);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    clean(errors, external);
  });

  it("keeps each view's controls on screen with what they drive on a phone, with 44 px tap targets", async () => {
    const { page, errors, external } = await e2e.open({ width: 390, height: 844 });
    await page.goto(e2e.url);
    await graphReady(page);
    await page.selectOption("#preset", "readme");
    await graphReady(page);
    const inView = (selector: string) =>
      page.evaluate(`(() => {
        const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight && r.height > 0;
      })()`);
    await page.click("#btn-step");
    await page.click("#btn-step");
    await page.$eval("#step-panel", (e) => e.scrollIntoView({ block: "center" }));
    expect(await inView("#btn-step")).toBe(true);
    expect(await inView("#step-panel .step-head")).toBe(true);
    await page.$eval("#expr-graph .graph-viewport", (e) => e.scrollIntoView({ block: "end" }));
    expect(await inView("#btn-step")).toBe(true);
    await page.click("#btn-step"); // still usable from there
    expect(await page.textContent("#step-panel .step-head")).toContain("Step 3 of 26");

    const small = async () =>
      page.evaluate(`[...document.querySelectorAll("button, select, input, textarea, [role=tab], a")]
        .filter((e) => e.offsetParent !== null && !e.closest("[hidden]"))
        .map((e) => {
          const t = e.matches("input[type=checkbox], input[type=radio]") ? e.closest("label") ?? e : e;
          const r = t.getBoundingClientRect();
          return { what: (e.id || e.getAttribute("aria-label") || e.textContent || e.tagName).trim().slice(0, 30), w: r.width, h: r.height };
        })
        .filter((b) => b.w < 44 || b.h < 44)`);
    expect(await small(), "tap targets under 44 px (expression view)").toEqual([]);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(RESULTS, "phone-expression.png"), fullPage: true });

    await page.click("#tab-train");
    await waitForText(page, "#train-status", "training points");
    await page.click("#btn-play");
    await page.$eval("#boundary", (e) => e.scrollIntoView({ block: "end" }));
    expect(await inView("#btn-play")).toBe(true);
    expect(await inView("#stat-accuracy")).toBe(true);
    await page.click("#btn-play");
    expect(await small(), "tap targets under 44 px (training view)").toEqual([]);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(RESULTS, "phone-training.png"), fullPage: true });
    clean(errors, external);
  });

  it("learns the spiral (and takes the README's screenshot)", async () => {
    const { page, errors, external } = await e2e.open({ width: 1400, height: 900 });
    await openTraining(
      page,
      "&dataset=spiral&n=300&noise=0.05&hidden=8,8&activation=tanh&optimizer=adam&lr=0.03",
    );
    await page.click("#btn-play");
    await waitForNumber(page, "#stat-accuracy", 90, 60_000);
    await page.click('#add-class input[value="1"]');
    await page.click("#boundary", { position: { x: 60, y: 60 } });
    await page.waitForSelector("#sample-graph svg g.node.hl-current", { timeout: 15_000 });
    await page.waitForTimeout(500);
    await page.screenshot({
      path: join(UPDATE_DOCS ? join(ROOT, "docs") : RESULTS, "playground-training.png"),
    });
    clean(errors, external);
  });
});
