/**
 * The playground's lecture view in Chromium: every lesson walked at 1400×900 with the mouse and at
 * 375×667 with the keyboard only (Tab to move, Enter / Space / typing to act). The expected numbers are
 * the lecture's (its notebooks' printed outputs, /work/shared/lecture), never read from the page first.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { clean, e2eAvailable, overflowX, RESULTS, ROOT, textOf, useSite } from "./harness.js";

/** The docs' screenshot is rewritten only on request: `UPDATE_SCREENSHOTS=1 npx vitest run test/e2e/lecture.test.ts`. */
const UPDATE_DOCS = process.env.UPDATE_SCREENSHOTS === "1";
const available = e2eAvailable();

/** The chapters and their starts (seconds), from the video's description. */
const CHAPTERS: [string, number][] = [
  ["micrograd overview", 25],
  ["derivative of a simple function with one input", 488],
  ["derivative of a function with multiple inputs", 852],
  ["starting the core Value object of micrograd and its visualization", 1149],
  ["manual backpropagation example #1: simple expression", 1930],
  ["preview of a single optimization step", 3070],
  ["manual backpropagation example #2: a neuron", 3172],
  ["implementing the backward function for each operation", 4142],
  ["implementing the backward function for a whole expression graph", 4652],
  ["fixing a backprop bug when one node is used multiple times", 4948],
  ["breaking up a tanh, exercising with more operations", 5225],
  ["doing the same thing but in PyTorch: comparison", 5971],
  ["building out a neural net library (multi-layer perceptron) in micrograd", 6235],
  ["creating a tiny dataset, writing the loss function", 6664],
  ["collecting all of the parameters of the neural net", 7076],
  ["doing gradient descent optimization manually, training the network", 7272],
  ["summary of what we learned, how to go towards modern neural nets", 8043],
];

/** L = (a*b + c)*f: the grads the lecture derives by hand. */
const EXPRESSION_GRADS: Record<string, number> = { L: 1, d: -2, f: 4, c: -2, e: -2, a: 6, b: -4 };
/** The neuron: the grads the lecture fills in by hand (first notebook, cells 23-28); both spellings of the sums' labels. */
const NEURON_GRADS: Record<string, number> = {
  o: 1,
  n: 0.5,
  b: 0.5,
  x1w1x2w2: 0.5,
  "x1*w1 + x2*w2": 0.5,
  x1w1: 0.5,
  "x1*w1": 0.5,
  x2w2: 0.5,
  "x2*w2": 0.5,
  x1: -1.5,
  w1: 1,
  x2: 0.5,
  w2: 0,
};

/** How a walk acts on the page: with the mouse, or with the keyboard only. */
interface Actor {
  page: Page;
  /** Presses a button (or follows a link). */
  press(selector: string): Promise<void>;
  /** Types into a field (replacing its text); `submit` presses Enter after. */
  type(selector: string, text: string, submit?: boolean): Promise<void>;
  /** Toggles a checkbox. */
  toggle(selector: string): Promise<void>;
}

function mouse(page: Page): Actor {
  return {
    page,
    press: (s) => page.click(s),
    async type(s, text, submit = false) {
      await page.fill(s, text);
      if (submit) await page.press(s, "Enter");
      else await page.locator(s).blur(); // clicking elsewhere commits it (change)
    },
    toggle: (s) => page.click(s),
  };
}

/** Moves the focus with Tab (then Shift+Tab) until `selector` has it; fails after a full lap each way. */
async function tabTo(page: Page, selector: string): Promise<void> {
  const focused = () =>
    page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`);
  for (const key of ["Tab", "Shift+Tab"]) {
    for (let i = 0; i < 250; i++) {
      if (await focused()) return;
      await page.keyboard.press(key);
    }
  }
  throw new Error(`Tab never reached ${selector}`);
}

function keyboard(page: Page): Actor {
  return {
    page,
    async press(s) {
      await tabTo(page, s);
      await page.keyboard.press("Enter");
    },
    async type(s, text, submit = false) {
      await tabTo(page, s);
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Delete");
      await page.keyboard.type(text);
      if (submit) await page.keyboard.press("Enter");
      else await page.keyboard.press("Tab"); // leaving the field commits it (change)
    },
    async toggle(s) {
      await tabTo(page, s);
      await page.keyboard.press("Space");
    },
  };
}

/** The "here" cell of a compare row. */
const ours = (page: Page, key: string) => page.textContent(`tr[data-key="${key}"] td.ours`);

/** Waits until the "here" cell of a compare row reads `text`. */
async function waitOurs(page: Page, key: string, text: string): Promise<void> {
  await page.waitForFunction(
    `${textOf(`tr[data-key="${key}"] td.ours`)} === ${JSON.stringify(text)}`,
    undefined,
    {
      timeout: 15_000,
    },
  );
}

/** Answers every step of a "your turn": a wrong answer first at `wrongAt` (checking its hint), "Show me" at `showAt`. */
async function yourTurn(
  a: Actor,
  grads: Record<string, number>,
  count: number,
  wrongAt: string,
  hint: string[],
  showAt: string,
): Promise<string[]> {
  const page = a.page;
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const input = `#hand-${i}`;
    await page.waitForSelector(input);
    const name = (await page.textContent(`label[for="hand-${i}"]`))?.replace(/^grad of /, "") ?? "";
    expect(Object.hasOwn(grads, name), `unexpected node "${name}"`).toBe(true);
    names.push(name);
    const right = grads[name] as number;
    // the input is named "grad of <label>" for assistive technology
    expect(await page.getByLabel(`grad of ${name}`, { exact: true }).count()).toBe(1);
    if (name === showAt) {
      await a.press(`#hand-${i}-show`);
      expect(Number(await page.inputValue(input))).toBeCloseTo(right, 4);
    } else {
      if (name === wrongAt) {
        await a.type(input, String(right + 1), true);
        await page.waitForFunction(`${textOf(`#hand-${i}-hint`)}.startsWith("Not quite")`);
        const text = await page.textContent(`#hand-${i}-hint`);
        for (const h of hint) expect(text).toContain(h);
        expect(await page.getAttribute(input, "aria-invalid")).toBe("true");
        // still on the same node
        expect(await page.$(`#hand-${i + 1}`)).toBeNull();
      }
      await a.type(input, String(right), true);
    }
    await page.waitForSelector(`li[data-name="${name}"][data-state="done"]`);
  }
  await page.waitForFunction(`${textOf("#hand-status")}.startsWith("All ${count} grads done")`);
  return names;
}

/** Walks every lesson with the given actor, checking titles, links and the lecture's numbers. */
async function walk(a: Actor, shots: string): Promise<void> {
  const page = a.page;
  const goNext = async (n: number) => {
    await a.press("#lesson-next");
    await page.waitForFunction(`${textOf("#lesson-title")} === ${JSON.stringify(title(n))}`);
  };
  const title = (n: number) => (n <= 17 ? (CHAPTERS[n - 1] as [string, number])[0] : "exercises");
  const check = async (n: number) => {
    expect(await page.textContent("#lesson-title")).toBe(title(n));
    const href = await page.getAttribute("#lesson-video", "href");
    if (n <= 17)
      expect(href).toBe(
        `https://www.youtube.com/watch?v=VMj-3S1tku0&t=${(CHAPTERS[n - 1] as [string, number])[1]}s`,
      );
    // the link follows the learner
    await page.waitForFunction(`location.hash === "#view=lecture&lesson=${n}"`);
    expect(await overflowX(page), `lesson ${n} scrolls sideways`).toBeLessThanOrEqual(0);
  };

  // 1. overview: micrograd's README numbers
  await check(1);
  await waitOurs(page, "g", "24.7041");
  expect(await ours(page, "dg-da")).toBe("138.8338");
  expect(await ours(page, "dg-db")).toBe("645.5773");

  // 2. f(x): 20, the secants, 0 at h = 1e-17 and why
  await goNext(2);
  await check(2);
  await waitOurs(page, "f3", "20.0");
  expect(await ours(page, "secant-23")).toBe("2.999378523327323e-06");
  await a.press("#fx-preset-3");
  await page.waitForFunction(`${textOf("#fx-slope")}.startsWith("14.003")`);
  await a.press("#fx-preset-23");
  await page.waitForFunction(`${textOf("#fx-slope")} === "2.999378523327323e-06"`);
  await a.press("#fx-preset-tiny");
  await page.waitForFunction(`${textOf("#fx-slope")} === "0.0"`);
  expect(await page.textContent("#lesson")).toContain("3 + 1e-17 is exactly 3");
  await a.type("#fx-h", "0.5");
  // by hand: f(3.5) = 3·12.25 − 14 + 5 = 27.75, so (27.75 − 20)/0.5 = 15.5
  await page.waitForFunction(`${textOf("#fx-slope")} === "15.5"`);
  await page.screenshot({ path: join(RESULTS, `${shots}-derivative.png`), fullPage: true });

  // 3. d = a*b + c bumped by 0.0001
  await goNext(3);
  await check(3);
  await a.press("#bump-c");
  await page.waitForFunction(`${textOf("#bump-slope")} === "0.9999999999976694"`);
  expect(await page.textContent("#bump-y1")).toBe("4.0");
  expect(await page.textContent("#bump-y2")).toBe("4.0001");
  expect(Number(await ours(page, "slope-a"))).toBeCloseTo(-3, 6);
  expect(Number(await ours(page, "slope-b"))).toBeCloseTo(2, 6);

  // 4. the Value graph: L = -8
  await goNext(4);
  await check(4);
  await waitOurs(page, "L", "Value(data=-8.0)");
  await page.waitForSelector('#lesson .graph-view[data-state="ready"] svg');

  // 5. your turn on L, and lol()
  await goNext(5);
  await check(5);
  await page.waitForSelector('#lesson .graph-view[data-state="ready"] svg');
  expect(await page.textContent("#lesson svg")).toContain("grad ?");
  await yourTurn(a, EXPRESSION_GRADS, 7, "d", ["dL/dd = f = -2", "dL/dL = 1"], "e");
  expect(await page.textContent("#lesson svg")).not.toContain("grad ?");
  expect(await page.textContent('#hand-values tr[data-name="a"] td.grad')).toBe("6.0");
  await a.press("#lol");
  await waitOurs(page, "lol", "-3.9999999999995595");

  // 6. one optimization step: -8 -> -7.286496
  await goNext(6);
  await check(6);
  await a.press("#opt-step");
  await waitOurs(page, "after", "-7.286496");
  expect(await page.textContent("#opt-history li")).toContain("-8.0 → -7.286496");
  // the graph is drawn again at the new inputs: a = 2 + 0.01·6 = 2.06, L = -7.286496
  await page.waitForFunction(
    `${textOf("#lesson svg")}.includes("data 2.0600") && ${textOf("#lesson svg")}.includes("data -7.2865")`,
  );

  // 7. your turn on the neuron; 1 - o**2
  await goNext(7);
  await check(7);
  await waitOurs(page, "one-minus", "0.4999999999999999");
  expect(await ours(page, "o-lecture")).toBe("0.7071067811865476");
  const neuron = await yourTurn(a, NEURON_GRADS, 10, "n", ["1 - tanh(n)²", "do/do = 1"], "x2");
  // the lecture's own labels, as its draw_dot shows them; the output first
  expect(neuron[0]).toBe("o");
  expect(neuron).toContain("x1*w1 + x2*w2");
  expect(neuron).toContain("x1*w1");
  if (shots === "desktop") await page.screenshot({ path: join(RESULTS, "lecture-your-turn.png") });

  // 8. each op's backward, one step at a time
  await goNext(8);
  await check(8);
  await a.press("#op-step");
  await page.waitForFunction(`${textOf("#op-step-panel")}.includes("Step 1 of")`);
  await a.press("#op-step");
  await page.waitForFunction(`${textOf("#op-step-panel")}.includes("Step 2 of")`);
  expect(await page.textContent("#op-step-panel")).toContain("1 - tanh(n)²");
  expect(Number(await page.textContent('#ops-values tr[data-name="n"] td.grad'))).toBeCloseTo(0.5, 12);

  // 9. the topological order, then backward()
  await goNext(9);
  await check(9);
  await page.waitForFunction(`document.querySelectorAll("#topo-ours li").length === 10`);
  expect(await page.$$eval("#topo-lecture li", (l) => l.length)).toBe(10);
  await a.press("#topo-backward");
  await page.waitForFunction(`${textOf('#topo-values tr[data-name="o"] td.grad')} === "1.0"`);
  expect(Number(await page.textContent('#topo-values tr[data-name="x1"] td.grad'))).toBeCloseTo(-1.5, 12);
  expect(await page.textContent('#topo-values tr[data-name="w2"] td.grad')).toBe("0.0");

  // 10. a node used twice, with and without the bug
  await goNext(10);
  await check(10);
  await waitOurs(page, "twice-a", "2.0");
  expect(await ours(page, "twice-a2")).toBe("-3.0");
  expect(await ours(page, "twice-b2")).toBe("-8.0");
  // both cells' graphs are drawn, with the lecture's labels
  await page.waitForFunction(
    `document.querySelectorAll('#lesson .graph-view[data-state="ready"] svg').length === 2`,
    undefined,
    { timeout: 30_000 },
  );
  await a.toggle("#twice-bug");
  await waitOurs(page, "twice-a", "1.0");
  // by hand: the bug keeps the last writer's contribution: (a, b) = (3, -2) or (-6, -6), never (-3, -8)
  const buggy = [await ours(page, "twice-a2"), await ours(page, "twice-b2")];
  expect([
    ["3.0", "-2.0"],
    ["-6.0", "-6.0"],
  ]).toContainEqual(buggy);
  await a.toggle("#twice-bug");
  await waitOurs(page, "twice-a", "2.0");

  // 11. tanh through exp
  await goNext(11);
  await check(11);
  await waitOurs(page, "exp-o", "0.7071067811865476");
  expect(Number(await ours(page, "exp-x1"))).toBeCloseTo(-1.5, 12);
  expect(Number(await ours(page, "exp-w1"))).toBeCloseTo(1, 12);

  // 12. PyTorch: float32 inputs give its digits exactly
  await goNext(12);
  await check(12);
  await page.waitForSelector('tr[data-key="torch-o"]');
  expect(await ours(page, "torch-o")).not.toBe("0.7071066904050358");
  await a.toggle("#pytorch-f32");
  await waitOurs(page, "torch-o", "0.7071066904050358");
  expect(await ours(page, "torch-x2")).toBe("0.5000001283844369");
  expect(await ours(page, "torch-w2")).toBe("0.0");
  expect(await ours(page, "torch-x1")).toBe("-1.5000003851533106");
  expect(await ours(page, "torch-w1")).toBe("1.0000002567688737");
  expect(await page.textContent("#pytorch-b")).toContain("6.881373405456543");

  // 13. MLP(3, [4, 4, 1]) on one example; the seed makes it repeatable
  await goNext(13);
  await check(13);
  await page.waitForFunction(`${textOf("#mlp-forward-out")}.startsWith("n(x) = Value(data=")`);
  const first = await page.textContent("#mlp-forward-out");
  await a.type("#mlp-seed", "2");
  await page.waitForFunction(`${textOf("#mlp-forward-out")} !== ${JSON.stringify(first)}`);
  await a.type("#mlp-seed", "1");
  await page.waitForFunction(`${textOf("#mlp-forward-out")} === ${JSON.stringify(first)}`);
  await a.type("#mlp-seed", "x");
  await page.waitForFunction(`${textOf("#mlp-error")}.includes("seed must be a whole number")`);

  // 14. the dataset and the loss
  await goNext(14);
  await check(14);
  await page.waitForFunction(`${textOf("#mlp-loss-out")}.startsWith("loss = ")`);
  expect(
    await page.$$eval("#mlp-predictions tbody tr", (r) => r.map((x) => x.children[1]?.textContent)),
  ).toEqual(["1.0", "-1.0", "-1.0", "1.0"]);

  // 15. the 41 parameters
  await goNext(15);
  await check(15);
  await page.waitForFunction(`${textOf("#mlp-count")} === "len(n.parameters()) = 41"`);
  expect(await page.$$eval("#mlp-parameters tbody tr", (r) => r.length)).toBe(41);

  // 16. 20 steps of the notebook's loop; the same seed again gives the same losses; forgetting zero_grad
  await goNext(16);
  await check(16);
  const train = async () => {
    await a.press("#mlp-run");
    await page.waitForFunction(`${textOf("#mlp-status")}.startsWith("Done: 20 steps")`, undefined, {
      timeout: 30_000,
    });
    return page.$$eval("#mlp-log li", (l) => l.map((x) => x.textContent ?? ""));
  };
  const run1 = await train();
  expect(run1.length).toBe(20);
  expect(run1[0]).toMatch(/^0 /);
  expect(run1[19]).toMatch(/^19 /);
  const loss = (line: string) => Number(line.split(" ")[1]);
  expect(loss(run1[19] as string)).toBeLessThan(loss(run1[0] as string));
  const signs = await page.$$eval("#mlp-predictions td.ypred", (c) =>
    c.map((x) => Math.sign(Number(x.textContent))),
  );
  expect(signs).toEqual([1, -1, -1, 1]);
  await a.press("#mlp-reset");
  expect(await train()).toEqual(run1);
  await a.type("#mlp-steps", "twenty");
  await page.waitForFunction(
    `${textOf("#mlp-error")} === 'steps must be a whole number from 1 to 1000 (got "twenty")'`,
  );
  await a.type("#mlp-steps", "20");
  await page.waitForFunction(`${textOf("#mlp-status")} === "0 of 20 steps."`);
  await a.toggle("#mlp-forget");
  const forgot = await train();
  expect(forgot[0]).toBe(run1[0]); // the first step is the same: grads start at 0
  expect(forgot).not.toEqual(run1);
  // the run with zero_grad is drawn beside it, and its last loss is the first run's
  expect(await page.textContent("#mlp-status")).toContain(
    `With zero_grad the same run ends at ${(run1[19] as string).split(" ")[1]} (dashed).`,
  );
  if (shots === "desktop")
    await page.screenshot({ path: join(RESULTS, "lecture-forget-zero-grad.png"), fullPage: true });
  await a.toggle("#mlp-forget");

  // 17. the summary
  await goNext(17);
  await check(17);
  expect(await page.getAttribute("#summary-train", "href")).toBe("#view=train");
  expect(await page.getAttribute("#summary-gpt", "href")).toBe("#view=gpt");
  expect(await page.textContent("#summary-files")).toContain("packages/micrograd-ts/src/engine/ops.ts");

  // 18. the exercises
  await goNext(18);
  await check(18);
  expect(await page.textContent('#ex1-values tr[data-name="a"] td.grad')).toBe("?"); // no spoilers
  await a.type("#ex1-a", "1");
  await a.press("#ex1-check");
  await page.waitForFunction(`${textOf("#ex1-a-verdict")}.startsWith("not yet")`);
  await a.type("#ex1-a", "-3*a**2 - 0.5*a**-0.5");
  await a.type("#ex1-b", "3*cos(3*b) + 2.5*b**1.5");
  await a.type("#ex1-c", "1/c**2");
  await a.press("#ex1-check");
  for (const n of ["a", "b", "c"])
    await page.waitForFunction(`${textOf(`#ex1-${n}-verdict`)}.startsWith("right")`);
  const expected = [-12.353553390593273, 10.25699027111255, 0.0625];
  for (const [i, n] of ["a", "b", "c"].entries()) {
    const engine = Number(await page.textContent(`tr[data-key="ex1-${n}"] td.ours`));
    const numerical = Number(await page.textContent(`tr[data-key="ex1-${n}"] td.numerical`));
    expect(Math.abs(engine - (expected[i] as number))).toBeLessThanOrEqual(
      1e-9 * Math.abs(expected[i] as number),
    );
    expect(numerical).toBeCloseTo(expected[i] as number, 5);
  }
  const nll = Number(await ours(page, "ex2-loss"));
  expect(Math.abs(nll - 2.1755153626167147)).toBeLessThanOrEqual(1e-15);
  const grads = [0.0417726, 0.8390245, 0.0056533, -0.8864504];
  for (const [i, g] of grads.entries()) expect(Number(await ours(page, `ex2-l${i}`))).toBeCloseTo(g, 7);
  expect(await page.isDisabled("#lesson-next")).toBe(true);
  await page.screenshot({ path: join(RESULTS, `${shots}-exercises.png`), fullPage: true });
}

describe.skipIf(!available)("playground lecture view in Chromium (e2e)", () => {
  const e2e = useSite();

  it("walks every lesson at 1400×900 with the mouse", async () => {
    const { page, errors, external } = await e2e.open({ width: 1400, height: 900 });
    await page.goto(e2e.url);
    await page.click("#tab-lecture");
    await page.waitForSelector("#lesson-title");
    await walk(mouse(page), "desktop");
    clean(errors, external);
  }, 240_000);

  it("walks every lesson at 375×667 with the keyboard only", async () => {
    const { page, errors, external } = await e2e.open({ width: 375, height: 667 });
    await page.goto(e2e.url);
    // the tabs: Tab to the selected one, arrows to the Lecture tab (the last)
    await tabTo(page, '[role="tab"][aria-selected="true"]');
    await page.keyboard.press("End");
    expect(await page.getAttribute("#tab-lecture", "aria-selected")).toBe("true");
    await page.waitForSelector("#lesson-title");
    await walk(keyboard(page), "phone");
    clean(errors, external);
  }, 400_000);

  it("opens the lesson a link names, and says so when the lesson does not exist", async () => {
    const { page, errors, external } = await e2e.open({ width: 1400, height: 900 });
    await page.goto(`${e2e.url}#view=lecture&lesson=7`);
    await page.waitForFunction(
      `${textOf("#lesson-title")} === "manual backpropagation example #2: a neuron"`,
    );
    expect(await page.getAttribute("#tab-lecture", "aria-selected")).toBe("true");
    await page.selectOption("#lesson-picker", "12");
    await page.waitForFunction(`location.hash === "#view=lecture&lesson=12"`);
    await page.reload();
    await page.waitForFunction(
      `${textOf("#lesson-title")} === "doing the same thing but in PyTorch: comparison"`,
    );
    await page.goto(`${e2e.url}#view=lecture&lesson=99`);
    await page.waitForFunction(
      `${textOf("#notice")}.includes('lesson "99" must be a whole number from 1 to 18')`,
    );
    expect(await page.textContent("#lesson-title")).toBe("micrograd overview");
    // a program error in a lesson is shown where it is, and fixing it recovers
    await page.goto(`${e2e.url}#view=lecture&lesson=5`);
    await page.waitForSelector("#hand-0");
    await page.fill("#hand-program", "a = 2.0\nL = (a * 3");
    await page.click("#hand-run");
    await page.waitForFunction(`${textOf("#hand-error")}.includes("expected ')'")`);
    await page.fill("#hand-program", "a = 2.0\nL = a * 3.0");
    await page.click("#hand-run");
    await page.waitForSelector('label[for="hand-0"]');
    expect(await page.textContent('label[for="hand-0"]')).toBe("grad of L");
    await page.fill("#hand-0", "1");
    await page.press("#hand-0", "Enter");
    await page.waitForSelector('label[for="hand-1"]');
    await page.fill("#hand-1", "banana");
    await page.press("#hand-1", "Enter");
    await page.waitForFunction(`${textOf("#hand-1-hint")}.includes("is not a number or a formula")`);
    if (UPDATE_DOCS) {
      // the docs' picture: the first your-turn, answered down to e, with a wrong answer's hint on e
      await page.reload(); // lesson 5 afresh
      await page.waitForSelector('#lesson .graph-view[data-state="ready"] svg');
      for (let i = 0; ; i++) {
        const name = (await page.textContent(`label[for="hand-${i}"]`))?.replace(/^grad of /, "") ?? "";
        if (name === "e") {
          await page.fill(`#hand-${i}`, "-6");
          await page.press(`#hand-${i}`, "Enter");
          await page.waitForFunction(`${textOf(`#hand-${i}-hint`)}.startsWith("Not quite")`);
          break;
        }
        await page.fill(`#hand-${i}`, String(EXPRESSION_GRADS[name]));
        await page.press(`#hand-${i}`, "Enter");
        await page.waitForSelector(`#hand-${i + 1}`);
      }
      await page.evaluate(`document.querySelector(".hand-layout").scrollIntoView({ block: "center" })`);
      await page.screenshot({ path: join(ROOT, "docs", "playground-lecture.png") });
    }
    clean(errors, external);
  }, 120_000);
});
