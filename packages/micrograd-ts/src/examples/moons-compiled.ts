/**
 * micrograd's moons demo on the compiled path: the graph is built once, traced with `compile`, and
 * replayed for every step. Same data, model, loss and updates as `runMoonsDemo` — and the same numbers.
 */
import { type MoonsDemoOptions, type MoonsDemoResult, runMoonsDemoOn } from "./moons-demo.js";

/**
 * Runs micrograd's demo like `runMoonsDemo` (same options, same result), on the library's `train` with
 * the compiled engine: the loss graph is built once, traced with `compile`, and each step refills its
 * leaves and replays `forward()`, `backward()`, then the SGD update. The loss trajectory equals the object
 * engine's bit for bit.
 */
export function runMoonsDemoCompiled(options: MoonsDemoOptions = {}): MoonsDemoResult {
  return runMoonsDemoOn("compiled", "runMoonsDemoCompiled", options);
}
