#!/usr/bin/env node
// The `micrograd` command: runs the built CLI (dist/cli/main.js). A file of its own, present before the
// build, so that npm links the bin when the repository is installed (npm links bins before `prepare` builds).
import "../dist/cli/main.js";
