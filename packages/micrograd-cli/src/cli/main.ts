#!/usr/bin/env node
/**
 * Entry point of the `micrograd` command. Bad input: one line on stderr and exit code 2; a failed check
 * (gradcheck): exit code 1; never a stack trace (unless MICROGRAD_DEBUG=1).
 */
import { CommanderError } from "commander";
import { createCommand } from "./command.js";
import { describeFailure } from "./errors.js";

async function main(argv: string[]): Promise<number> {
  const command = createCommand();
  try {
    await command.parseAsync(argv);
    return 0;
  } catch (e) {
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

// `micrograd ... | head` closes the pipe early: that is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

process.exitCode = await main(process.argv);
