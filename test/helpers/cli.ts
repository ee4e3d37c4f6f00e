/**
 * Running the built `micrograd` command in tests: a private build per test file (so test files that build
 * dist/ cannot race), a runner, and the bad-input expectation of every CLI test.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

/** What a run of the command gave. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Compiles the CLI into test-results/<name>/dist and returns the path of its main.js (call in beforeAll). */
export function buildCli(name: string): string {
  const build = join(root, "test-results", name);
  mkdirSync(build, { recursive: true });
  copyFileSync(join(root, "package.json"), join(build, "package.json"));
  execFileSync(
    join(root, "node_modules", ".bin", "tsc"),
    [
      "-p",
      "tsconfig.build.json",
      "--outDir",
      join(build, "dist"),
      "--declaration",
      "false",
      "--sourceMap",
      "false",
    ],
    { cwd: root, stdio: "pipe" },
  );
  return join(build, "dist", "cli", "main.js");
}

/** Runs `node main args…` in `cwd`, without colours. */
export function runCli(main: string, cwd: string, args: readonly string[]): Run {
  const r = spawnSync(process.execPath, [main, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
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
