// `prepack` of each package in packages/ (npm runs it in the package's folder before npm pack / publish):
// copies the repository's LICENSE and README.md into the package, with the README's relative links made
// absolute so they work on the npm page, which shows a README without the repository around it:
// - pictures (docs/*.png) are shipped in micrograd-cli's tarball (the CLI draws them; the library stays
//   lean) and linked at jsDelivr's copy of that published version;
// - links into the library's sources point at jsDelivr's copy of the published micrograd-ts (src/ ships).
// No repository URL is needed, and every link names the exact version packed (checked by
// scripts/consumer-check.mjs against the tarballs' file lists).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";

const root = new URL("../", import.meta.url);
const version = (pkg) =>
  JSON.parse(readFileSync(new URL(`packages/${pkg}/package.json`, root), "utf8")).version;
const CDN = "https://cdn.jsdelivr.net/npm";

/** The README with its relative links absolute, and the pictures it shows (paths under docs/). */
export function npmReadme(text) {
  const pictures = new Set();
  const out = text.replace(/\]\(((?:docs|packages\/micrograd-ts)\/[^)#\s]+)\)/g, (_, path) => {
    if (path.startsWith("docs/")) {
      pictures.add(path);
      return `](${CDN}/micrograd-cli@${version("micrograd-cli")}/${path})`;
    }
    return `](${CDN}/micrograd-ts@${version("micrograd-ts")}/${path.slice("packages/micrograd-ts/".length)})`;
  });
  const left = /\]\((?!https?:|#|mailto:)[^)]+\)/.exec(out);
  if (left) throw new Error(`README.md: a relative link npm cannot show: ${left[0]}`);
  return { text: out, pictures: [...pictures] };
}

if (process.argv[1] && basename(process.argv[1]) === "copy-docs.mjs") {
  const pkg = basename(process.cwd());
  copyFileSync(new URL("LICENSE", root), "LICENSE");
  const { text, pictures } = npmReadme(readFileSync(new URL("README.md", root), "utf8"));
  writeFileSync("README.md", text);
  if (pkg === "micrograd-cli") {
    mkdirSync("docs", { recursive: true });
    for (const p of pictures) copyFileSync(new URL(p, root), p);
  }
}
