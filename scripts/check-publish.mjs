// `prepublishOnly` of each package in packages/ (npm publish only; never run for people installing it):
// refuses to publish a package whose package.json lacks `repository`, `homepage` or `bugs`. The project
// has no public repository yet, and a made-up URL would send users nowhere: fill the three fields with
// the real one first (see issue 13).
import { readFileSync } from "node:fs";

const manifest = JSON.parse(readFileSync("package.json", "utf8"));
const missing = ["repository", "homepage", "bugs"].filter((f) => manifest[f] === undefined);
if (missing.length > 0) {
  console.error(
    `npm publish ${manifest.name}: package.json has no ${missing.join(", ")}; add the project's public repository URL (repository.url, homepage, bugs.url) before publishing`,
  );
  process.exit(1);
}
