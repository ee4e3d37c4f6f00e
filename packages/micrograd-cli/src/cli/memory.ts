/**
 * The memory limit the CLI checks every run against (see `checkMemory` in the library): 75% of Node's heap
 * limit (~3 GB with Node 20's default on a 64-bit machine: well within 24 GB, with headroom for
 * everything that is not a graph), or `MICROGRAD_MEMORY_LIMIT` (e.g. `500MB`, `8GB`; tests use small
 * ones). To go above Node's heap, start it with a bigger one: `NODE_OPTIONS=--max-old-space-size=12000`.
 */
import { getHeapStatistics } from "node:v8";
import { UsageError } from "./errors.js";

/** The environment variable that sets the limit. */
export const MEMORY_ENV = "MICROGRAD_MEMORY_LIMIT";

const UNITS: Record<string, number> = { "": 1, B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40 };

/** Parses a size like `500MB`, `3.5GB` or `1048576` (bytes; units are powers of 1024). */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?B)?\s*$/i.exec(text);
  if (!m) return undefined;
  const bytes = Number(m[1]) * UNITS[(m[2] ?? "").toUpperCase()];
  return bytes > 0 ? Math.floor(bytes) : undefined;
}

/** The memory limit in bytes. @throws UsageError if MICROGRAD_MEMORY_LIMIT is set but not a size */
export function memoryLimit(): number {
  const text = process.env[MEMORY_ENV];
  if (text !== undefined && text !== "") {
    const bytes = parseSize(text);
    if (bytes === undefined) {
      throw new UsageError(`${MEMORY_ENV} '${text}' is not a size; expected e.g. 500MB or 4GB`);
    }
    return bytes;
  }
  return Math.floor(0.75 * getHeapStatistics().heap_size_limit);
}
