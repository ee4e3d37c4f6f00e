import { describe, expect, it } from "vitest";
import {
  ACTIVATIONS,
  Layer,
  MLP,
  type MLPJSON,
  Module,
  Neuron,
  Rng,
  Value,
} from "../../packages/micrograd-ts/src/index.js";

function setWeights(n: Neuron, w: number[], b: number): void {
  n.w.forEach((v, i) => {
    v.data = w[i];
  });
  n.b.data = b;
}

describe("Neuron", () => {
  it("computes b + w0*x0 + w1*x1 + ... left to right from the bias, then the activation", () => {
    const n = new Neuron(3, { activation: "linear", seed: 1 });
    setWeights(n, [2, -3, 0.5], 1);
    const out = n.forward([1, 2, 4]);
    expect(out.data).toBe(1 + 2 - 6 + 2);
    // structure: ((b + w0*x0) + w1*x1) + w2*x2
    expect(out.op).toBe("+");
    const [s2, m2] = out.prev as [Value, Value];
    expect(m2.op).toBe("*");
    expect(m2.prev[0]).toBe(n.w[2]);
    const [s1] = s2.prev as [Value];
    const [b] = s1.prev as [Value];
    expect(b).toBe(n.b);
    const relu = new Neuron(2, { seed: 1 });
    setWeights(relu, [-1, 0], 0);
    expect(relu.forward([1, 1]).data).toBe(0);
    expect(relu.forward([1, 1]).op).toBe("ReLU");
    const tanh = new Neuron(1, { activation: "tanh", seed: 1 });
    setWeights(tanh, [0.5], 0);
    expect(tanh.forward([2]).data).toBe(Math.tanh(1));
    const sig = new Neuron(1, { activation: "sigmoid", seed: 1 });
    setWeights(sig, [1], 0);
    expect(sig.forward([0]).data).toBe(0.5);
  });

  it("draws weights from the Rng: micrograd U(-1, 1), llm101n U(-1, 1) * nin^-0.5, bias 0", () => {
    const a = new Neuron(4, { rng: new Rng(11) });
    const b = new Neuron(4, { rng: new Rng(11), init: "llm101n" });
    const r = new Rng(11);
    a.w.forEach((w, i) => {
      const u = r.uniform(-1, 1);
      expect(w.data).toBe(u);
      expect(b.w[i]?.data).toBe(u * 0.5);
    });
    expect(a.b.data).toBe(0);
    expect(a.parameters()).toEqual([...a.w, a.b]);
    expect(a.toString()).toBe("ReLUNeuron(4)");
    expect(new Neuron(2, { activation: "linear" }).toString()).toBe("LinearNeuron(2)");
    expect(new Neuron(2, { activation: "tanh" }).toString()).toBe("TanhNeuron(2)");
    expect(ACTIVATIONS).toEqual(["tanh", "relu", "sigmoid", "linear"]); // the ops table's order, then linear
  });
});

describe("MLP", () => {
  it("has micrograd's repr, layer sizes and parameter order", () => {
    const m = new MLP(2, [16, 16, 1]);
    expect(m.toString()).toBe(
      `MLP of [Layer of [${Array(16).fill("ReLUNeuron(2)").join(", ")}], Layer of [${Array(16)
        .fill("ReLUNeuron(16)")
        .join(", ")}], Layer of [LinearNeuron(16)]]`,
    );
    expect(m.parameters()).toHaveLength(16 * 3 + 16 * 17 + 17);
    expect(m.parameterCount).toBe(337);
    expect(m.parameters()[0]).toBe(m.layers[0]?.neurons[0]?.w[0]);
    expect(m.parameters()[2]).toBe(m.layers[0]?.neurons[0]?.b);
    expect(m.parameters()[3]).toBe(m.layers[0]?.neurons[1]?.w[0]);
    expect(m.parameters()[336]).toBe(m.layers[2]?.neurons[0]?.b);
    expect(m.parameters()[0]?.label).toBe("L0.n0.w0");
    expect(m).toBeInstanceOf(Module);
    expect(m.layers[0]).toBeInstanceOf(Layer);
  });

  it("forward always returns an array, even for MLP(2, [16, 1, 1])", () => {
    const m = new MLP(2, [16, 1, 1], { seed: 3 });
    const out = m.forward([0.5, -1]);
    expect(Array.isArray(out)).toBe(true);
    expect(out).toHaveLength(1);
    expect(out[0]).toBeInstanceOf(Value);
    expect(new MLP(3, [2, 4]).forward([new Value(1), 2, 3])).toHaveLength(4);
  });

  it("uses the activation on hidden layers and outputActivation (default linear) on the last", () => {
    const m = new MLP(1, [1, 1], { activation: "tanh", seed: 5 });
    m.loadParameters([2, 0.1, 3, -0.2]);
    expect(m.forward([0.5])[0]?.data).toBe(-0.2 + 3 * Math.tanh(0.1 + 2 * 0.5));
    const t = new MLP(1, [1, 1], { activation: "tanh", outputActivation: "tanh", seed: 5 });
    t.loadParameters([2, 0.1, 3, -0.2]);
    expect(t.forward([0.5])[0]?.data).toBe(Math.tanh(-0.2 + 3 * Math.tanh(0.1 + 2 * 0.5)));
    expect(t.toString()).toBe("MLP of [Layer of [TanhNeuron(1)], Layer of [TanhNeuron(1)]]");
  });

  it("draws all weights from one Rng in parameters() order, so a seed reproduces a model", () => {
    const a = new MLP(2, [3, 2], { seed: 42, init: "llm101n" });
    const b = new MLP(2, [3, 2], { rng: new Rng(42), init: "llm101n" });
    expect(a.parameters().map((p) => p.data)).toEqual(b.parameters().map((p) => p.data));
    const r = new Rng(42);
    const expected: number[] = [];
    // Python's nin ** -0.5 (printed by python3; V8's 2 ** -0.5 is 1 ulp lower)
    const scale = { 2: Math.SQRT1_2, 3: 0.5773502691896257 }; // SQRT1_2 is 0.7071067811865476
    for (const [nin, nout] of [
      [2, 3],
      [3, 2],
    ] as const) {
      for (let j = 0; j < nout; j++) {
        for (let i = 0; i < nin; i++) expected.push(r.uniform(-1, 1) * scale[nin]);
        expected.push(0);
      }
    }
    expect(a.parameters().map((p) => p.data)).toEqual(expected);
    // without rng or seed: a shared generator, so two models differ
    expect(new MLP(2, [2]).parameters()[0]?.data).not.toBe(new MLP(2, [2]).parameters()[0]?.data);
  });

  it("zeroGrad zeroes every parameter's grad", () => {
    const m = new MLP(2, [3, 1], { seed: 1 });
    const out = m.forward([1, 2])[0];
    out.backward();
    expect(m.parameters().some((p) => p.grad !== 0)).toBe(true);
    m.zeroGrad();
    expect(m.parameters().every((p) => p.grad === 0)).toBe(true);
  });

  it("saves and loads JSON", () => {
    const m = new MLP(2, [3, 2], { activation: "tanh", seed: 8 });
    const json = JSON.stringify(m);
    const parsed = JSON.parse(json) as MLPJSON;
    expect(parsed).toMatchObject({
      type: "MLP",
      nin: 2,
      nouts: [3, 2],
      activation: "tanh",
      outputActivation: "linear",
    });
    expect(parsed.parameters).toEqual(m.parameters().map((p) => p.data));
    const back = MLP.fromJSON(json);
    expect(back.toString()).toBe(m.toString());
    expect(back.forward([0.3, -0.7]).map((v) => v.data)).toEqual(m.forward([0.3, -0.7]).map((v) => v.data));
    const other = new MLP(2, [3, 2], { activation: "tanh", seed: 9 });
    other.loadJSON(parsed);
    expect(other.parameters().map((p) => p.data)).toEqual(parsed.parameters);
  });

  it("rejects JSON with the wrong shape, count or non-numbers, saying what was expected", () => {
    const m = new MLP(2, [3, 1], { seed: 2 });
    const good = m.toJSON();
    expect(() => MLP.fromJSON("{nope")).toThrow(/not valid JSON/);
    expect(() => MLP.fromJSON("[1, 2]")).toThrow(/expected an object \{type: "MLP", nin, nouts/);
    expect(() => MLP.fromJSON({ ...good, parameters: good.parameters.slice(1) })).toThrow(
      /parameters must have 13 numbers for MLP\(2, \[3, 1\]\).*got 12/,
    );
    const withNull = { ...good, parameters: [...good.parameters] as unknown[] };
    withNull.parameters[4] = null;
    expect(() => MLP.fromJSON(withNull as MLPJSON)).toThrow(
      /parameters\[4\] must be a finite number, got null/,
    );
    expect(() => MLP.fromJSON({ ...good, parameters: "1,2" as unknown as number[] })).toThrow(TypeError);
    expect(() => MLP.fromJSON({ ...good, nin: 0 })).toThrow(/nin must be an integer >= 1/);
    expect(() => MLP.fromJSON({ ...good, nouts: [] })).toThrow(/nouts must be a non-empty array/);
    expect(() => MLP.fromJSON({ ...good, activation: "gelu" as "relu" })).toThrow(
      /activation must be one of/,
    );
    expect(() => MLP.fromJSON({ ...good, type: "CNN" as "MLP" })).toThrow(/type must be "MLP"/);
    expect(() => new MLP(2, [4, 1]).loadJSON(good)).toThrow(
      /the file is for MLP\(2, \[3, 1\]\) but this model is MLP\(2, \[4, 1\]\)/,
    );
    expect(() => new MLP(2, [3, 1], { activation: "tanh" }).loadJSON(good)).toThrow(
      /activation is string "relu"/,
    );
    expect(() => m.loadParameters([1, 2, 3])).toThrow(RangeError);
    expect(() => m.loadParameters([...good.parameters.slice(0, 12), Number.NaN])).toThrow(
      /numbers\[12\] must be a finite number, got number NaN/,
    );
    // nothing was changed by the failed loads
    expect(m.parameters().map((p) => p.data)).toEqual(good.parameters);
  });

  it("rejects bad sizes with RangeError and bad inputs with TypeError", () => {
    expect(() => new MLP(0, [1])).toThrow(RangeError);
    expect(() => new MLP(0, [1])).toThrow(/nin must be an integer >= 1, got number 0/);
    expect(() => new MLP(2.5, [1])).toThrow(RangeError);
    expect(() => new MLP(-2, [1])).toThrow(RangeError);
    expect(() => new MLP(2, [3, -1])).toThrow(/nouts\[1\] must be an integer >= 1, got number -1/);
    expect(() => new MLP(2, [1.5])).toThrow(RangeError);
    expect(() => new MLP(2, [])).toThrow(RangeError);
    expect(() => new MLP(2, 3 as unknown as number[])).toThrow(TypeError);
    expect(() => new MLP(2, [1], { activation: "gelu" as "relu" })).toThrow(TypeError);
    expect(() => new MLP(2, [1], { init: "xavier" as "llm101n" })).toThrow(TypeError);
    expect(() => new MLP(2, [1], { rng: 42 as unknown as Rng })).toThrow(TypeError);
    expect(() => new Neuron(0)).toThrow(RangeError);
    expect(() => new Layer(2, 0)).toThrow(RangeError);
    const m = new MLP(2, [2, 1]);
    expect(() => m.forward([1])).toThrow(TypeError);
    expect(() => m.forward([1])).toThrow(/x must have length 2 \(the number of inputs\), got length 1/);
    expect(() => m.forward([1, "2" as unknown as number])).toThrow(
      /x\[1\] must be a Value or a number, got string "2"/,
    );
    expect(() => m.forward(5 as unknown as number[])).toThrow(TypeError);
    expect(() => m.layers[0]?.forward([1, 2, 3])).toThrow(/Layer.forward\(x\): x must have length 2/);
    expect(() => m.layers[0]?.neurons[0]?.forward([])).toThrow(/Neuron.forward\(x\)/);
  });
});
