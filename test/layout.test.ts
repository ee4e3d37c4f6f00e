/**
 * ARCHITECTURE.md's dependency directions, checked on every import of every source file: the library
 * imports nothing outside itself (no packages, no Node modules); the CLI reaches the library only by its
 * package name; in the playground each view (expression/, train/, gpt/, lecture/) imports shared/, the
 * library and itself, and shared/ imports no view.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Every .ts file below `dir` (relative to the repository). */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(path));
    else if (/\.ts$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** The module specifiers a file imports or re-exports (static `from "…"` and dynamic `import("…")`). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const specs: string[] = [];
  for (const m of text.matchAll(/\bfrom\s+"([^"]+)"|\bimport\s*\(\s*"([^"]+)"\s*\)|^import\s+"([^"]+)"/gm)) {
    specs.push((m[1] ?? m[2] ?? m[3]) as string);
  }
  return specs;
}

/** A relative specifier as a repository path; bare ones as they are. */
function target(file: string, spec: string): string {
  return spec.startsWith(".") ? relative(root, resolve(root, dirname(file), spec)) : spec;
}

/** The rows `file imports spec` that `allowed` refuses. */
function violations(dir: string, allowed: (file: string, to: string, spec: string) => boolean): string[] {
  const bad: string[] = [];
  for (const file of sources(dir)) {
    for (const spec of importsOf(file)) {
      if (!allowed(file, target(file, spec), spec)) bad.push(`${file} imports ${spec}`);
    }
  }
  return bad;
}

const LIB = "packages/micrograd-ts/src";
const CLI = "packages/micrograd-cli/src";
const VIEWS = ["expression", "train", "gpt", "lecture"];

describe("imports follow ARCHITECTURE.md's directions", () => {
  it("the library imports nothing outside itself: no packages, no Node modules", () => {
    expect(sources(LIB).length).toBeGreaterThan(50);
    expect(violations(LIB, (_f, to, spec) => spec.startsWith(".") && to.startsWith(`${LIB}/`))).toEqual([]);
  });

  it("the CLI reaches the library only by its package name, never by a path into it or the site", () => {
    const bad = violations(CLI, (_f, to, spec) =>
      spec.startsWith(".") ? to.startsWith(`${CLI}/`) : !to.startsWith("packages/") && !to.startsWith("web"),
    );
    expect(bad).toEqual([]);
  });

  it("a playground view imports shared/, the library and itself; shared/ imports no view", () => {
    expect(violations("web/src", webAllowed)).toEqual([]);
  });

  it("refuses a view's import from another view and shared/'s from a view (the check can fail)", () => {
    const rel = (from: string, to: string) =>
      target(from, relative(dirname(join(root, from)), join(root, to)));
    const f = "web/src/shared/plots.ts";
    expect(webAllowed(f, rel(f, "web/src/train/session.js"), "../train/session.js")).toBe(false);
    const g = "web/src/lecture/lecture-view.ts";
    expect(webAllowed(g, rel(g, "web/src/expression/nudge.js"), "../expression/nudge.js")).toBe(false);
    expect(webAllowed(g, rel(g, "web/src/shared/stepper.js"), "../shared/stepper.js")).toBe(true);
    expect(
      webAllowed(g, "packages/micrograd-ts/src/index.js", "../../packages/micrograd-ts/src/index.js"),
    ).toBe(false);
  });
});

/** The playground's rule for one import of `file` (see the test above). */
function webAllowed(file: string, to: string, spec: string): boolean {
  const viewOf = (path: string) => VIEWS.find((v) => path.startsWith(`web/src/${v}/`));
  if (!spec.startsWith(".")) return !to.startsWith("packages/"); // packages by name
  if (!to.startsWith("web/src/")) return false; // no path into the packages
  const from = viewOf(file);
  const into = viewOf(to);
  if (file.startsWith("web/src/shared/")) return into === undefined;
  return into === undefined || into === from || from === undefined; // main.ts wires the views
}
