/**
 * The notebooks in notebooks/ (the lecture in TypeScript on the tslab kernel): scripts/notebooks.py runs
 * them headless with Jupyter's nbclient and compares what they print with the lecture's numbers. Needs
 * Python with nbclient and the kernel (npm ci --prefix notebooks); without them the tests are skipped,
 * except in CI (CI=1), where that is a failure.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = join(ROOT, "scripts", "notebooks.py");
const OUT = join(ROOT, "test-results", "notebooks");

/** A Python that has Jupyter's nbclient (Debian's /usr/bin/python3 first: a pyenv python3 may lack it). */
function findPython(): string | null {
  for (const py of ["/usr/bin/python3", "python3", "python"]) {
    const r = spawnSync(py, ["-c", "import nbclient, nbformat, jupyter_client"], { stdio: "ignore" });
    if (r.status === 0) return py;
  }
  return null;
}

const python = findPython();
const kernel = existsSync(join(ROOT, "notebooks", "node_modules", ".bin", "tslab"));
const inCI = process.env.CI === "1" || process.env.CI === "true";
const missing =
  python === null
    ? "Jupyter's nbclient (apt-get install python3-nbclient python3-jupyter-client, or pip install nbclient)"
    : kernel
      ? null
      : "the tslab kernel (npm ci --prefix notebooks)";

/** A cell of a notebook file, as much as the tests read. */
interface NotebookCell {
  cell_type: string;
  source: string | string[];
  outputs?: { output_type: string; text?: string | string[]; data?: Record<string, unknown> }[];
}

/** Runs scripts/notebooks.py; returns its exit status and everything it printed. */
function notebooks(args: string[], timeoutMs: number): { status: number | null; out: string } {
  const r = spawnSync(python as string, [SCRIPT, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: timeoutMs,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe.skipIf(missing !== null && !inCI)("the notebooks", () => {
  it("can run here (in CI, Jupyter and the kernel are installed by .ci/run)", () => {
    expect(missing, `missing: ${missing}`).toBeNull();
  });

  it("the committed notebooks keep their outputs, and those hold the lecture's numbers", () => {
    const { status, out } = notebooks(["check"], 60_000);
    expect(out).toContain("all 3 notebooks printed the lecture's numbers");
    expect(status, out).toBe(0);
  });

  describe.runIf(missing === null)("executed headless on the tslab kernel", () => {
    beforeAll(() => {
      // the notebooks import the packages by name: their built dist/, so build the current sources
      execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
    }, 120_000);

    it("the check fails on a wrong number, a cell whose reply is an error, and a display with no picture", () => {
      const nb = JSON.parse(
        readFileSync(join(ROOT, "notebooks", "micrograd_lecture_first_half.ipynb"), "utf8"),
      ) as { cells: NotebookCell[] };
      const code = (source: string) => ({
        id: `doctored-${source.length}`,
        cell_type: "code",
        source,
        outputs: [],
        metadata: {},
        execution_count: null,
      });
      const text = (c: { source: string | string[] }) =>
        Array.isArray(c.source) ? c.source.join("") : c.source;
      const opening = nb.cells.slice(0, nb.cells.findIndex((c) => text(c).includes("slope at 2/3")) + 1);
      nb.cells = [
        ...opening.map((c) => ({ ...c, source: text(c).replace("f(3.0));", "f(4.0));") })),
        code("const quiet = 1; // display(nothing) is never called"),
        code('throw new Error("boom from the doctored notebook");'),
        code('console.log("d", 4);'),
      ];
      const dir = join(ROOT, "test-results", "notebooks-doctored");
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const path = join(dir, "micrograd_lecture_first_half.ipynb");
      writeFileSync(path, JSON.stringify(nb));
      const { status, out } = notebooks(["run", path, "--out", join(dir, "out"), "--total", "120"], 150_000);
      expect(status, out).toBe(1);
      // f(4) = 3*16 - 16 + 5 = 37
      expect(out).toContain("f(3.0) = printed 37.0, the lecture's 20.0 (exactly)");
      expect(out).toMatch(/shows 0 SVG pictures for 1 display calls/);
      expect(out).toMatch(
        /throw new Error\("boom from the doctored notebook"\);\): reply error: Error: boom from/,
      );
      // the cells after the error are not run: the lecture's d is never printed
      expect(out).toContain("no line 'd <number>'");
    }, 200_000);

    it("every notebook runs headless, each cell's reply is ok, and prints the lecture's numbers", () => {
      const { status, out } = notebooks(["run", "--out", OUT, "--total", "280"], 320_000);
      expect(out).toContain("all 3 notebooks ran and printed the lecture's numbers");
      expect(status, out).toBe(0);
      // the committed outputs are this run's: what GitHub shows is what the notebooks print today
      for (const name of [
        "micrograd_lecture_first_half",
        "micrograd_lecture_second_half",
        "micrograd_exercises",
      ]) {
        const printed = (path: string) =>
          (JSON.parse(readFileSync(path, "utf8")) as { cells: NotebookCell[] }).cells.map((c) =>
            (c.outputs ?? []).map((o) => (o.output_type === "stream" ? o.text : Object.keys(o.data ?? {}))),
          );
        expect(
          printed(join(OUT, `${name}.ipynb`)),
          `${name}: the committed outputs are stale; rerun python3 scripts/notebooks.py run --update`,
        ).toEqual(printed(join(ROOT, "notebooks", `${name}.ipynb`)));
      }
    }, 340_000);
  });
});
