/**
 * Running the built `micrograd` command in tests: a private build per test file (so test files that build
 * cannot race), runners (to the end, or interrupted with Ctrl-C's signal), the bad-input expectation of
 * every CLI test, and the README helpers the CLI tests check the README with.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect } from "vitest";
import { docSection } from "./docs.js";

/** What a run of the command gave. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The repository. */
export const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * A fresh folder under the system's temporary folder for one test file's files (`micrograd-<name>-XXXXXX`),
 * removed with everything in it after the file's tests (call at the top of a test file).
 */
export function scratchDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `micrograd-${name}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Compiles the library and the CLI into test-results/<name>/node_modules/{micrograd-ts,micrograd-cli}/dist,
 * each with its package.json, so the built CLI imports the built library by its package name (as after
 * `npm install micrograd-cli`), and returns the path of the CLI's main.js (call in beforeAll).
 */
export function buildCli(name: string): string {
  const modules = join(root, "test-results", name, "node_modules");
  rmSync(modules, { recursive: true, force: true });
  // one compilation of both packages' sources (test/helpers/tsconfig.cli.json: rootDir packages/)
  execFileSync(
    join(root, "node_modules", ".bin", "tsc"),
    ["-p", join("test", "helpers", "tsconfig.cli.json"), "--outDir", modules],
    { cwd: root, stdio: "pipe" },
  );
  for (const pkg of ["micrograd-ts", "micrograd-cli"]) {
    renameSync(join(modules, pkg, "src"), join(modules, pkg, "dist"));
    copyFileSync(join(root, "packages", pkg, "package.json"), join(modules, pkg, "package.json"));
  }
  return join(modules, "micrograd-cli", "dist", "cli", "main.js");
}

/** More for a run: environment variables to add, and text for standard input. */
export interface RunOptions {
  env?: Record<string, string>;
  input?: string;
}

/** Runs `node main args…` in `cwd`, without colours, to the end. */
export function runCli(main: string, cwd: string, args: readonly string[], options: RunOptions = {}): Run {
  const r = spawnSync(process.execPath, [main, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0", ...options.env },
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Starts `node main args…` in `cwd`, waits until its stdout matches `ready`, sends SIGINT (what Ctrl-C
 * sends) to that process only, and returns how it ended.
 */
export function interruptCli(
  main: string,
  cwd: string,
  args: readonly string[],
  ready: RegExp,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      cwd,
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    let stdout = "";
    let stderr = "";
    let sent = false;
    child.stdout.on("data", (b: Buffer) => {
      stdout += b.toString();
      if (!sent && ready.test(stdout)) {
        sent = true;
        child.kill("SIGINT");
      }
    });
    child.stderr.on("data", (b: Buffer) => {
      stderr += b.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Bad input: exit code 2, exactly one line on stderr, containing every `needle`, no stack trace. */
export function expectBadInput(r: Run, ...needles: string[]): void {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^micrograd: /);
  for (const n of needles) expect(lines[0]).toContain(n);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
}

/** A PNG's size, from its header (and a check of its signature). */
export function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  expect([...b.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The text of a documentation section (in any documentation file, test/helpers/docs.ts). */
export function readmeSection(name: string): string {
  return docSection(name).text;
}

/** Splits a shell line into words (double or single quotes group; a # outside quotes starts a comment). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = "";
  let quote = "";
  let has = false;
  for (const ch of line) {
    if (quote !== "") {
      if (ch === quote) quote = "";
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === "#") break;
    else if (/\s/.test(ch)) {
      if (has) words.push(cur);
      cur = "";
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has) words.push(cur);
  return words;
}
