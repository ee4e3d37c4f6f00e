// TensorFlow.js baseline of the digits workload: the same MLP (ReLU hidden layers, linear outputs), the
// same initial parameters, batches and SGD steps, softmax cross-entropy (mean over the batch), CPU
// backend, float32. Usage: node bench/tfjs-digits.mjs WORKLOAD.json [--repeat N]. Prints one JSON line
// {"seconds", "warm", "losses", "steps"}; a time covers creating the tensors and every step.
import { forward, mlpVariables, printRuns, readWorkload, sgdStep, tf } from "./tfjs-mlp.mjs";

const { xs, classes, params, sizes, batch, steps, lr } = readWorkload();

/** One timed training run from the workload's initial parameters: creating the tensors and the steps. */
function train() {
  const t0 = performance.now();
  const layers = mlpVariables(params, sizes);
  const all = layers.flatMap((l) => [l.W, l.b]);
  const X = tf.tensor2d(xs);
  const Y = tf.oneHot(tf.tensor1d(classes, "int32"), sizes[sizes.length - 1]).toFloat();
  const n = xs.length;
  const nb = Math.ceil(n / batch);
  const losses = [];
  for (let k = 0; k < steps; k++) {
    const lo = (k % nb) * batch;
    const size = Math.min(batch, n - lo);
    const lossFn = () => {
      const logits = forward(layers, X.slice([lo, 0], [size, -1]));
      const y = Y.slice([lo, 0], [size, -1]);
      return tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(logits)))).div(size);
    };
    losses.push(sgdStep(lossFn, all, lr));
  }
  const seconds = (performance.now() - t0) / 1000;
  tf.dispose([X, Y, ...all]);
  return { seconds, losses };
}

printRuns(train, (last) => ({ losses: last.losses, steps }));
