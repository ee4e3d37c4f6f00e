/**
 * Timed steps of the default microgpt run in this process: `node bench/out/bench/gpt-steps.js K [engine]`
 * (engine "compiled", the default, or "object").
 * Prints one JSON line {"ms": [wall time of each step], "cpuMs": [CPU time of the process, GC threads
 * included], "losses": [...]}: steps 1..K of the 1000-step, seed-42
 * run, setup (shuffle, weights) not timed.
 */
import { MicroGptTrainer } from "../src/gpt/train.js";

const k = Number(process.argv[2] ?? 30);
const engine = process.argv[3] === "object" ? "object" : "compiled";
const trainer = new MicroGptTrainer({ engine });
const ms: number[] = [];
const cpuMs: number[] = [];
for (let i = 0; i < k; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  trainer.step();
  const c = process.cpuUsage(c0);
  ms.push(performance.now() - t0);
  cpuMs.push((c.user + c.system) / 1000);
}
console.log(JSON.stringify({ ms, cpuMs, losses: trainer.losses }));
