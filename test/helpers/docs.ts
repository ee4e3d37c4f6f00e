/**
 * The repository's documentation files and their `<!-- section:NAME -->` blocks: a section is found by name
 * in whichever file holds it (the root README, a package README or a page in docs/), and must be unique.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The documentation files, relative to the repository root. */
export function docFiles(): string[] {
  const docs = readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`);
  return ["README.md", "packages/micrograd-ts/README.md", "packages/micrograd-cli/README.md", ...docs];
}

/** The text of section `name` and the file it is in; throws if no file or more than one holds it. */
export function docSection(name: string): { text: string; file: string } {
  const found: { text: string; file: string }[] = [];
  const re = new RegExp(`<!-- section:${name} -->([\\s\\S]*?)<!-- /section:${name} -->`);
  for (const file of docFiles()) {
    const m = re.exec(readFileSync(join(root, file), "utf8"));
    if (m) found.push({ text: m[1] as string, file });
  }
  if (found.length !== 1)
    throw new Error(
      `section ${name}: found in ${found.length} files (${found.map((f) => f.file).join(", ")})`,
    );
  return found[0] as { text: string; file: string };
}
