// TensorFlow.js baseline: the same moons demo (MLP(2, [16, 16, 1]) ReLU, SVM loss + 1e-4 L2, full-batch
// SGD with lr = 1 - 0.9 k / steps) on the CPU backend in float32, from the same data and initial
// parameters. Usage: node bench/tfjs-moons.mjs WORKLOAD.json [--repeat N]. Prints one JSON line (the last
// line of stdout): {"seconds", "warm", "losses", "final_loss"}; a time covers creating the tensors and
// the 100 steps.
import { forward, mlpVariables, printRuns, readWorkload, sgdStep, tf } from "./tfjs-mlp.mjs";

const { xs, ys, params, steps, alpha, sizes } = readWorkload();
if (sizes.length !== 4 || sizes[3] !== 1) throw new Error("tfjs-moons expects sizes [nin, h1, h2, 1]");

/** One timed training run from the workload's initial parameters: creating the tensors and the steps. */
function train() {
  const t0 = performance.now();
  const layers = mlpVariables(params, sizes);
  const all = layers.flatMap((l) => [l.W, l.b]);
  const X = tf.tensor2d(xs);
  const Y = tf.tensor1d(ys);
  const lossFn = () => {
    const scores = forward(layers, X).reshape([-1]);
    const dataLoss = tf.scalar(1).sub(Y.mul(scores)).relu().mean();
    const reg = tf.addN(all.map((p) => p.square().sum())).mul(alpha);
    return dataLoss.add(reg);
  };
  const losses = [];
  for (let k = 0; k < steps; k++) losses.push(sgdStep(lossFn, all, 1.0 - (0.9 * k) / steps));
  const seconds = (performance.now() - t0) / 1000;
  const final = tf.tidy(lossFn);
  const finalLoss = final.dataSync()[0];
  tf.dispose([final, X, Y, ...all]);
  return { seconds, losses, finalLoss };
}

printRuns(train, (last) => ({ losses: last.losses, final_loss: last.finalLoss }));
