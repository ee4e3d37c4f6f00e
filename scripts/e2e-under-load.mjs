// The flake check: runs the browser tests (test/e2e) several times in a row while one busy loop per core
// keeps the CPU saturated, and prints each run's result and time. A test that fails here but passes alone
// is waiting for time instead of for the state it needs.
// Usage: node scripts/e2e-under-load.mjs [RUNS] [-- VITEST ARGS...]   (RUNS defaults to 10; the vitest
// arguments default to test/e2e). Exits 1 if any run had a failure; the busy loops stop on exit and on Ctrl-C.
import { spawn, spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { stripVTControlCharacters } from "node:util";

const dash = process.argv.indexOf("--");
const own = dash < 0 ? process.argv.slice(2) : process.argv.slice(2, dash);
const vitestArgs = dash < 0 ? ["test/e2e"] : process.argv.slice(dash + 1);
const runs = own.length === 0 ? 10 : Number(own[0]);
if (own.length > 1 || !Number.isInteger(runs) || runs < 1 || runs > 1000) {
  console.error(`e2e-under-load: RUNS must be one whole number from 1 to 1000 (got "${own.join(" ")}")`);
  process.exit(2);
}

const loops = Array.from({ length: availableParallelism() }, () =>
  spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }),
);
const stopLoops = () => {
  for (const loop of loops) loop.kill("SIGKILL");
};
process.on("exit", stopLoops);
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));

console.log(`${runs} runs of vitest ${vitestArgs.join(" ")} under ${loops.length} busy loops`);
const failures = [];
for (let i = 1; i <= runs; i++) {
  const start = Date.now();
  const r = spawnSync("npx", ["vitest", "run", ...vitestArgs], {
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Math.round((Date.now() - start) / 1000);
  const output = stripVTControlCharacters(`${r.stdout}${r.stderr}`);
  const summary = output.match(/^\s*Tests\s+(.*)$/m)?.[1].trim() ?? `no summary (exit code ${r.status})`;
  const failed = [...output.matchAll(/^\s*FAIL\s+(.*)$/gm)].map((m) => m[1].trim());
  console.log(`run ${i}: ${summary}, ${seconds} s`);
  for (const name of new Set(failed)) console.log(`  failed: ${name}`);
  if (r.status !== 0) failures.push(i);
}
console.log(failures.length === 0 ? `all ${runs} runs passed` : `runs with failures: ${failures.join(", ")}`);
process.exit(failures.length === 0 ? 0 : 1);
