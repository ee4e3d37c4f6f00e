/**
 * The expression view's step-through in Chromium: the graph is laid out once per program and follows
 * the step (the current node and its parents in view, text never below 10 px, `aria-current`), the
 * panel always describes the graph on screen, rows use the program's names, and the nudge is a central
 * difference on the leaf the graph uses.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  cells,
  clean,
  e2eAvailable,
  graphReady,
  README_EXAMPLE,
  RESULTS,
  ROOT,
  useSite,
  waitForText,
} from "./harness.js";

const available = e2eAvailable();
/** The README's screenshots in docs/ are rewritten only on request: `UPDATE_SCREENSHOTS=1 npm test`. */
const UPDATE_DOCS = process.env.UPDATE_SCREENSHOTS === "1";

/** What the test reads off the page after a step (in-page code as a string: no DOM types here). */
interface StepView {
  head: string;
  /** The current node's aria-label and how many nodes carry aria-current. */
  current: string;
  currentCount: number;
  /** Marked nodes (the current value node, its op node, its parents) outside the graph's viewport. */
  outside: string[];
  marked: number;
  /** On-screen size of the graph's text, in CSS pixels. */
  textPx: number;
}

const READ_STEP = `(() => {
  const vp = document.querySelector("#expr-graph .graph-viewport").getBoundingClientRect();
  const svg = document.querySelector("#expr-graph svg");
  const marked = [...svg.querySelectorAll("g.node.hl-current, g.node.hl-parent")];
  const outside = marked.filter((g) => {
    const r = g.getBoundingClientRect();
    return r.left < vp.left - 0.5 || r.right > vp.right + 0.5 || r.top < vp.top - 0.5 || r.bottom > vp.bottom + 0.5;
  }).map((g) => g.getAttribute("aria-label") || g.textContent);
  const current = svg.querySelectorAll('[aria-current="step"]');
  const font = Number(svg.querySelector("text").getAttribute("font-size"));
  return {
    head: document.querySelector("#step-panel .step-head")?.textContent ?? "",
    current: current[0]?.getAttribute("aria-label") ?? "",
    currentCount: current.length,
    outside,
    marked: marked.length,
    textPx: font * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
  };
})()`;

/** Where every node of the graph is drawn (the layout, independent of scrolling and zoom). */
const LAYOUT = `(() => {
  const svg = document.querySelector("#expr-graph svg");
  return svg.getAttribute("viewBox") + "|" +
    [...svg.querySelectorAll("g.node polygon, g.node ellipse")].map((s) => s.getAttribute("points") ?? s.getAttribute("cx") + "," + s.getAttribute("cy")).join(";");
})()`;

async function loadProgram(page: Page, source: string): Promise<void> {
  await page.fill("#program", source);
  await page.click("#btn-forward");
  await graphReady(page);
}

describe.skipIf(!available)("the step-through in Chromium (e2e)", () => {
  const e2e = useSite();

  for (const viewport of [
    { width: 1400, height: 900 },
    { width: 1920, height: 1080 },
  ]) {
    it(`follows every step of micrograd's README example at ${viewport.width}x${viewport.height}: node and parents in view, text >= 10 px, layout fixed`, async () => {
      const { page, errors, external } = await e2e.open(viewport);
      await page.goto(e2e.url);
      await graphReady(page);
      await loadProgram(page, README_EXAMPLE);
      const layout = await page.evaluate(LAYOUT);
      const heads: string[] = [];
      for (let step = 1; step <= 26; step++) {
        await page.click("#btn-step");
        const view = (await page.evaluate(READ_STEP)) as StepView;
        heads.push(view.head);
        expect(view.head).toContain(`Step ${step} of 26`);
        expect(view.currentCount, `step ${step}: one node is aria-current`).toBe(1);
        expect(view.marked, `step ${step}: marked nodes`).toBeGreaterThanOrEqual(step === 1 ? 1 : 3);
        expect(view.outside, `step ${step} (${view.head}): marked nodes out of view`).toEqual([]);
        expect(view.textPx, `step ${step}: text size`).toBeGreaterThanOrEqual(9.99);
        // numbers change in place; nothing is laid out again
        expect(await page.evaluate(LAYOUT), `step ${step}: the layout moved`).toBe(layout);
      }
      expect(heads[0]).toContain("seed — g.grad += 1");
      expect(await page.textContent("#step-panel")).toContain("Backward is complete");
      // the inputs' final grads are drawn in place
      const svgText = await page.textContent("#expr-graph svg");
      expect(svgText).toContain("grad 138.8338");
      expect(svgText).toContain("grad 645.5773");
      // the current node (the last one stepped) is named for assistive technology
      expect(((await page.evaluate(READ_STEP)) as StepView).current).toMatch(/^c \(line 2\): data -2\.0000/);
      clean(errors, external);
    });
  }

  it("never zooms the text below 10 px: Fit and zooming out scroll instead", async () => {
    const { page, errors, external } = await e2e.open({ width: 1280, height: 800 });
    await page.goto(e2e.url);
    await page.selectOption("#preset", "readme");
    await graphReady(page);
    await page.click("#expr-graph button[title^='Fit']");
    const textPx = async () => ((await page.evaluate(READ_STEP)) as StepView).textPx;
    expect(await textPx()).toBeGreaterThanOrEqual(9.99);
    for (let i = 0; i < 10; i++) await page.click("#expr-graph button[title='Zoom out']");
    expect(await textPx()).toBeGreaterThanOrEqual(9.99);
    expect(await textPx()).toBeLessThan(10.5);
    // the graph is wider than the view, so it scrolls
    const scroll = (await page.evaluate(
      `(() => { const v = document.querySelector("#expr-graph .graph-viewport"); return [v.scrollWidth, v.clientWidth]; })()`,
    )) as [number, number];
    expect(scroll[0]).toBeGreaterThan(scroll[1]);
    // keyboard: "+" zooms in, "0" fits again
    await page.focus("#expr-graph .graph-viewport");
    await page.keyboard.press("+");
    expect(await textPx()).toBeGreaterThan(10.5);
    await page.keyboard.press("0");
    expect(await textPx()).toBeGreaterThanOrEqual(9.99);
    clean(errors, external);
  });

  it("refits the graph when the window is resized", async () => {
    const { page, errors, external } = await e2e.open({ width: 1280, height: 800 });
    await page.goto(e2e.url);
    await page.selectOption("#preset", "lecture");
    await graphReady(page);
    const width = () =>
      page.evaluate(
        `document.querySelector("#expr-graph svg").getBoundingClientRect().width`,
      ) as Promise<number>;
    const before = await width();
    await page.setViewportSize({ width: 1800, height: 1000 });
    await page.waitForFunction(
      `document.querySelector("#expr-graph svg").getBoundingClientRect().width > ${before + 20}`,
    );
    clean(errors, external);
  });

  it("keeps the step panel in step with the graph: a new preset, an edit or a syntax error resets it", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(e2e.url);
    await page.selectOption("#preset", "lecture");
    await graphReady(page);
    for (let i = 0; i < 3; i++) await page.click("#btn-step");
    expect(await page.textContent("#step-panel")).toContain("Step 3 of 4: d = e + c");

    await page.selectOption("#preset", "neuron");
    await graphReady(page);
    let panel = await page.textContent("#step-panel");
    expect(panel).toContain("Press Step");
    expect(panel).not.toContain("Step 3 of 4");
    expect(await page.$$("#expr-graph [aria-current]")).toHaveLength(0);

    await page.click("#btn-step");
    expect(await page.textContent("#step-panel")).toMatch(/Step 1 of \d+: seed — o\.grad \+= 1/);
    // typing: the program is re-run after a pause, and the panel goes with it
    await page.fill("#program", "a = 2\nb = a * 3");
    await waitForText(page, "#step-panel", "Press Step");
    await graphReady(page);
    await page.click("#btn-step");
    await page.click("#btn-step");
    expect(await page.textContent("#step-panel")).toContain("Step 2 of 2: b = a * 3");

    await page.fill("#program", "a = 2\nb = (a * 3");
    await page.click("#btn-forward");
    panel = await page.textContent("#step-panel");
    expect(panel).toContain("The program has an error");
    expect(panel).not.toContain("Step 2 of 2");
    clean(errors, external);
  });

  it("writes chain-rule rows in the program's names, unnamed nodes as their expression", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(e2e.url);
    await graphReady(page);
    await loadProgram(page, README_EXAMPLE);
    const steps: { head: string; rows: string[][] }[] = [];
    for (let i = 0; i < 26; i++) {
      await page.click("#btn-step");
      steps.push({
        head: ((await page.textContent("#step-panel .step-head")) ?? "").replace(/^Step \d+ of \d+: /, ""),
        rows: await cells(page, "#step-table tbody tr"),
      });
    }
    const find = (head: string) => steps.find((s) => s.head.startsWith(head));
    // the README's picture: the README example stepped to its b**3 node
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.click("#btn-zero");
    for (let i = 0; i <= steps.findIndex((s) => s.head.startsWith("b**3")); i++)
      await page.click("#btn-step");
    expect(await page.textContent("#step-panel .step-head")).toContain("b**3");
    await page.screenshot({ path: join(UPDATE_DOCS ? join(ROOT, "docs") : RESULTS, "playground.png") });
    // the README's step with b**3: the old panel said "b | 3·a^2", where this a meant b
    const cube = find("b**3, grad")?.rows ?? [];
    expect(cube.map((r) => r.slice(0, 2))).toEqual([["b", "∂(b**3)/∂b = 3·b**2 = 12.0000"]]); // 3·2²
    const [, , upstream, contribution] = (cube[0] ?? []).map(Number);
    expect(contribution).toBeCloseTo(12 * (upstream as number), 3);
    expect(find("10 / f, grad")?.rows.map((r) => r.slice(0, 2))).toEqual([
      ["10", "∂(10/f)/∂10 = 1/f = 0.0204"],
      ["f", "∂(10/f)/∂f = -(10/f)/f = -0.0042"],
    ]);
    expect(find("c (line 4) = c + c + 1")?.rows.map((r) => r[0])).toEqual(["c + c", "1"]);
    expect(find("c + c, grad")?.rows.map((r) => r[0])).toEqual(["c (line 2)", "c (line 2)"]);
    const text = JSON.stringify(steps);
    expect(text).not.toMatch(/#\d|\(value|\*\*2\(/); // no "(value #30)", "(* #21)" or "**2(e)"
    clean(errors, external);
  });

  it("nudges with a central difference, on the leaf the graph uses", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(e2e.url);
    await page.selectOption("#preset", "readme");
    await graphReady(page);
    await page.selectOption("#nudge-input", "a");
    await page.fill("#nudge-h", "0.001");
    await page.click("#btn-nudge");
    await page.waitForSelector("#nudge-numeric");
    expect(await page.textContent("#nudge-analytic")).toBe("138.8338");
    const numeric = Number(await page.textContent("#nudge-numeric"));
    expect(Math.abs(numeric - 138.8338)).toBeLessThan(0.01); // the one-sided slope said 139.04
    expect(await page.textContent("#nudge-result")).toContain("(f(x+h) − f(x−h)) / 2h");
    expect(await page.isVisible("#nudge-fminus")).toBe(true);

    await loadProgram(page, "a = 1\na = 2\ny = a*a");
    await page.click("#btn-nudge");
    await page.waitForSelector("#nudge-numeric");
    expect(await page.textContent("#nudge-x")).toBe("2");
    expect(await page.textContent("#nudge-numeric")).toBe("4.0000"); // was -2998
    expect(await page.textContent("#nudge-analytic")).toBe("4.0000");

    await loadProgram(page, "a = 1\nb = a * 3\na = 2\ny = a * b");
    const options = await page.$$eval("#nudge-input option", (os) => os.map((o) => o.textContent));
    expect(options).toEqual(["a (line 1)", "a (line 3)"]);
    await page.selectOption("#nudge-input", "a#1");
    await page.click("#btn-nudge");
    await page.waitForSelector("#nudge-numeric");
    expect(await page.textContent("#nudge-numeric")).toBe("6.0000");
    clean(errors, external);
  });
});
