/**
 * Runs the first ```ts block of a README section as written: its package imports pointed at src/, saved
 * under test-results/<name>/, imported, and every console.log call returned (its arguments, unchanged).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { vi } from "vitest";
import { docSection } from "./docs.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The first ```ts block of `<!-- section:NAME -->` (in any documentation file, test/helpers/docs.ts), or throws. */
export function readmeCode(section: string): string {
  const { text } = docSection(section);
  const code = /```ts\n([\s\S]*?)```/.exec(text ?? "")?.[1];
  if (code === undefined) throw new Error(`README section ${section} has no \`\`\`ts block`);
  return code;
}

/**
 * Runs `code` (see the file comment) in test-results/`name`/; `edit` may change it first (e.g. where it
 * writes files). Restore console.log with vi.restoreAllMocks() afterwards.
 */
export async function runSnippet(
  code: string,
  name: string,
  edit: (code: string, dir: string) => string = (c) => c,
): Promise<unknown[][]> {
  const dir = join(root, "test-results", name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "snippet.ts");
  const local = code
    .replace('from "micrograd-ts"', 'from "../../packages/micrograd-ts/src/index.js"')
    .replace('from "micrograd-ts/examples"', 'from "../../packages/micrograd-ts/src/examples/index.js"')
    .replace('from "micrograd-ts/limits"', 'from "../../packages/micrograd-ts/src/limits/index.js"')
    .replace('from "micrograd-cli/onnx"', 'from "../../packages/micrograd-cli/src/onnx/index.js"')
    .replace('from "micrograd-cli/render"', 'from "../../packages/micrograd-cli/src/render/index.js"');
  writeFileSync(file, edit(local, dir));
  const logged: unknown[][] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logged.push(args);
  });
  await import(/* @vite-ignore */ `${file}?t=${Date.now()}`);
  return logged;
}
