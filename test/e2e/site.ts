/**
 * The playground's site and browser, without any test framework: builds the site (vite build), serves it
 * on 127.0.0.1 with a tiny static server, and launches Debian's /usr/bin/chromium through playwright-core
 * (never a downloaded browser). The e2e tests (`harness.ts`) and the browser benchmark
 * (`bench/browser.ts`) both use it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

/**
 * The repository's root: the first folder above this file that holds web/vite.config.ts (this file runs
 * from test/e2e under vitest and from bench/out/test/e2e when the benchmark is compiled).
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "web", "vite.config.ts"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no web/vite.config.ts in any folder above ${from}`);
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const CHROMIUM = "/usr/bin/chromium";

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

// In-page checks are written as strings: the root tsconfig has no DOM types (core must not use them).
export const textOf = (selector: string) =>
  `(document.querySelector(${JSON.stringify(selector)})?.textContent ?? "")`;
