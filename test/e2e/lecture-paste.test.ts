/**
 * The lecture's notebook cells pasted into the expression view in Chromium: the neuron cell (with its
 * `o.backward()`), `a + a` and `(a*b)*(a+b)` draw with the lecture's labels and grads, and the panel says
 * the program ran backward itself. And the language's messages on the page: where a NaN first appeared,
 * and a mistake in a very long line shown by the part around the caret.
 */
import { describe, expect, it } from "vitest";
import {
  A_PLUS_A_DRAWN,
  AB_DRAWN,
  CELL_A_PLUS_A,
  CELL_AB,
  CELL_NEURON_BACKWARD,
  DRAW_O,
  NEURON_DRAWN,
} from "../lang/lecture-cells.js";
import { clean, e2eAvailable, graphReady, useSite, waitForText } from "./harness.js";

const available = e2eAvailable();

/** Every value node of the drawn graph as "label | data … | grad …" (record fields joined). */
const NODES = `[...document.querySelectorAll("#expr-graph svg g.node")]
  .map((g) => [...g.querySelectorAll("text")].map((t) => t.textContent.trim()))
  .filter((t) => t.length === 3)
  .map((t) => t.join(" | "))`;

describe.skipIf(!available)("the lecture's cells pasted into the playground (e2e)", () => {
  const e2e = useSite();

  it("the neuron cell pastes whole: labels like 'x1*w1 + x2*w2', grads from its o.backward(), nudge on x1 = -1.5", async () => {
    const { page, errors, external } = await e2e.open({ width: 1400, height: 900 });
    await page.goto(e2e.url);
    await graphReady(page);
    // paste as a learner does: the clipboard's text into the focused editor, replacing what is there
    await page.focus("#program");
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(`${CELL_NEURON_BACKWARD}\n${DRAW_O}`);
    await waitForText(page, "#step-panel", "The program ran o.backward()");
    await waitForText(page, "#expr-graph svg", "x1*w1 + x2*w2");
    await graphReady(page);
    const nodes = (await page.evaluate(NODES)) as string[];
    for (const [label, [data, grad]] of Object.entries(NEURON_DRAWN)) {
      expect(nodes, label).toContain(`${label} | data ${data} | grad ${grad}`);
    }
    expect(nodes).toHaveLength(Object.keys(NEURON_DRAWN).length);
    expect(await page.getAttribute("#program", "aria-invalid")).toBeNull();
    // the nudge's analytic grad is one backward pass, not the program's plus the panel's
    await page.selectOption("#nudge-input", "x1");
    await page.click("#nudge-form button[type=submit]");
    await waitForText(page, "#nudge-analytic", "-1.5");
    clean(errors, external);
  });

  for (const [name, cell, expected] of [
    ["a + a", CELL_A_PLUS_A, A_PLUS_A_DRAWN],
    ["(a*b)*(a+b)", CELL_AB, AB_DRAWN],
  ] as const) {
    it(`the ${name} cell draws the lecture's grads`, async () => {
      const { page, errors, external } = await e2e.open({ width: 1280, height: 800 });
      await page.goto(e2e.url);
      await graphReady(page);
      await page.fill("#program", cell);
      await page.click("#btn-forward");
      await waitForText(page, "#step-panel", "backward()");
      await graphReady(page);
      const nodes = (await page.evaluate(NODES)) as string[];
      expect(nodes.sort()).toEqual(
        Object.entries(expected)
          .map(([label, [data, grad]]) => `${label} | data ${data} | grad ${grad}`)
          .sort(),
      );
      clean(errors, external);
    });
  }
});

describe.skipIf(!available)("the expression view's messages (e2e)", () => {
  const e2e = useSite();

  it("says where a NaN first appeared, and drops the note when the program is fixed", async () => {
    const { page, errors, external } = await e2e.open({ width: 1280, height: 800 });
    await page.goto(e2e.url);
    await graphReady(page);
    await page.fill("#program", "a = 0\nb = a / a\nc = b * 2");
    await page.click("#btn-forward");
    await waitForText(page, "#program-nan", "NaN first appears in b = a / a (line 2), with a = 0 and a = 0");
    expect(await page.isVisible("#program-nan")).toBe(true);
    await page.fill("#program", "a = 1\nb = a / a\nc = b * 2");
    await page.click("#btn-forward");
    await page.waitForSelector("#program-nan", { state: "hidden" });
    clean(errors, external);
  });

  it("shows a mistake in a 20,000-character line by the part around the caret", async () => {
    const { page, errors, external } = await e2e.open({ width: 1280, height: 800 });
    await page.goto(e2e.url);
    await graphReady(page);
    const line = `y = ${"a + ".repeat(2500)}$ + ${"a + ".repeat(2500)}1`;
    await page.fill("#program", `a = 2\n${line}`);
    await page.click("#btn-forward");
    await waitForText(page, "#program-error", "unexpected character '$'");
    const box = (await page.evaluate(
      `(() => { const b = document.querySelector("#program-error"); return [b.textContent.length, b.scrollWidth, b.clientWidth]; })()`,
    )) as [number, number, number];
    expect(line.length).toBeGreaterThan(20_000);
    expect(box[0]).toBeLessThan(400);
    expect(box[1], "the box does not scroll sideways").toBeLessThanOrEqual(box[2]);
    clean(errors, external);
  });
});
