/**
 * Writing output files with errors a person can act on: which file, why, what to do.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** A file or folder the tool could not read or write; the message names the path and the reason. */
export class FileError extends Error {
  /** The path involved. */
  readonly path: string;
  constructor(message: string, path: string) {
    super(message);
    this.name = "FileError";
    this.path = path;
  }
}

/** A short reason for a Node file-system error code. */
function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "EEXIST":
      return "a file with that name is in the way";
    case "EISDIR":
      return "it is a folder";
    case "ENOENT":
      return "no such file or folder";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on the device";
    default:
      return (e as Error).message ?? String(e);
  }
}

/**
 * Creates a folder (and its parents) if missing.
 * @param flag the command-line flag that named the folder, for the message (e.g. "--out")
 * @throws FileError naming the folder if it cannot be created or is not a folder
 */
export function ensureDir(dir: string, flag = ""): string {
  const abs = resolve(dir);
  try {
    mkdirSync(abs, { recursive: true });
  } catch (e) {
    const what = flag ? `${flag} ${dir}` : dir;
    throw new FileError(`${what}: cannot create the output folder: ${why(e)}`, dir);
  }
  return abs;
}

/** Options of `writeOutput`. */
export interface WriteOptions {
  /** Paths that must not be overwritten (e.g. the user's input files). */
  never?: readonly string[];
  /** The command-line flag that named the file, for messages (e.g. "--out"). */
  flag?: string;
}

/**
 * Writes a file, creating its folder if needed. Returns `path`.
 * @throws FileError naming the file (and flag) if it cannot be written or is one of `never`
 */
export function writeOutput(path: string, data: string | Uint8Array, options: WriteOptions = {}): string {
  const abs = resolve(path);
  const what = options.flag ? `${options.flag} ${path}` : path;
  if ((options.never ?? []).some((p) => resolve(p) === abs)) {
    throw new FileError(`${what}: refusing to overwrite an input file; choose another output path`, path);
  }
  try {
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, data);
  } catch (e) {
    throw new FileError(`${what}: cannot write the file: ${why(e)}`, path);
  }
  return path;
}

/**
 * Describes a file-system error for a file being read.
 * @param flag the command-line flag that named the file, for the message (e.g. "--model")
 */
export function readError(path: string, e: unknown, flag = ""): FileError {
  return new FileError(`${flag ? `${flag} ` : ""}${path}: cannot read the file: ${why(e)}`, path);
}
