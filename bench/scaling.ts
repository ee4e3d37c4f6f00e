/**
 * Time and memory per node as the graph grows: `node --expose-gc bench/out/bench/scaling.js NODES`.
 * The graph is the moons demo's loss (MLP(2, [16, 16, 1]), SVM loss + L2) over as many random points as
 * it takes to reach about NODES nodes. Prints one JSON line. Bytes are measured with
 * process.memoryUsage() after forced GCs (heap + ArrayBuffers), never estimated.
 */
import { compile } from "../packages/micrograd-ts/src/compile/compile.js";
import { Rng } from "../packages/micrograd-ts/src/data/rng.js";
import { buildMoonsDemoLoss } from "../packages/micrograd-ts/src/examples/moons-demo.js";
import { MLP } from "../packages/micrograd-ts/src/nn/mlp.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const target = Number(process.argv[2] ?? 1e5);
const replays = Number(process.argv[3] ?? 5);

const rng = new Rng(7);
const model = new MLP(2, [16, 16, 1], { rng });
const NODES_PER_POINT = 658; // measured: one point adds 658 nodes to the demo's graph
const n = Math.max(1, Math.round((target - 700) / NODES_PER_POINT));
const xs = Array.from({ length: n }, () => [rng.uniform(-1.5, 2.5), rng.uniform(-1, 1.5)]);
const ys = xs.map(() => (rng.random() < 0.5 ? -1 : 1));

const mem = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const heapOnly = () => process.memoryUsage().heapUsed;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

// warm-up: let the JIT compile the engine and the interpreter on a small graph first
for (let r = 0; r < 3; r++) {
  const small = buildMoonsDemoLoss(model, xs.slice(0, 20), ys.slice(0, 20)).loss;
  small.backward();
  const cg = compile(small);
  for (let k = 0; k < 20; k++) {
    cg.forward();
    cg.backward();
  }
}

// object engine: build, then backward
const m0 = mem();
let t0 = performance.now();
const { loss } = buildMoonsDemoLoss(model, xs, ys);
const buildMs = performance.now() - t0;
const m1 = mem();
t0 = performance.now();
loss.backward();
const backwardMs = performance.now() - t0;

// compiled: trace, then replays
const m2 = mem();
const h2 = heapOnly();
t0 = performance.now();
const g = compile(loss);
const compileMs = performance.now() - t0;
const m3 = mem();
const h3 = heapOnly();
const nodes = g.size;
const fwd: number[] = [];
const bwd: number[] = [];
for (let r = 0; r < replays; r++) {
  t0 = performance.now();
  g.forward();
  const t1 = performance.now();
  g.backward();
  fwd.push(t1 - t0);
  bwd.push(performance.now() - t1);
}
const agree = g.forward() === loss.data;
const ns = (ms: number) => (ms * 1e6) / nodes;
console.log(
  JSON.stringify({
    nodes,
    points: n,
    objectBytesPerNode: (m1 - m0) / nodes,
    compiledBytesPerNode: (m3 - m2) / nodes,
    compiledHeapBytesPerNode: (h3 - h2) / nodes,
    objectBuildNsPerNode: ns(buildMs),
    objectBackwardNsPerNode: ns(backwardMs),
    compileNsPerNode: ns(compileMs),
    compiledForwardNsPerNode: ns(median(fwd)),
    compiledBackwardNsPerNode: ns(median(bwd)),
    agree,
    keep: g.nodes[0].data + loss.data, // keep both graphs alive until here
  }),
);
