// Measures how far PyRandom.gauss is from CPython's random.gauss: 100,000 draws from seed 42, python3 vs
// the built library (run `npm run build` first):  node scripts/gauss-ulps.mjs [count]
import { execFileSync } from "node:child_process";
import { PyRandom } from "../dist/index.js";

const count = Number(process.argv[2] ?? 100000);
const script = new URL("./pyrandom-fixtures.py", import.meta.url).pathname;
const py = JSON.parse(execFileSync("python3", [script, "--gauss", String(count)], { maxBuffer: 1 << 28 }));
const r = new PyRandom(42);
const dv = new DataView(new ArrayBuffer(16));
const hist = new Map();
let maxRel = 0;
for (const e of py) {
  const g = r.gauss(0, 1);
  dv.setFloat64(0, g);
  dv.setFloat64(8, e);
  const d = Math.abs(Number(dv.getBigInt64(0) - dv.getBigInt64(8)));
  hist.set(d, (hist.get(d) ?? 0) + 1);
  if (g !== e) maxRel = Math.max(maxRel, Math.abs(g - e) / Math.abs(e));
}
for (const [d, n] of [...hist].sort((a, b) => a[0] - b[0])) {
  console.log(`${d} ulp: ${n} draws (${((100 * n) / count).toFixed(3)}%)`);
}
console.log(`largest relative difference: ${maxRel.toExponential(2)}`);
