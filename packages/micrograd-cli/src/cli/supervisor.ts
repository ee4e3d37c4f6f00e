/**
 * The commands that train (`demo`, `train`, `yinyang`, `gpt`) run in a child process, watched by the `micrograd`
 * process the user started. Two reasons:
 *
 * - Ctrl-C. Training is one long synchronous loop, so a Ctrl-C handler in the same process would only run
 *   after it. Here the child dies at once (it keeps Node's default SIGINT action) and the parent, which is
 *   idle, deletes the temporary files the child left, removes the folders it created if they are empty, and
 *   prints one line saying what was written (the child reports every file event over the IPC channel).
 * - V8 flags. `--engine object` builds a whole graph of short-lived Values every step; with V8's default
 *   16 MB young generation that graph is copied by the scavenger again and again. The child gets
 *   `--max-semi-space-size=64` for it: the object-engine demo takes ~3.5 s instead of ~7 s here (median of
 *   3; the compiled engine and yin-yang: no difference, so they run without it).
 *
 * The cost is one more Node start (~0.1 s). `MICROGRAD_CHILD=1` runs a command in-process (the child has
 * it set).
 */
import { spawn } from "node:child_process";
import { cleanUpAfterInterrupt, type FileEvent } from "./files.js";

/** Set in the child's environment; also runs a command in-process when set by hand. */
export const CHILD_ENV = "MICROGRAD_CHILD";
/** The commands that run in a child process. */
export const SUPERVISED = ["demo", "train", "yinyang", "gpt"];
/** The V8 flag for the object engine (see above). */
export const OBJECT_ENGINE_FLAGS = ["--max-semi-space-size=64"];

/** The command name in `args` (the arguments after the script), if it is one that runs in a child. */
export function supervisedCommand(args: readonly string[]): string | undefined {
  const command = args.find((a) => !a.startsWith("-"));
  return command !== undefined && SUPERVISED.includes(command) ? command : undefined;
}

/** Whether `args` ask for the object engine (`--engine object` or `--engine=object`). */
export function wantsObjectEngine(args: readonly string[]): boolean {
  return args.some((a, i) => a === "--engine=object" || (a === "--engine" && args[i + 1] === "object"));
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15, SIGABRT: 6, SIGHUP: 1 };

/** The one line printed when the child was stopped by `signal`, given the files it finished. */
export function interruptedLine(signal: string, written: readonly string[]): string {
  const why =
    signal === "SIGINT"
      ? "interrupted (Ctrl-C)"
      : signal === "SIGABRT" || signal === "SIGKILL"
        ? `stopped by ${signal} (the system or V8 ends a process like this when memory runs out)`
        : `stopped by ${signal}`;
  if (written.length === 0) return `micrograd: ${why}; nothing was written`;
  return `micrograd: ${why}; wrote ${written.join(", ")} before stopping (no partial files left)`;
}

/**
 * Runs `node <flags> <script> <args>` as a child with the same terminal, and returns its exit code; if
 * a signal stops it, cleans up after it and prints `interruptedLine`. Ctrl-C and SIGTERM sent to this
 * process are passed on to the child.
 */
export function supervise(script: string, args: readonly string[]): Promise<number> {
  const flags = [...process.execArgv, ...(wantsObjectEngine(args) ? OBJECT_ENGINE_FLAGS : [])];
  const child = spawn(process.execPath, [...flags, script, ...args], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: { ...process.env, [CHILD_ENV]: "1" },
  });
  const temps = new Set<string>();
  const dirs: string[] = [];
  const written: string[] = [];
  child.on("message", (m: { micrograd?: FileEvent }) => {
    const e = m?.micrograd;
    if (!e) return;
    if (e.kind === "temp") temps.add(e.path);
    else if (e.kind === "removed") temps.delete(e.path);
    else if (e.kind === "dir") dirs.push(e.path);
    else if (e.kind === "file") {
      written.push(e.path);
      if (e.temp !== undefined) temps.delete(e.temp);
    }
  });
  const forward = (signal: NodeJS.Signals) => () => {
    child.kill(signal);
  };
  const onInt = forward("SIGINT");
  const onTerm = forward("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return new Promise((resolveCode) => {
    child.on("error", (e) => {
      process.stderr.write(`micrograd: internal error: cannot start node: ${e.message}\n`);
      resolveCode(1);
    });
    child.on("close", (code, signal) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      cleanUpAfterInterrupt([...temps], dirs);
      if (signal) {
        // the child may have died with the progress bar drawn and the cursor hidden
        if (process.stdout.isTTY) process.stdout.write("\r\u001b[2K\u001b[?25h");
        process.stderr.write(`${interruptedLine(signal, written)}\n`);
        resolveCode(128 + (SIGNAL_NUMBERS[signal] ?? 0));
      } else {
        resolveCode(code ?? 1);
      }
    });
  });
}
