/**
 * The public API is an explicit list (src/index.ts, no `export *`), and every name on it is documented in
 * packages/micrograd-ts/README.md's "API reference" section; the examples are the subpath micrograd-ts/examples, not the core.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as examples from "../packages/micrograd-ts/src/examples/index.js";
import * as api from "../packages/micrograd-ts/src/index.js";
import * as internals from "../packages/micrograd-ts/src/internals.js";
import * as limits from "../packages/micrograd-ts/src/limits/index.js";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
const index = read("packages/micrograd-ts/src/index.ts");
const readme = read("packages/micrograd-ts/README.md");
const apiSection = /<!-- section:api -->([\s\S]*?)<!-- \/section:api -->/.exec(readme)?.[1] ?? "";

/** The names of `export { … } from` lists in a source file, with whether each is type-only. */
function exportedNames(source: string): { name: string; type: boolean }[] {
  const out: { name: string; type: boolean }[] = [];
  for (const m of source.matchAll(/export (type )?\{([^}]*)\} from/g)) {
    for (const raw of (m[2] ?? "").split(",")) {
      const item = raw.trim();
      if (item === "") continue;
      const type = m[1] !== undefined || item.startsWith("type ");
      out.push({
        name:
          item
            .replace(/^type /, "")
            .split(" as ")
            .pop()
            ?.trim() ?? item,
        type,
      });
    }
  }
  return out;
}

/** Whether the README's API section has a code span starting with `name` (`Value`, `compile(root)`, …). */
const documented = (name: string) => new RegExp(`\`${name}\\b[^\`]*\``).test(apiSection);

describe("the public API (src/index.ts)", () => {
  const names = exportedNames(index);

  it("is an explicit list: no export *, and the module exports exactly its value names", () => {
    expect(index).not.toMatch(/export \*/);
    expect(names.length).toBeGreaterThan(100);
    const values = names.filter((n) => !n.type).map((n) => n.name);
    expect(Object.keys(api).sort()).toEqual([...values].sort());
  });

  it("documents every exported name (values and types) in packages/micrograd-ts/README.md's API reference", () => {
    expect(apiSection.length).toBeGreaterThan(1000);
    const missing = names.map((n) => n.name).filter((n) => !documented(n));
    expect(missing).toEqual([]);
  });

  it("keeps internals and the examples out of the core", () => {
    for (const name of [
      "tokenize",
      "MAX_NESTING",
      "isAnomalyDetectionEnabled",
      "describeNode",
      "NAMES_TEXT",
      "runMoonsDemo",
      "runYinYang",
      "buildMoonsDemoLoss",
      "OP_LIST",
      "opByKey",
      "ACTIVATION_OPS",
      "buildBatchGraph",
      "fillBatch",
      "lineColumn",
      "defaultRng",
      "Diverged",
    ]) {
      expect(Object.keys(api), name).not.toContain(name);
    }
  });

  it("has one anomaly switch in PyTorch's two forms: detectAnomaly(fn) and setDetectAnomaly(on)", () => {
    const anomaly = Object.keys(api).filter((k) => /anomaly/i.test(k));
    expect(anomaly.sort()).toEqual(["AnomalyError", "detectAnomaly", "setDetectAnomaly"]);
  });
});

describe("the shipped type declarations", () => {
  it("leave out the members marked @internal (stripInternal)", () => {
    const out = mkdtempSync(join(tmpdir(), "micrograd-dts-"));
    try {
      const tsc = fileURLToPath(new URL("../node_modules/.bin/tsc", import.meta.url));
      const config = fileURLToPath(new URL("../packages/micrograd-ts/tsconfig.build.json", import.meta.url));
      execFileSync(tsc, ["-p", config, "--outDir", out], { stdio: "pipe" });
      const value = readFileSync(join(out, "engine", "value.d.ts"), "utf8");
      expect(value).toContain("backward(): void;");
      // _backward is public: the lecture calls o._backward() by hand (notebooks/ does too)
      expect(value).toContain("_backward(): void;");
      for (const member of ["_code", "_args", "_custom", "_mark"]) {
        expect(value, member).not.toContain(`${member}`);
      }
      const index = readFileSync(join(out, "index.d.ts"), "utf8");
      expect(index).not.toMatch(/\bOP_LIST\b|\bbuildBatchGraph\b/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("the internals subpath (micrograd-ts/internals)", () => {
  it("is a subpath export of the package", () => {
    const pkg = JSON.parse(read("packages/micrograd-ts/package.json")) as {
      exports: Record<string, { default: string }>;
    };
    expect(pkg.exports["./internals"]?.default).toBe("./dist/internals.js");
    expect(Object.keys(internals).sort()).toEqual(
      [
        "ACTIVATION_OPS",
        "OP_LIST",
        "buildBatchGraph",
        "fillBatch",
        "lineColumn",
        "opByKey",
        "tokenize",
      ].sort(),
    );
  });
});

describe("the limits subpath (micrograd-ts/limits)", () => {
  it("documents every export in the API reference", () => {
    expect(Object.keys(limits)).toContain("checkMemory");
    expect(Object.keys(limits).filter((n) => !documented(n))).toEqual([]);
  });
});

describe("the examples subpath (micrograd-ts/examples)", () => {
  it("documents every example export in the API reference", () => {
    const missing = Object.keys(examples).filter((n) => !documented(n));
    expect(Object.keys(examples)).toContain("runMoonsDemo");
    expect(missing).toEqual([]);
  });

  it("is a subpath export of the package", () => {
    const pkg = JSON.parse(read("packages/micrograd-ts/package.json")) as {
      exports: Record<string, { default: string }>;
    };
    expect(pkg.exports["./examples"]?.default).toBe("./dist/examples/index.js");
  });
});

describe("the packages' exports", () => {
  // "default" (not "import") so require() finds the ESM build too (Node >= 20.19 can require ESM; tslab
  // compiles a notebook's import to require), and typesVersions so TypeScript's older "node" resolution
  // (tslab's) finds each subpath's types
  for (const name of ["micrograd-ts", "micrograd-cli"]) {
    it(`${name}: every entry has types and a default condition, and typesVersions names each subpath`, () => {
      const pkg = JSON.parse(read(`packages/${name}/package.json`)) as {
        exports: Record<string, string | { types: string; default: string }>;
        typesVersions: { "*": Record<string, string[]> };
      };
      const entries = Object.entries(pkg.exports).filter(([k]) => k !== "./package.json");
      expect(entries.length).toBeGreaterThan(0);
      for (const [key, entry] of entries) {
        expect(Object.keys(entry)).toEqual(["types", "default"]);
        if (typeof entry === "string") continue;
        expect(entry.default.replace(/\.js$/, ".d.ts")).toBe(entry.types);
        if (key !== ".") expect(pkg.typesVersions["*"][key.slice(2)]).toEqual([`./${entry.types.slice(2)}`]);
      }
    });
  }
});
