/**
 * End-to-end harness for the playground: the site and browser of `site.ts` (build, serve on 127.0.0.1,
 * Debian's /usr/bin/chromium through playwright-core) wrapped for vitest, and helpers for the tests.
 * Every page records console errors and uncaught exceptions.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { CHROMIUM, launch, openPage, ROOT, startSite, textOf } from "./site.js";

export { buildSite, CHROMIUM, launch, openPage, ROOT, serve, startSite, textOf } from "./site.js";

/** Whether the browser tests can run here; in CI (CI set) they must, so a missing browser fails. */
export function e2eAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) return true; // let the launch fail loudly
  console.warn(
    `\n[e2e] skipping the playground's browser tests: ${CHROMIUM} is missing.\n` +
      "      Install it with `apt-get install -y chromium` (CI does this in .ci/run).\n",
  );
  return false;
}

/** Where the tests save their screenshots. */
export const RESULTS = join(ROOT, "test-results");

/** The site and browser of one test file (see `useSite`). */
export interface Site {
  /** The site's base URL. */
  readonly url: string;
  /** A fresh page of the given size that records errors and outside requests (see `openPage`). */
  open(viewport?: { width: number; height: number }): ReturnType<typeof openPage>;
}

/**
 * For a describe block: builds and serves the site and launches Chromium before its tests, closes each
 * test's pages after it, and stops both at the end.
 */
export function useSite(): Site {
  let site: { url: string; close(): void } | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    site = await startSite();
    browser = await launch();
  }, 120_000);
  afterEach(async () => {
    for (const context of browser?.contexts() ?? []) await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    site?.close();
  });
  return {
    get url() {
      return site?.url ?? "";
    },
    open: (viewport) => openPage(browser as Browser, viewport),
  };
}

// ---- helpers for the tests ----

/** micrograd's README example, typed as a user would (not the preset's text). */
export const README_EXAMPLE = `a = -4.0; b = 2.0
c = a + b
d = a * b + b**3
c = c + c + 1
c = c + 1 + c + (-a)
d = d + d * 2 + relu(b + a)
d = d + 3 * d + relu(b - a)
e = c - d
f = e**2
g = f / 2.0
g = g + 10.0 / f`;

/** Waits until the graph in `container` is laid out and drawn. */
export async function graphReady(page: Page, container = "#expr-graph"): Promise<void> {
  await page.waitForSelector(`${container} .graph-view[data-state="ready"] svg`, { timeout: 15_000 });
}

/** The text of every cell (th and td) of the rows matching `selector`. */
export async function cells(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(selector, (rows) =>
    rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => (c.textContent ?? "").trim())),
  );
}

/** The cells of the values table's row for `name`. */
export async function valueRow(page: Page, name: string): Promise<string[]> {
  const rows = await cells(page, `#values-table tbody tr[data-name="${name}"]`);
  return rows[0] ?? [];
}

/** Waits until the text of `selector` contains `text`. */
export function waitForText(page: Page, selector: string, text: string, timeout = 15_000) {
  return page.waitForFunction(`${textOf(selector)}.includes(${JSON.stringify(text)})`, undefined, {
    timeout,
  });
}

/** Waits until the number shown in `selector` is at least `min`. */
export function waitForNumber(page: Page, selector: string, min: number, timeout = 15_000) {
  return page.waitForFunction(`Number.parseFloat(${textOf(selector)}) >= ${min}`, undefined, { timeout });
}

/** How far the page is wider than the viewport (> 0: a horizontal scroll bar). */
export async function overflowX(page: Page): Promise<number> {
  return Number(await page.evaluate("document.documentElement.scrollWidth - window.innerWidth"));
}

/** Fails on console errors, uncaught exceptions or requests that left 127.0.0.1. */
export function clean(errors: string[], external: string[]): void {
  expect(errors, "console errors / uncaught exceptions").toEqual([]);
  expect(external, "requests that left 127.0.0.1").toEqual([]);
}
