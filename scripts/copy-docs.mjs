// `prepack` and `postpack` of each package in packages/ (npm runs them in the package's folder around npm
// pack / publish). prepack copies the repository's LICENSE into the package and rewrites the package's own
// README.md with its relative links absolute, so they work on the npm page, which shows a README without
// the repository around it; the README as written in the repository waits in README.repo.md and postpack
// puts it back.
// - pictures (../../docs/*.png) are shipped in micrograd-cli's tarball (the CLI draws them; the library
//   stays lean) and linked at jsDelivr's copy of that published version;
// - links into a package's sources (src/…, or ../micrograd-ts/src/… from the CLI's README) point at
//   jsDelivr's copy of that published package (src/ ships in both).
// No repository URL is needed, and every link names the exact version packed (checked by
// scripts/consumer-check.mjs against the tarballs' file lists).
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename } from "node:path";

const root = new URL("../", import.meta.url);
const version = (pkg) =>
  JSON.parse(readFileSync(new URL(`packages/${pkg}/package.json`, root), "utf8")).version;
const CDN = "https://cdn.jsdelivr.net/npm";
const REPO_COPY = "README.repo.md";

/**
 * Package `pkg`'s README with its relative links absolute, and the pictures it shows (paths under docs/ of
 * the repository).
 */
export function npmReadme(text, pkg) {
  const pictures = new Set();
  const out = text.replace(
    /\]\(((?:\.\.\/\.\.\/docs|\.\.\/micrograd-[a-z]+\/src|src)\/[^)#\s]+)\)/g,
    (_, path) => {
      if (path.startsWith("../../docs/")) {
        const picture = path.slice("../../".length);
        pictures.add(picture);
        return `](${CDN}/micrograd-cli@${version("micrograd-cli")}/${picture})`;
      }
      const [owner, file] = path.startsWith("src/")
        ? [pkg, path]
        : [path.split("/")[1], path.split("/").slice(2).join("/")];
      return `](${CDN}/${owner}@${version(owner)}/${file})`;
    },
  );
  const left = /\]\((?!https?:|#|mailto:)[^)]+\)/.exec(out);
  if (left) throw new Error(`packages/${pkg}/README.md: a relative link npm cannot show: ${left[0]}`);
  return { text: out, pictures: [...pictures] };
}

if (process.argv[1] && basename(process.argv[1]) === "copy-docs.mjs") {
  const pkg = basename(process.cwd());
  if (process.argv[2] === "restore") {
    if (existsSync(REPO_COPY)) renameSync(REPO_COPY, "README.md");
  } else {
    copyFileSync(new URL("LICENSE", root), "LICENSE");
    // the npm page's text first: a README it cannot show stops the pack before the README is touched
    const { text, pictures } = npmReadme(
      readFileSync(existsSync(REPO_COPY) ? REPO_COPY : "README.md", "utf8"),
      pkg,
    );
    if (!existsSync(REPO_COPY)) renameSync("README.md", REPO_COPY);
    writeFileSync("README.md", text);
    // the pictures of both packages' READMEs ship in micrograd-cli
    if (pkg === "micrograd-cli") {
      const lib = npmReadme(
        readFileSync(new URL("packages/micrograd-ts/README.md", root), "utf8"),
        "micrograd-ts",
      );
      mkdirSync("docs", { recursive: true });
      for (const p of new Set([...pictures, ...lib.pictures])) copyFileSync(new URL(p, root), p);
    }
  }
}
