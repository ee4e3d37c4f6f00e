/**
 * The playground in a real browser: the built site (a temporary folder) served on 127.0.0.1 and driven in Debian's
 * Chromium with playwright-core. Skipped with a message when /usr/bin/chromium is missing, except in CI.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeOnnx } from "../../packages/micrograd-cli/src/onnx/index.js";
import { MLP } from "../../packages/micrograd-ts/src/index.js";
import { encodeState } from "../../web/src/share.js";
import { forwardRows, maxRelError, randomPoints, runOnnx, TOLERANCE } from "../onnx/ort.js";
import {
  cells,
  clean,
  e2eAvailable,
  graphReady,
  README_EXAMPLE,
  RESULTS,
  useSite,
  valueRow,
  waitForNumber,
  waitForText,
} from "./harness.js";

const available = e2eAvailable();

describe.skipIf(!available)("playground in Chromium (e2e)", () => {
  const e2e = useSite();

  it("computes micrograd's README example: g = 24.7041, dg/da = 138.8338, dg/db = 645.5773", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(e2e.url);
    await graphReady(page);
    await page.fill("#program", README_EXAMPLE);
    await page.click("#btn-forward");
    await page.click("#btn-backward");
    await graphReady(page);
    expect(await valueRow(page, "a")).toEqual(["a", "input", "-4.0000", "138.8338"]);
    expect(await valueRow(page, "b")).toEqual(["b", "input", "2.0000", "645.5773"]);
    expect((await valueRow(page, "g"))[2]).toBe("24.7041");
    const svgText = await page.textContent("#expr-graph svg");
    expect(svgText).toContain("grad 138.8338");
    expect(svgText).toContain("grad 645.5773");
    await page.screenshot({ path: join(RESULTS, "readme-example.png") });
    clean(errors, external);
  });

  it("steps through backward one node at a time, highlighting the node and its contributions", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(e2e.url);
    await page.selectOption("#preset", "lecture");
    await graphReady(page);

    await page.focus("#btn-step");
    await page.keyboard.press("Enter"); // keyboard-operable
    await graphReady(page);
    expect(await page.textContent("#step-panel")).toContain("Step 1 of 4: seed — L.grad += 1");
    expect(await page.textContent("#expr-graph g.node.hl-current:has(polygon)")).toContain("grad 1.0000");

    await page.keyboard.press("Enter");
    await graphReady(page);
    expect(await page.textContent("#step-panel")).toContain("Step 2 of 4: L = d * f, grad 1.0000");
    expect(await cells(page, "#step-table tbody tr")).toEqual([
      ["d", "∂(d*f)/∂d = f = -2.0000", "1.0000", "-2.0000", "0.0000 → -2.0000"],
      ["f", "∂(d*f)/∂f = d = 4.0000", "1.0000", "4.0000", "0.0000 → 4.0000"],
    ]);
    const current = await page.textContent("#expr-graph g.node.hl-current:has(polygon)");
    expect(current).toContain("L");
    expect(current).toContain("data -8.0000");
    const parents = await page.$$eval("#expr-graph g.node.hl-parent", (gs) =>
      gs.map((g) => g.textContent ?? ""),
    );
    expect(parents).toHaveLength(2);
    expect(parents.some((t) => t.includes("d") && t.includes("grad -2.0000"))).toBe(true);
    expect(parents.some((t) => t.includes("f") && t.includes("grad 4.0000"))).toBe(true);

    await page.click("#btn-step");
    await page.click("#btn-step");
    await graphReady(page);
    expect(await page.textContent("#step-panel")).toContain("Step 4 of 4: e = a * b, grad -2.0000");
    expect(await cells(page, "#step-table tbody tr")).toEqual([
      ["a", "∂(a*b)/∂a = b = -3.0000", "-2.0000", "6.0000", "0.0000 → 6.0000"],
      ["b", "∂(a*b)/∂b = a = 2.0000", "-2.0000", "-4.0000", "0.0000 → -4.0000"],
    ]);
    expect(await page.textContent("#step-panel")).toContain("Backward is complete");
    expect((await valueRow(page, "a"))[3]).toBe("6.0000");
    await page.screenshot({ path: join(RESULTS, "step.png") });
    await page.click("#btn-step"); // a second pass: the inputs' grads will accumulate
    expect(await page.textContent("#step-panel")).toContain("this pass adds to them");

    // b = a + a: the second contribution is added to the first
    await page.selectOption("#preset", "accumulate");
    await graphReady(page);
    for (let i = 0; i < 2; i++) await page.click("#btn-step");
    expect(await cells(page, "#step-table tbody tr")).toEqual([
      ["a", "∂(a+a)/∂a = 1 = 1.0000", "1.0000", "1.0000", "0.0000 → 1.0000"],
      ["a", "∂(a+a)/∂a = 1 = 1.0000", "1.0000", "1.0000", "1.0000 → 2.0000"],
    ]);

    // the README's picture: the neuron mid-backward
    await page.selectOption("#preset", "neuron");
    await graphReady(page);
    for (let i = 0; i < 3; i++) await page.click("#btn-step");
    await graphReady(page);
    await page.screenshot({ path: join(RESULTS, "neuron-steps.png") });
    clean(errors, external);
  });

  it("nudges an input and compares the slope with the gradient", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(e2e.url);
    await page.selectOption("#preset", "readme");
    await page.selectOption("#nudge-input", "b");
    await page.fill("#nudge-h", "0.000001");
    await page.click("#btn-nudge");
    await page.waitForSelector("#nudge-numeric");
    expect(await page.textContent("#nudge-analytic")).toBe("645.5773");
    const numeric = Number(await page.textContent("#nudge-numeric"));
    expect(Math.abs(numeric - 645.5773)).toBeLessThan(0.01);
    await page.fill("#nudge-h", "zero");
    await page.click("#btn-nudge");
    expect(await page.textContent("#nudge-result")).toContain("h must be a number");
    clean(errors, external);
  });

  it("shows syntax errors inline with their position, and recovers", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(e2e.url);
    await graphReady(page);
    await page.fill("#program", "a = 2\nL = (a * 3");
    await page.click("#btn-forward");
    const box = page.locator("#program-error");
    await box.waitFor({ state: "visible" });
    const message = await box.textContent();
    expect(message).toMatch(/^2:\d+: expected '\)'/);
    expect(message).toContain("^");
    expect(await page.getAttribute("#program", "aria-invalid")).toBe("true");
    await page.fill("#program", "a = 2\nL = foo(a)");
    await page.click("#btn-forward");
    expect(await box.textContent()).toContain("unknown function 'foo'");
    await page.fill("#program", "a = 2\nL = a * 3");
    await page.click("#btn-forward");
    await box.waitFor({ state: "hidden" });
    await graphReady(page);
    expect((await valueRow(page, "L"))[2]).toBe("6.0000");
    clean(errors, external);
  });

  it("summarises a huge graph instead of hanging, and explains a program nested too deeply", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(e2e.url);
    await graphReady(page);
    // pasted (page.fill types big multi-line text slowly): set the text and fire the input event
    await page.$eval(
      "#program",
      (t, text) => {
        (t as unknown as { value: string }).value = text;
        t.dispatchEvent(new Event("input", { bubbles: true }));
      },
      `x = 1.0001\ny = x * x\n${"y = y * x\n".repeat(6000)}`,
    );
    await page.click("#btn-forward");
    await waitForText(page, "#expr-graph .graph-message", "too many to draw");
    expect(await page.textContent("#expr-graph .graph-message")).toContain("6,002 values");
    await graphReady(page);
    await page.click("#btn-backward");
    expect((await valueRow(page, "x"))[3]).not.toBe("0.0000");

    await page.fill("#program", `x = 1\ny = ${"(".repeat(600)}x${")".repeat(600)}`);
    await page.click("#btn-forward");
    await page.locator("#program-error").waitFor({ state: "visible" });
    expect(await page.textContent("#program-error")).toMatch(/2:\d+: expression nested too deeply/);
    clean(errors, external);
  });

  it("restores a shared link and reports the parts it ignored", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(`${e2e.url}#view=train&dataset=circles&hidden=8&lr=abc`);
    await page.waitForSelector("#view-train:not([hidden])");
    expect(await page.inputValue("#cfg-dataset")).toBe("circles");
    expect(await page.inputValue("#cfg-hidden")).toBe("8");
    expect(await page.inputValue("#cfg-lr")).toBe("0.1");
    expect(await page.textContent("#notice")).toContain('learning rate: "abc"');

    const shared = encodeState({ view: "expression", source: "x = 3\ny = x * x", input: "x", h: 0.5 }).hash;
    await page.goto(`${e2e.url}${shared}`);
    await page.reload();
    await graphReady(page);
    expect(await page.inputValue("#program")).toBe("x = 3\ny = x * x");
    expect(await page.inputValue("#nudge-h")).toBe("0.5");
    clean(errors, external);
  });

  it("switches views from the keyboard and says when training diverges", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(`${e2e.url}#view=train&dataset=blobs&loss=mse&lr=10`);
    await waitForText(page, "#train-status", "points");
    await page.focus("#tab-train");
    await page.keyboard.press("ArrowLeft");
    expect(await page.getAttribute("#tab-expression", "aria-selected")).toBe("true");
    expect(await page.isVisible("#view-train")).toBe(false);
    await page.keyboard.press("ArrowRight");
    expect(await page.isVisible("#view-train")).toBe(true);
    await page.click("#btn-play");
    await waitForText(page, "#train-status", "NaN or infinite");
    expect(await page.textContent("#btn-play")).toBe("Play");
    clean(errors, external);
  });

  it("downloads the trained model as JSON, and as ONNX that ONNX Runtime scores like the JSON model", async () => {
    const { page, errors, external } = await e2e.open();
    await page.goto(`${e2e.url}#view=train&dataset=yinyang&loss=ce&hidden=8&activation=tanh`);
    await waitForText(page, "#train-status", "points");
    for (let i = 0; i < 5; i++) await page.click("#btn-train-step");
    await waitForNumber(page, "#stat-step", 5);
    /** Clicks a download button; returns the file's suggested name and bytes. */
    const save = async (button: string, as: string) => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
      const path = join(RESULTS, as);
      await download.saveAs(path);
      return { name: download.suggestedFilename(), bytes: readFileSync(path) };
    };
    const json = await save("#btn-download-json", "download-model.json");
    expect(json.name).toBe("yinyang-model.json");
    const file = JSON.parse(json.bytes.toString("utf8"));
    // the link's settings and the 5 steps taken, as the model file records how it was trained
    expect(file.micrograd).toMatchObject({
      dataset: "yinyang",
      loss: "ce",
      nClasses: 3,
      layers: [8],
      activation: "tanh",
      steps: 5,
    });
    expect(file.micrograd.version).toMatch(/^\d+\.\d+\.\d+/);
    const model = MLP.fromJSON(file);
    expect(model.signature()).toBe("MLP(2, [8, 3])");
    for (const dtype of ["float32", "float64"] as const) {
      await page.selectOption("#onnx-dtype", dtype);
      const onnx = await save("#btn-download-onnx", `download-model-${dtype}.onnx`);
      expect(onnx.name).toBe("yinyang-model.onnx");
      expect([...onnx.bytes.subarray(0, 2)]).toEqual([0x08, 0x08]); // ModelProto.ir_version = 8 comes first
      const m = decodeOnnx(onnx.bytes) as { opset_import: { version: number }[]; graph: { node: unknown[] } };
      expect(m.opset_import[0]?.version).toBe(17);
      expect(m.graph.node).toHaveLength(3); // Gemm, Tanh, Gemm
      const xs = randomPoints(100, 2, 21, 1.5);
      const got = await runOnnx(onnx.bytes, xs, dtype);
      expect(maxRelError(got, forwardRows(model, xs, dtype))).toBeLessThanOrEqual(TOLERANCE[dtype]);
    }
    expect(await page.textContent("#train-status")).toBe(
      "Downloaded yinyang-model.onnx: the model after 5 steps.",
    );
    clean(errors, external);
  });
});
