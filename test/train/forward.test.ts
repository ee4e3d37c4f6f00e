/**
 * CompiledForward: the model's own forward on typed arrays (the network tape), block after block, against
 * `model.forward(x)` bit for bit (outputs and every hidden neuron), across blocks and parameter changes.
 */
import { describe, expect, it } from "vitest";
import { CompiledForward, MLP, Rng, Value } from "../../packages/micrograd-ts/src/index.js";

/** n random points of `nin` coordinates, flat. */
function randomPoints(n: number, nin: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n * nin }, () => rng.uniform(-3, 3));
}

describe("CompiledForward", () => {
  const models = [
    new MLP(2, [16, 16, 1], { seed: 1 }),
    new MLP(2, [8, 3], { seed: 2, activation: "tanh" }),
    new MLP(3, [4], { seed: 3 }),
    new MLP(2, [5, 4, 2], { seed: 4, activation: "sigmoid" }),
  ];

  it("gives model.forward(x)'s outputs bit for bit, over several blocks and a short last one", () => {
    for (const model of models) {
      const f = new CompiledForward(model, { maxSlots: 7 });
      expect(f.slots).toBe(7);
      const n = 7 * 3 + 4;
      const pts = randomPoints(n, model.nin, model.nin * 10 + model.nouts.length);
      const got = f.outputs(pts);
      const nout = model.nouts[model.nouts.length - 1];
      expect(got).toHaveLength(n * nout);
      const expected: number[] = [];
      for (let k = 0; k < n; k++) {
        const x = Array.from(pts.subarray(k * model.nin, (k + 1) * model.nin));
        expected.push(...model.forward(x).map((v) => v.data));
      }
      expect(Array.from(got)).toEqual(expected);
    }
  });

  it("reads the parameters at every run: after an update it gives the new model's outputs", () => {
    const model = models[1];
    const f = new CompiledForward(model);
    const pts = randomPoints(10, 2, 5);
    const before = f.outputs(pts);
    for (const p of model.parameters()) p.data += 0.01;
    const after = f.outputs(pts);
    expect(Array.from(after)).not.toEqual(Array.from(before));
    expect(after[3]).toBe(model.forward([pts[2], pts[3]])[0].data);
    for (const p of model.parameters()) p.data -= 0.01;
  });

  it("run() visits each point with every hidden neuron's output, layer after layer", () => {
    const model = models[3];
    const f = new CompiledForward(model, { maxSlots: 3 });
    const pts = randomPoints(5, 2, 9);
    const seen: number[] = [];
    f.run(pts, (k, values, slot) => {
      seen.push(k);
      const x = [pts[2 * k], pts[2 * k + 1]];
      const h1 = model.layers[0].forward(x.map((v) => new Value(v)));
      const h2 = model.layers[1].forward(h1);
      expect(slot.hidden.map((i) => values[i])).toEqual([...h1, ...h2].map((v) => v.data));
      expect(slot.out.map((i) => values[i])).toEqual(model.layers[2].forward(h2).map((v) => v.data));
    });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it("sizes the block from maxValues and refuses points of the wrong length", () => {
    const model = models[0];
    expect(new CompiledForward(model, { maxValues: 1 }).slots).toBe(1);
    const big = new CompiledForward(model);
    expect(big.slots).toBe(64);
    // a point holds 2 inputs and 2 x (16 + 16 + 1) sums and activations: 68 numbers, 14 points in 1,000
    expect(new CompiledForward(new MLP(2, [16, 16, 1]), { maxValues: 1000 }).slots).toBe(14);
    expect(() => big.outputs([1, 2, 3])).toThrow(
      "CompiledForward.outputs(points): expected 2 numbers per point, one point after another; got 3 numbers",
    );
    expect(() => big.run([1], () => {})).toThrow("CompiledForward.run(points)");
    expect(big.outputs([])).toHaveLength(0);
  });
});
