/**
 * The playground's training speed in headless Chromium, each against the same work done by the library in
 * Node in the same run (`npm run bench` runs it; alone: `npm run bench -- --only browser`):
 *
 * - Training view: full-batch steps per second with the page's default settings (moons, 100 points,
 *   MLP(2, [16, 16, 1]), hinge loss + 1e-4 L2, SGD 0.1; read back from the page's own link, so Node trains
 *   whatever the page does), on the compiled and the object engine, with 100 and with the default 80
 *   training points. The page's number is its own `#stat-speed` (steps over each second of playing, in its
 *   worker, drawing and scores included); the baseline is the library's `train()` stepping the same data,
 *   model and optimizer in this process, continuing from one window to the next as the page does, timed
 *   from its second step (the first builds and compiles the graph).
 * - GPT view: microgpt.py's run (the form's defaults: 1,000 steps, seed 42) from Start to Done in the page
 *   (live samples and the typed name included), against `MicroGptTrainer`'s compiled steps in this process.
 *
 * Everything is warmed up first (one round or run not counted: a cold first case measured 546 steps/s
 * against 1,276 warm), then page and Node samples are interleaved, so load from other jobs hits both;
 * the ratios are of this run's medians. Needs /usr/bin/chromium (`apt-get install chromium`); the site is
 * built and served as the e2e tests do (`test/e2e/site.ts`).
 *
 * Environment: BENCH_BROWSER_ROUNDS (default 3: rounds of 3 one-second windows per case),
 * BENCH_GPT_VIEW_RUNS (default 5: runs of the GPT view's training, page and Node each).
 */
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import type { Browser, Page } from "playwright-core";
import {
  type Activation,
  compile,
  type Engine,
  getDataset,
  MicroGptTrainer,
  MLP,
  makeOptimizer,
  type OptimizerName,
  type TrainLossName,
  train,
} from "../packages/micrograd-ts/src/index.js";
import { buildBatchGraph } from "../packages/micrograd-ts/src/train/batch.js";
import { trainLoss } from "../packages/micrograd-ts/src/train/losses.js";
import { CHROMIUM, launch, openPage, startSite, textOf } from "../test/e2e/site.js";

const ROUNDS = Number(process.env.BENCH_BROWSER_ROUNDS ?? 3);
const WINDOWS = 3;
const GPT_RUNS = Number(process.env.BENCH_GPT_VIEW_RUNS ?? 5);

interface Case {
  name: string;
  engine: Engine;
  /** Share of the 100 points trained on (the page's `trainRatio`). */
  trainRatio: number;
}
const CASES: Case[] = [
  { name: "compiled, 100 points", engine: "compiled", trainRatio: 1 },
  { name: "object engine, 100 points", engine: "object", trainRatio: 1 },
  { name: "compiled, default split (80 points)", engine: "compiled", trainRatio: 0.8 },
];

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** "median (min-max, n)". */
const spread = (xs: readonly number[], digits = 0) =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}, ${xs.length})`;
const load = () => loadavg()[0].toFixed(1);
const pad = (s: string, n: number) => s.padEnd(n);

/**
 * The page's full settings, from its own link: the case sets only the engine and the split in the URL,
 * the page fills in its defaults, and Copy link (#btn-share) writes them all into the URL.
 */
async function pageSettings(page: Page): Promise<URLSearchParams> {
  await page.click("#btn-share");
  await page.waitForFunction(`location.hash.includes("dataset=")`);
  return new URLSearchParams(new URL(page.url()).hash.slice(1));
}

/** The same training in Node: `window(steps)` trains on, and returns the steps per second. */
function nodeTrainer(settings: URLSearchParams, engine: Engine) {
  const get = (key: string): string => {
    const v = settings.get(key);
    if (v === null) throw new Error(`bench/browser: the page's link has no ${key}`);
    return v;
  };
  const num = (key: string) => Number(get(key));
  // train() regularizes with alpha * sum(p²) and steps on full or consecutive batches
  const alpha =
    get("regularization") === "l2" ? num("regRate") : get("regularization") === "none" ? 0 : Number.NaN;
  if (Number.isNaN(alpha) || num("batchSize") !== 0) {
    throw new Error(
      `bench/browser: Node's baseline needs L2 or no regularization and the full batch, got ${settings}`,
    );
  }
  const seed = num("seed");
  const data = getDataset(get("dataset"), { n: num("n"), noise: num("noise"), seed });
  // the page's split (the first round(n * trainRatio) points) and its model seed (seed + 1)
  const count = Math.max(1, Math.round(num("n") * num("trainRatio")));
  const x = data.x.slice(0, count);
  const classes = data.y.slice(0, count);
  const loss = get("loss") as TrainLossName;
  const nOut = trainLoss(loss).outputs(data.nClasses);
  const hidden = get("hidden") === "" ? [] : get("hidden").split(",").map(Number);
  const model = new MLP(2, [...hidden, nOut], {
    activation: get("activation") as Activation,
    seed: seed + 1,
  });
  const optimizer = makeOptimizer(get("optimizer") as OptimizerName, model.parameters(), num("lr"));
  const options = {
    model,
    optimizer,
    x,
    classes,
    nClasses: data.nClasses,
    loss,
    alpha,
    batchSize: 0,
    engine,
  };
  const graph = buildBatchGraph(
    { model, loss: trainLoss(loss), nClasses: data.nClasses, alpha, capacity: count },
    x,
    classes,
  );
  return {
    /** Values in one step's compiled graph (the page shows its own). */
    graphSize: compile(graph.loss).size,
    window(steps: number): number {
      const at: number[] = [];
      train({ ...options, steps, onStep: () => at.push(performance.now()) });
      return ((steps - 1) * 1000) / (at[steps - 1] - at[0]);
    },
  };
}

/** Plays the page for `count` one-second windows after the first (discarded) and pauses it. */
async function pageWindows(page: Page, count: number): Promise<number[]> {
  await page.bringToFront();
  await page.click("#btn-play");
  let last = "–";
  const next = async (): Promise<string> => {
    // the worker posts its speed once per second of playing; wait for the next one
    const handle = await page.waitForFunction(
      `(() => { const t = ${textOf("#stat-speed")}; return /^[0-9]+$/.test(t) && t !== ${JSON.stringify(last)} ? t : false; })()`,
      undefined,
      { timeout: 30_000 },
    );
    last = String(await handle.jsonValue());
    return last;
  };
  await next(); // the first window after Play: the loop is restarting
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(Number(await next()));
  await page.click("#btn-play");
  return out;
}

async function playground(base: string, browser: Browser): Promise<void> {
  const pages = [];
  for (const c of CASES) {
    const p = await openPage(browser);
    await p.page.goto(`${base}#view=train&engine=${c.engine}&trainRatio=${c.trainRatio}`);
    await p.page.waitForFunction(`/values|rebuilt/.test(${textOf("#train-status")})`, undefined, {
      timeout: 60_000,
    });
    const status = (await p.page.textContent("#train-status")) ?? "";
    const settings = await pageSettings(p.page);
    const node = nodeTrainer(settings, c.engine);
    // Node's first window sets its length: about a second, like the page's
    const probe = node.window(c.engine === "compiled" ? 200 : 20);
    const steps = Math.max(20, Math.round(probe));
    pages.push({
      c,
      ...p,
      status,
      settings,
      node,
      steps,
      pageRates: [] as number[],
      nodeRates: [] as number[],
    });
  }
  const shown = new URLSearchParams(pages[0].settings);
  for (const key of ["view", "engine", "trainRatio"]) shown.delete(key);
  console.log(
    `\nplayground, training view: full-batch steps/s with the page's settings (its link, engine and split per\n` +
      `case): ${[...shown].map(([k, v]) => `${k}=${v}`).join(" ")}\n` +
      `page: headless Chromium, its own steps/s over each second of playing; Node: train() on the same data,\n` +
      `model and optimizer in this process; ${ROUNDS} rounds x ${WINDOWS} windows after a warm-up round (load average ${load()})`,
  );
  for (let round = 0; round <= ROUNDS; round++) {
    process.stderr.write(`  playground round ${round}/${ROUNDS}${round === 0 ? " (warm-up)" : ""}...\r`);
    for (const p of pages) {
      const inPage = await pageWindows(p.page, round === 0 ? 1 : WINDOWS);
      const inNode = Array.from({ length: round === 0 ? 1 : WINDOWS }, () => p.node.window(p.steps));
      if (round === 0) continue;
      p.pageRates.push(...inPage);
      p.nodeRates.push(...inNode);
    }
  }
  process.stderr.write(`${" ".repeat(60)}\r`);
  const W = 38;
  console.log(
    `${pad("case", W)}${pad("page steps/s (min-max, n)", 28)}${pad("Node train() steps/s", 26)}page speed / Node's`,
  );
  for (const p of pages) {
    console.log(
      pad(p.c.name, W) +
        pad(spread(p.pageRates), 28) +
        pad(spread(p.nodeRates), 26) +
        `${(median(p.pageRates) / median(p.nodeRates)).toFixed(2)}x`,
    );
  }
  const [compiled, object] = pages;
  console.log(
    `compiled / object engine (100 points): page ${(median(compiled.pageRates) / median(object.pageRates)).toFixed(1)}x, ` +
      `Node ${(median(compiled.nodeRates) / median(object.nodeRates)).toFixed(1)}x`,
  );
  for (const p of pages) {
    const shown = /([\d,]+) values/.exec(p.status)?.[1] ?? "?";
    if (p.c.engine === "compiled")
      console.log(
        `  ${p.c.name}: one step's graph ${shown} values in the page, ${p.node.graphSize.toLocaleString("en-US")} in Node`,
      );
  }
  const errors = pages.flatMap((p) => p.errors);
  if (errors.length) console.log(`  page errors: ${errors.join("; ")}`);
  for (const p of pages) await p.page.context().close();
  console.log(`  (load average at the end ${load()})`);
}

/** Seconds from Start to Done for one run of the GPT view, and what the page reported. */
async function gptPageRun(
  page: Page,
): Promise<{ wall: number; status: string; timing: string; loss: string }> {
  await page.waitForFunction(`${textOf("#gpt-play")} === "Start"`);
  await page.waitForTimeout(500); // Reset builds the run in the worker: let it finish before timing
  const t0 = performance.now();
  await page.click("#gpt-play");
  await page.waitForFunction(`${textOf("#gpt-play")} === "Done"`, undefined, { timeout: 600_000 });
  const wall = (performance.now() - t0) / 1000;
  const status = (await page.textContent("#gpt-status")) ?? "";
  const timing = (await page.textContent("#gpt-timing")) ?? "";
  const loss = (await page.textContent("#gpt-stat-loss")) ?? "";
  await page.click("#gpt-reset");
  return { wall, status, timing, loss };
}

/** Seconds for the run's compiled steps in this process (setup not timed), and its last loss. */
function gptNodeRun(run: { steps: number; seed: number }): { wall: number; loss: number } {
  const t = new MicroGptTrainer(run);
  const t0 = performance.now();
  while (!t.done) t.step();
  return { wall: (performance.now() - t0) / 1000, loss: t.losses[t.losses.length - 1] };
}

async function gptView(base: string, browser: Browser): Promise<void> {
  const { page, errors } = await openPage(browser);
  await page.goto(`${base}#view=gpt`);
  // the page's run (its form's defaults: microgpt.py's 1,000 steps, seed 42), the same in Node
  const run = {
    steps: Number(await page.inputValue("#gpt-steps")),
    seed: Number(await page.inputValue("#gpt-seed")),
  };
  console.log(
    `\nplayground, GPT view: microgpt's run (${run.steps.toLocaleString("en-US")} steps, seed ${run.seed}), Start to Done in the\n` +
      `page (live samples every 50 steps and the typed name included) vs MicroGptTrainer's compiled steps in\n` +
      `this process; ${GPT_RUNS} runs each, interleaved, after one warm-up run each (load average ${load()})`,
  );
  await gptPageRun(page);
  gptNodeRun(run);
  const inPage: number[] = [];
  const own: number[] = [];
  const replays: number[] = [];
  const inNode: number[] = [];
  let pageLoss = "";
  let nodeLoss = 0;
  for (let r = 0; r < GPT_RUNS; r++) {
    process.stderr.write(`  GPT view run ${r + 1}/${GPT_RUNS}...\r`);
    const p = await gptPageRun(page);
    inPage.push(p.wall);
    // "1,000 steps in 1.0 s (1000 steps/s)": the steps/s is the finer of the two numbers
    own.push(run.steps / Number(/\((\d+) steps\/s\)/.exec(p.status)?.[1]));
    replays.push(Number(/compiled graph in [\d.]+ s \((\d+) steps\/s\)/.exec(p.timing)?.[1]));
    pageLoss = p.loss;
    const n = gptNodeRun(run);
    inNode.push(n.wall);
    nodeLoss = n.loss;
  }
  process.stderr.write(`${" ".repeat(60)}\r`);
  const W = 46;
  const row = (name: string, xs: number[]) =>
    console.log(
      pad(name, W) +
        pad(spread(xs, 2), 26) +
        pad((run.steps / median(xs)).toFixed(0), 10) +
        `${(median(inNode) / median(xs)).toFixed(2)}x`,
    );
  console.log(
    `${pad(`${run.steps.toLocaleString("en-US")} steps`, W)}${pad("seconds (min-max, n)", 26)}${pad("steps/s", 10)}speed / Node's`,
  );
  row("page, Start to Done (what a user waits)", inPage);
  row("page, its worker's training time", own);
  row("Node, MicroGptTrainer compiled", inNode);
  console.log(
    `  the page's replays of a compiled graph alone: ${spread(replays)} steps/s; last loss: page ${pageLoss}, ` +
      `Node ${nodeLoss.toFixed(4)} (microgpt.py: 2.6497)`,
  );
  if (errors.length) console.log(`  page errors: ${errors.join("; ")}`);
  await page.context().close();
  console.log(`  (load average at the end ${load()})`);
}

if (!existsSync(CHROMIUM)) {
  console.log(`\nplayground in the browser: skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
} else {
  process.stderr.write("  building the site...\r");
  const site = await startSite();
  const browser = await launch();
  try {
    await playground(site.url, browser);
    await gptView(site.url, browser);
  } finally {
    await browser.close();
    site.close();
  }
}
