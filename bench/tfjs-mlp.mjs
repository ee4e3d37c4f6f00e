// The TensorFlow.js baselines' shared part (tfjs-moons.mjs, tfjs-digits.mjs): the CPU backend, the MLP's
// variables from a workload's flat parameters, its forward pass, one SGD step, and the --repeat runs with
// the one-JSON-line result. Needs `cd bench && npm install` (@tensorflow/tfjs 4.22 lives only in
// bench/node_modules).
import { readFileSync } from "node:fs";

export const tf = await import("@tensorflow/tfjs");
await tf.setBackend("cpu");
await tf.ready();

/** The workload file named on the command line (argv[2]), parsed. */
export function readWorkload() {
  return JSON.parse(readFileSync(process.argv[2], "utf8"));
}

/**
 * The MLP's layers as tf variables (weights [fanIn, fanOut], biases [fanOut]) from the flat per-neuron
 * (weights, bias) order of micrograd's `parameters()`; `sizes` is [nin, ...hidden, nout].
 */
export function mlpVariables(params, sizes) {
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
    layers.push({ W: tf.variable(tf.tensor2d(W, [fanIn, fanOut])), b: tf.variable(tf.tensor1d(b)) });
  }
  return layers;
}

/** The MLP's outputs for the rows of `x`: ReLU after every layer but the last (linear). */
export function forward(layers, x) {
  let h = x;
  layers.forEach((layer, i) => {
    h = h.matMul(layer.W).add(layer.b);
    if (i < layers.length - 1) h = h.relu();
  });
  return h;
}

/** One SGD step on `all` (p -= lr * dloss/dp) for the scalar `lossFn`; returns the loss before the step. */
export function sgdStep(lossFn, all, lr) {
  const { value, grads } = tf.variableGrads(() => tf.tidy(lossFn), all);
  const loss = value.dataSync()[0];
  tf.tidy(() => {
    for (const p of all) p.assign(p.sub(grads[p.name].mul(lr)));
  });
  value.dispose();
  tf.dispose(Object.values(grads));
  return loss;
}

/**
 * Runs `train` (which returns {seconds, losses, ...}) --repeat N times in this process and prints one
 * JSON line: "seconds" is the first run (cold), "warm" the others, then `extra(lastRun)`'s fields.
 */
export function printRuns(train, extra = (last) => ({ losses: last.losses })) {
  const at = process.argv.indexOf("--repeat");
  const repeat = at > 0 ? Number(process.argv[at + 1]) : 1;
  const runs = [];
  for (let i = 0; i < repeat; i++) runs.push(train());
  console.log(
    JSON.stringify({
      seconds: runs[0].seconds,
      warm: runs.slice(1).map((r) => r.seconds),
      ...extra(runs[runs.length - 1]),
    }),
  );
}
