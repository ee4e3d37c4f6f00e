// TensorFlow.js baseline of the digits workload: the same MLP (ReLU hidden layers, linear outputs), the
// same initial parameters, batches and SGD steps, softmax cross-entropy (mean over the batch), CPU
// backend, float32. Usage: node bench/tfjs-digits.mjs WORKLOAD.json [--repeat N]. Prints one JSON line
// {"seconds", "warm", "losses", "steps"}; a time covers creating the tensors and every step.
// Needs `cd bench && npm install` (@tensorflow/tfjs 4.22 lives only in bench/node_modules).
import { readFileSync } from "node:fs";

const tf = await import("@tensorflow/tfjs");
await tf.setBackend("cpu");
await tf.ready();

const w = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { xs, classes, params, sizes, batch, steps, lr } = w;

/** Layer weights as [nin, nout] and biases, from the flat per-neuron (weights, bias) order. */
function unpack() {
  let p = 0;
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
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

function train() {
  const t0 = performance.now();
  const vars = unpack().map((l) => ({
    W: tf.variable(tf.tensor2d(l.W, [l.fanIn, l.fanOut])),
    b: tf.variable(tf.tensor1d(l.b)),
  }));
  const all = vars.flatMap((v) => [v.W, v.b]);
  const X = tf.tensor2d(xs);
  const Y = tf.oneHot(tf.tensor1d(classes, "int32"), sizes[sizes.length - 1]).toFloat();
  const n = xs.length;
  const nb = Math.ceil(n / batch);
  const losses = [];
  for (let k = 0; k < steps; k++) {
    const lo = (k % nb) * batch;
    const size = Math.min(batch, n - lo);
    const { value, grads } = tf.variableGrads(
      () =>
        tf.tidy(() => {
          let h = X.slice([lo, 0], [size, -1]);
          vars.forEach((v, i) => {
            h = h.matMul(v.W).add(v.b);
            if (i < vars.length - 1) h = h.relu();
          });
          const y = Y.slice([lo, 0], [size, -1]);
          return tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(h)))).div(size);
        }),
      all,
    );
    losses.push(value.dataSync()[0]);
    tf.tidy(() => {
      for (const p of all) p.assign(p.sub(grads[p.name].mul(lr)));
    });
    value.dispose();
    tf.dispose(Object.values(grads));
  }
  const seconds = (performance.now() - t0) / 1000;
  tf.dispose([X, Y, ...all]);
  return { seconds, losses };
}

const at = process.argv.indexOf("--repeat");
const repeat = at > 0 ? Number(process.argv[at + 1]) : 1;
const runs = [];
for (let i = 0; i < repeat; i++) runs.push(train());
console.log(
  JSON.stringify({
    seconds: runs[0].seconds,
    warm: runs.slice(1).map((r) => r.seconds),
    losses: runs[runs.length - 1].losses,
    steps,
  }),
);
