/**
 * End-to-end harness for the playground: builds the site (vite build), serves web/dist on 127.0.0.1 with
 * a tiny static server, and launches Debian's /usr/bin/chromium through playwright-core (never a
 * downloaded browser). Every page records console errors and uncaught exceptions.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const CHROMIUM = "/usr/bin/chromium";

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

/**
 * Builds the static site into `outDir` (default: a fresh temporary folder, so test files running in
 * parallel never build into the same place) and returns the folder.
 */
export function buildSite(outDir = mkdtempSync(join(tmpdir(), "playground-"))): string {
  const vite = join(ROOT, "node_modules", "vite", "bin", "vite.js");
  execFileSync(
    process.execPath,
    [
      vite,
      "build",
      "--config",
      "web/vite.config.ts",
      "--logLevel",
      "warn",
      "--outDir",
      outDir,
      "--emptyOutDir",
    ],
    { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] },
  );
  return outDir;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/** Serves a folder on 127.0.0.1 (a random free port); resolves to the server and its base URL. */
export function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      ok({ server, url: `http://127.0.0.1:${port}/` });
    });
  });
}

/** Builds the site into a temporary folder and serves it; `close()` stops the server and removes it. */
export async function startSite(): Promise<{ url: string; close(): void }> {
  const dir = buildSite();
  const { server, url } = await serve(dir);
  return {
    url,
    close() {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
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

/** Launches the system Chromium, headless, with nothing that reaches the network on its own. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** A page that records console errors, uncaught exceptions and requests that leave 127.0.0.1. */
export async function openPage(
  browser: Browser,
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; errors: string[]; external: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  const external: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith("http://127.0.0.1:") && !u.startsWith("data:") && !u.startsWith("blob:"))
      external.push(u);
  });
  return { page, errors, external };
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

// In-page checks are written as strings: the root tsconfig has no DOM types (core must not use them).
export const textOf = (selector: string) =>
  `(document.querySelector(${JSON.stringify(selector)})?.textContent ?? "")`;

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
