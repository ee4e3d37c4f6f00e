/**
 * One choice for indexed reads: `noUncheckedIndexedAccess` stays off in every tsconfig, so `xs[i]` has
 * the element's type and needs no `xs[i] as T` cast. The casts left are the few that narrow a read whose
 * type really holds something else (an op code's table entry, which is `undefined` for custom ops; a
 * regular expression's capture; a row of `unknown` input checked just above). A new cast on an indexed
 * read fails here: drop it, or add it below with the reason.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../", import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), "utf8");

/** Every TypeScript source we write (library, CLI, playground, tests, benchmarks). */
function sources(): string[] {
  const out: string[] = [];
  for (const dir of ["packages/micrograd-ts/src", "packages/micrograd-cli/src", "web/src", "test", "bench"]) {
    for (const f of readdirSync(join(root, dir), { recursive: true }) as string[]) {
      if (/\.tsx?$/.test(f) && !f.endsWith(".d.ts")) out.push(join(dir, f));
    }
  }
  return out;
}

/** `file: text` of the casts allowed on an indexed read, each narrowing a type that holds more. */
const ALLOWED = new Set([
  // OPS[code] is undefined for CUSTOM (ops defined with defineOp live in their own registry)
  "packages/micrograd-ts/src/engine/value.ts: OPS[this._code] as OpDef",
  "packages/micrograd-ts/src/engine/local.ts: OPS[v._code] as OpDef",
  "packages/micrograd-ts/src/compile/interpreter.ts: OPS[code] as OpDef",
  // the trace's node list has holes until it is filled, in order
  "packages/micrograd-ts/src/compile/trace.ts: nodes[i] as Value",
  // the spine holds binary expressions, the type it is declared with is the wider Expr
  "packages/micrograd-ts/src/lang/evaluate.ts: spine[i] as typeof",
  // a regular expression's capture group is string | undefined
  "test/cli/hardening.test.ts: ?.[1] as string",
  "test/e2e/training.test.ts: ?.[1] as string",
  // a parsed JSON record of unknown fields
  "bench/run.ts: s[k] as number",
]);

describe("indexed reads", () => {
  it("noUncheckedIndexedAccess is off in every tsconfig (one choice, stated once)", () => {
    for (const f of ["tsconfig.json", "web/tsconfig.json", "web/tsconfig.node.json", "bench/tsconfig.json"]) {
      expect(read(f), f).not.toMatch(/noUncheckedIndexedAccess"\s*:\s*true/);
    }
  });

  it("carry no `xs[i] as T` casts beyond the listed narrowings", () => {
    const found: string[] = [];
    for (const f of sources()) {
      for (const m of read(f).matchAll(
        /([\w.?]*\[[^\][]*\]) as (?!const\b|unknown\b)([\w| []+?)(?=[;,)\s.]|$)/gm,
      )) {
        const text = `${m[1]} as ${m[2]}`.trim();
        const allowed = [...ALLOWED].some(
          (a) => a.startsWith(`${f}: `) && text.endsWith(a.slice(f.length + 2)),
        );
        if (!allowed) found.push(`${f}: ${text}`);
      }
    }
    expect(found).toEqual([]);
  });
});
