/**
 * Reading inputs and writing outputs so that no file is ever lost:
 *
 * - an output is first written to a temporary name in its folder and then renamed, so a file is either
 *   the old one or the whole new one, never half written (`writeOutput`, `OutputSet`);
 * - an output that is the same file as an input (same path, a symlink to it, or a hard link) is refused
 *   before anything is written (`sameFile`);
 * - `checkOutputFolder` finds an unwritable folder or read-only file before any work, with a probe file,
 *   and leaves no folder behind;
 * - every temporary file, finished file and created folder is reported to `onFileEvent`, so whoever handles
 *   an interruption (Ctrl-C) can delete what is unfinished and say what was written.
 *
 * Errors name the path and the reason, and what to do.
 */
import {
  accessSync,
  constants,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

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

/** What happened to a path: a folder was created, a temporary file started, a file finished (renamed). */
export interface FileEvent {
  kind: "dir" | "temp" | "file" | "removed";
  path: string;
  /** For "file": the temporary file it was renamed from. */
  temp?: string;
}

const listeners: ((e: FileEvent) => void)[] = [];
/** Temporary files not yet renamed or removed, and folders created, in this process. */
const pendingTemps = new Set<string>();
const createdDirs: string[] = [];
const finished: string[] = [];

function emit(kind: FileEvent["kind"], path: string, temp?: string): void {
  if (kind === "temp") pendingTemps.add(path);
  if (kind === "removed") pendingTemps.delete(path);
  if (kind === "dir") createdDirs.push(path);
  if (kind === "file") {
    finished.push(path);
    pendingTemps.delete(temp as string);
  }
  for (const l of listeners) l(temp === undefined ? { kind, path } : { kind, path, temp });
}

/** Calls `listener` for every file event from now on (e.g. to tell a supervising process). */
export function onFileEvent(listener: (e: FileEvent) => void): void {
  listeners.push(listener);
}

/**
 * What this process has done so far: the files it finished, the temporary files still open, the folders it
 * created. `cleanUpAfterInterrupt` uses it.
 */
export function fileJournal(): { finished: string[]; pendingTemps: string[]; createdDirs: string[] } {
  return { finished: [...finished], pendingTemps: [...pendingTemps], createdDirs: [...createdDirs] };
}

/**
 * After an interruption: deletes the temporary files that were never renamed and the created folders that
 * are empty (deepest first). Never touches a finished file. Safe to call from another process with the
 * events this one reported.
 */
export function cleanUpAfterInterrupt(temps: readonly string[], dirs: readonly string[]): void {
  for (const t of temps) {
    try {
      unlinkSync(t);
    } catch {
      // already gone
    }
  }
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
    try {
      if (readdirSync(d).length === 0) rmdirSync(d);
    } catch {
      // not empty, or gone
    }
  }
}

/** Whether anything exists at `path`. */
function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates folder `abs` and its missing parents, one at a time from the top, reporting each folder created.
 * Not `mkdirSync(…, { recursive: true })`: where a file system refuses a folder with ENOENT although its
 * parent exists (/proc/self/x), Node's recursive mkdir retries forever; here the first refusal is the
 * error.
 */
function makeDirs(abs: string): void {
  const missing: string[] = [];
  for (let d = abs; !exists(d) && dirname(d) !== d; d = dirname(d)) missing.push(d);
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EEXIST" && statSync(d).isDirectory()) continue; // made by someone else meanwhile
      if (code === "ENOENT" && exists(dirname(d))) {
        throw Object.assign(new Error(`${dirname(d)} does not allow new folders`), { code: "EREFUSED" });
      }
      throw e;
    }
    emit("dir", d);
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
    makeDirs(abs);
  } catch (e) {
    const what = flag ? `${flag} ${dir}` : dir;
    throw new FileError(`${what}: cannot create the output folder: ${why(e)}`, dir);
  }
  return abs;
}

/** The identity of an existing file (device and inode), or null if it does not exist. */
function identity(path: string): string | null {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/**
 * Whether two paths name the same file: the same path after resolving symlinks (of the file or any folder
 * on the way), or two names of one file (a hard link: same device and inode). A path that does not exist
 * yet is compared by its resolved folder and name.
 */
export function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  const ia = identity(a);
  if (ia !== null && ia === identity(b)) return true;
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      try {
        return join(realpathSync(dirname(resolve(p))), basename(p));
      } catch {
        return resolve(p);
      }
    }
  };
  return real(a) === real(b);
}

/** Options of `writeOutput` and `OutputSet`. */
export interface WriteOptions {
  /** Paths that must not be overwritten (e.g. the user's input files); compared with `sameFile`. */
  never?: readonly string[];
  /** The command-line flag that named the file, for messages (e.g. "--out"). */
  flag?: string;
}

/**
 * Throws unless `path` is none of `options.never` (by `sameFile`): call it before the work, so an output
 * that would overwrite an input is found at once.
 * @throws FileError naming the output, and the input when they are two names of one file
 */
export function refuseInputs(path: string, options: WriteOptions): void {
  const what = options.flag ? `${options.flag} ${path}` : path;
  const input = (options.never ?? []).find((p) => sameFile(p, path));
  if (input !== undefined) {
    const how = resolve(input) === resolve(path) ? "" : ` (it is the same file as ${input})`;
    throw new FileError(
      `${what}: refusing to overwrite an input file${how}; choose another output path`,
      path,
    );
  }
}

let tempCounter = 0;

/** Writes `data` to a temporary file next to `path` (`.name.<pid>-<k>.tmp`); returns its path. */
function writeTemp(path: string, data: string | Uint8Array, what: string): string {
  const abs = resolve(path);
  const temp = join(dirname(abs), `.${basename(abs)}.${process.pid}-${tempCounter++}.tmp`);
  try {
    makeDirs(dirname(abs));
    emit("temp", temp);
    writeFileSync(temp, data);
  } catch (e) {
    removeTemp(temp);
    throw new FileError(`${what}: cannot write the file: ${why(e)}`, path);
  }
  return temp;
}

function removeTemp(temp: string): void {
  try {
    unlinkSync(temp);
  } catch {
    // never created
  }
  emit("removed", temp);
}

function renameTemp(temp: string, path: string, what: string): void {
  try {
    renameSync(temp, resolve(path));
  } catch (e) {
    removeTemp(temp);
    throw new FileError(`${what}: cannot write the file: ${why(e)}`, path);
  }
  emit("file", path, temp);
}

/**
 * Writes a file through a temporary name and a rename (never half written), creating its folder if needed.
 * Returns `path`.
 * @throws FileError naming the file (and flag) if it cannot be written or is one of `never`
 */
export function writeOutput(path: string, data: string | Uint8Array, options: WriteOptions = {}): string {
  refuseInputs(path, options);
  const what = options.flag ? `${options.flag} ${path}` : path;
  renameTemp(writeTemp(path, data, what), path, what);
  return path;
}

/**
 * A command's outputs, written together: `add` writes each to a temporary file, `commit` renames them all
 * (so a failure part-way leaves the old files, not a mix of old and new), `discard` deletes the temporary
 * files.
 */
export class OutputSet {
  private readonly temps: { temp: string; path: string }[] = [];
  constructor(private readonly options: WriteOptions = {}) {}

  /** Writes `data` for `path` to a temporary file. */
  add(path: string, data: string | Uint8Array): void {
    refuseInputs(path, this.options);
    try {
      this.temps.push({ temp: writeTemp(path, data, this.what(path)), path });
    } catch (e) {
      this.discard();
      throw e;
    }
  }

  /** Renames every temporary file to its name; returns the paths in the order they were added. */
  commit(): string[] {
    const done: string[] = [];
    for (const { temp, path } of this.temps) {
      renameTemp(temp, path, this.what(path));
      done.push(path);
    }
    this.temps.length = 0;
    return done;
  }

  /** Deletes the temporary files not yet committed. */
  discard(): void {
    for (const { temp } of this.temps) removeTemp(temp);
    this.temps.length = 0;
  }

  private what(path: string): string {
    return this.options.flag ? `${this.options.flag} ${path}` : path;
  }
}

/**
 * Checks, before any work, that the outputs `names` can be written into `dir`: the folder can be created,
 * a probe file can be created and deleted in it, and no existing file among them is read-only or a folder.
 * Folders it had to create are removed again, so an interrupted run leaves no empty folder.
 * @throws FileError naming the folder or file and what is wrong
 */
export function checkOutputFolder(dir: string, names: readonly string[], flag = "--out"): void {
  const abs = resolve(dir);
  const before = createdDirs.length;
  const what = `${flag} ${dir}`;
  try {
    makeDirs(abs);
  } catch (e) {
    throw new FileError(`${what}: cannot create the output folder: ${why(e)}`, dir);
  }
  const made = createdDirs.slice(before);
  try {
    const probe = join(abs, `.micrograd-probe-${process.pid}`);
    try {
      writeFileSync(probe, "");
      unlinkSync(probe);
    } catch (e) {
      throw new FileError(
        `${what}: cannot write into the output folder: ${why(e)}; choose another --out`,
        dir,
      );
    }
    for (const name of names) {
      const p = join(abs, name);
      let isDir = false;
      try {
        isDir = statSync(p).isDirectory();
      } catch {
        continue; // does not exist yet: fine
      }
      if (isDir)
        throw new FileError(`${what}: ${join(dir, name)} is a folder; move it or choose another --out`, p);
      try {
        accessSync(p, constants.W_OK);
      } catch {
        throw new FileError(
          `${what}: ${join(dir, name)} is read-only; make it writable or choose another --out`,
          p,
        );
      }
    }
  } finally {
    // the folder is created again when the first file is written
    cleanUpAfterInterrupt([], made);
    createdDirs.splice(before, made.length);
  }
}

/** The lock file's name in an output folder (`lockOutputFolder`). */
export const LOCK_NAME = ".micrograd.lock";

/** Whether process `pid` is running (signal 0 checks without sending; EPERM: it runs as another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Claims output folder `dir` for this process until it exits, so two runs writing the same folder at once
 * cannot silently overwrite each other's files: creates `<dir>/.micrograd.lock` (exclusively) holding this
 * process's id. A lock left by a process that is no longer running (killed) is taken over. The lock is a
 * temporary file to whoever cleans up after an interruption, and is deleted when this process exits.
 * @throws FileError when another running process holds the folder, or the lock cannot be written
 */
export function lockOutputFolder(dir: string, flag = "--out"): void {
  const what = `${flag} ${dir}`;
  let abs: string;
  try {
    abs = resolve(dir);
    makeDirs(abs);
  } catch (e) {
    throw new FileError(`${what}: cannot create the output folder: ${why(e)}`, dir);
  }
  const lock = join(abs, LOCK_NAME);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) {
        throw new FileError(`${what}: cannot write the lock file ${LOCK_NAME}: ${why(e)}`, dir);
      }
    }
    let holder = Number.NaN;
    try {
      holder = Number(readFileSync(lock, "utf8").trim());
    } catch {
      // deleted meanwhile: try again
    }
    if (Number.isSafeInteger(holder) && holder > 0 && running(holder)) {
      throw new FileError(
        `${what}: another micrograd run (process ${holder}) is writing into this folder; wait for it to finish or choose another --out (if no run is going on, delete ${join(dir, LOCK_NAME)})`,
        dir,
      );
    }
    try {
      unlinkSync(lock); // left by a run that was killed
    } catch {
      // deleted meanwhile
    }
  }
  emit("temp", lock);
  process.once("exit", () => {
    try {
      unlinkSync(lock);
    } catch {
      // already gone
    }
  });
}

/**
 * Reads a text file, or standard input for "-".
 * @param flag the command-line flag that named the file, for messages (e.g. "--file")
 * @throws FileError naming the file and the reason
 */
export function readInput(path: string, flag = ""): string {
  try {
    return readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (e) {
    throw readError(path === "-" ? "- (standard input)" : path, e, flag);
  }
}

/**
 * Describes a file-system error for a file being read.
 * @param flag the command-line flag that named the file, for the message (e.g. "--model")
 */
export function readError(path: string, e: unknown, flag = ""): FileError {
  return new FileError(`${flag ? `${flag} ` : ""}${path}: cannot read the file: ${why(e)}`, path);
}
