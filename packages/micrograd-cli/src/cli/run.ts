/**
 * Runs one `micrograd` command in this process: parses the arguments, turns every error into one line on
 * stderr and an exit code, and never leaves a half-written file behind.
 */
import { CommanderError } from "commander";
import { createCommand } from "./command.js";
import { describeFailure } from "./errors.js";
import { cleanUpAfterInterrupt, fileJournal, onFileEvent } from "./files.js";
import { CHILD_ENV, interruptedLine } from "./supervisor.js";

/** Deletes this process's unfinished temporary files and the empty folders it created. */
function cleanUp(): void {
  const j = fileJournal();
  cleanUpAfterInterrupt(j.pendingTemps, j.createdDirs);
}

/**
 * Runs the command in `argv` (`process.argv` form) and returns the exit code: 0, 1 (a failed check or an
 * internal error) or 2 (bad input).
 */
export async function runCli(argv: string[]): Promise<number> {
  if (process.env[CHILD_ENV] !== undefined) {
    // A supervised child keeps Node's default Ctrl-C (die at once); the parent cleans up, told by these.
    onFileEvent((e) => process.send?.({ micrograd: e }));
  } else {
    process.once("SIGINT", () => {
      cleanUp();
      process.stderr.write(`${interruptedLine("SIGINT", fileJournal().finished)}\n`);
      process.exit(130);
    });
  }
  // `micrograd ... | head` closes the pipe early: that is not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  const command = createCommand();
  try {
    await command.parseAsync(argv);
    return 0;
  } catch (e) {
    cleanUp();
    if (e instanceof CommanderError) {
      // help and --version exit 0; commander has already printed its (one-line) error otherwise
      return e.exitCode === 0 ? 0 : 2;
    }
    if (process.env.MICROGRAD_DEBUG) console.error(e);
    const { code, text } = describeFailure(e);
    process.stderr.write(`micrograd: ${text}\n`);
    return code;
  }
}
