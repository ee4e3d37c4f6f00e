#!/usr/bin/env node
/**
 * Entry point of the `micrograd` command. Bad input: one line on stderr and exit code 2; a failed check
 * (gradcheck): exit code 1; never a stack trace (unless MICROGRAD_DEBUG=1). The commands that train run in
 * a watched child process (see supervisor.ts); the others run here (run.ts, loaded only when needed).
 */
import { fileURLToPath } from "node:url";
import { CHILD_ENV, supervise, supervisedCommand } from "./supervisor.js";

const args = process.argv.slice(2);
if (process.env[CHILD_ENV] === undefined && supervisedCommand(args) !== undefined) {
  process.exitCode = await supervise(fileURLToPath(import.meta.url), args);
} else {
  const { runCli } = await import("./run.js");
  process.exitCode = await runCli(process.argv);
}
