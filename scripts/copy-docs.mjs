// `prepack` of each package in packages/: copies the repository's README.md and LICENSE into the package
// (run from the package's folder by npm pack / npm publish), so the tarball carries them.
import { copyFileSync } from "node:fs";

for (const file of ["README.md", "LICENSE"]) copyFileSync(new URL(`../${file}`, import.meta.url), file);
