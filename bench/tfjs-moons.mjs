// TensorFlow.js baseline: the same moons demo (MLP(2, [16, 16, 1]) ReLU, SVM loss + 1e-4 L2, full-batch
// SGD with lr = 1 - 0.9 k / steps) on the CPU backend in float32, from the same data and initial
// parameters. Usage: node bench/tfjs-moons.mjs WORKLOAD.json [--repeat N]. Prints one JSON line (the last
// line of stdout): {"seconds", "warm", "losses", "final_loss"}; a time covers creating the tensors and
// the 100 steps.
// Needs `cd bench && npm install` (@tensorflow/tfjs 4.22 lives only in bench/node_modules).
import { readFileSync } from "node:fs";

const tf = await import("@tensorflow/tfjs");
await tf.setBackend("cpu");
await tf.ready();

const w = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { xs, ys, params, steps, alpha, sizes } = w;
const [nin, h1, h2, nout] = sizes;
if (sizes.length !== 4 || nout !== 1) throw new Error("tfjs-moons expects sizes [nin, h1, h2, 1]");

/** Layer weights as [nin, nout] and biases, from the flat per-neuron (weights, bias) order. */
function unpack() {
  let p = 0;
  const layers = [];
  for (const [fanIn, fanOut] of [
    [nin, h1],
    [h1, h2],
    [h2, nout],
  ]) {
    const W = new Float32Array(fanIn * fanOut);
    const b = new Float32Array(fanOut);
    for (let o = 0; o < fanOut; o++) {
      for (let i = 0; i < fanIn; i++) W[i * fanOut + o] = params[p++];
      b[o] = params[p++];
    }
    layers.push({ W, b, fanIn, fanOut });
  }
  return layers;
}

/** One timed training run from the workload's initial parameters: creating the tensors and the steps. */
function train() {
  const t0 = performance.now();
  const vars = unpack().map((l) => ({
    W: tf.variable(tf.tensor2d(l.W, [l.fanIn, l.fanOut])),
    b: tf.variable(tf.tensor1d(l.b)),
  }));
  const X = tf.tensor2d(xs);
  const Y = tf.tensor1d(ys);
  const all = vars.flatMap((v) => [v.W, v.b]);

  const lossFn = () =>
    tf.tidy(() => {
      let h = X;
      vars.forEach((v, i) => {
        h = h.matMul(v.W).add(v.b);
        if (i < vars.length - 1) h = h.relu();
      });
      const scores = h.reshape([-1]);
      const dataLoss = tf.scalar(1).sub(Y.mul(scores)).relu().mean();
      const reg = tf.addN(all.map((p) => p.square().sum())).mul(alpha);
      return dataLoss.add(reg);
    });

  const losses = [];
  for (let k = 0; k < steps; k++) {
    const { value, grads } = tf.variableGrads(lossFn, all);
    losses.push(value.dataSync()[0]);
    const lr = 1.0 - (0.9 * k) / steps;
    tf.tidy(() => {
      for (const p of all) p.assign(p.sub(grads[p.name].mul(lr)));
    });
    value.dispose();
    tf.dispose(Object.values(grads));
  }
  const seconds = (performance.now() - t0) / 1000;
  const final = lossFn();
  const finalLoss = final.dataSync()[0];
  tf.dispose([final, X, Y, ...all]);
  return { seconds, losses, finalLoss };
}

// --repeat N: N runs in this process; "seconds" is the first (cold), "warm" the others
const at = process.argv.indexOf("--repeat");
const repeat = at > 0 ? Number(process.argv[at + 1]) : 1;
const runs = [];
for (let i = 0; i < repeat; i++) runs.push(train());
const last = runs[runs.length - 1];
console.log(
  JSON.stringify({
    seconds: runs[0].seconds,
    warm: runs.slice(1).map((r) => r.seconds),
    losses: last.losses,
    final_loss: last.finalLoss,
  }),
);
