/**
 * `MLP`: a multi-layer perceptron, layers of neurons (micrograd's nn.MLP), with JSON save/load.
 */
import { Rng } from "../data/rng.js";
import { Value } from "../engine/value.js";
import {
  checkMemory,
  DEFAULT_MEMORY_LIMIT,
  estimateMlpModel,
  formatCount,
  mlpParameterCount,
  mlpSignature,
} from "../limits/size.js";
import { describeArg } from "../util/describe-arg.js";
import { checkOptions, optionKeys } from "../util/options.js";
import { parseJSONObject } from "../util/parse-json.js";
import { type Activation, checkActivation } from "./activation.js";
import { checkSize, type InitOptions, resolveInit } from "./init.js";
import { Layer } from "./layer.js";
import { Module } from "./module.js";
import { checkInput, type ForwardOptions } from "./neuron.js";

/** Options of `MLP`. */
export interface MLPOptions extends InitOptions {
  /** Nonlinearity of the hidden layers (default "relu", as micrograd). */
  activation?: Activation;
  /** Nonlinearity of the last layer (default "linear", as micrograd; the lecture used "tanh"). */
  outputActivation?: Activation;
  /** Each neuron's b + w·x as one `Value.dot` node (same numbers bit for bit; see `NeuronOptions.fused`). */
  fused?: boolean;
  /**
   * The most bytes the model (its parameters and one forward pass) may take, checked before anything is
   * allocated (default `DEFAULT_MEMORY_LIMIT`, 1 GiB); a bigger one throws a `SizeLimitError`.
   */
  memoryLimit?: number;
}

const MLP_OPTIONS = optionKeys<MLPOptions>({
  activation: true,
  outputActivation: true,
  fused: true,
  memoryLimit: true,
  rng: true,
  seed: true,
  init: true,
});

/** An MLP saved with `toJSON()`: its shape, activations and every parameter in `parameters()` order. */
export interface MLPJSON {
  type: "MLP";
  nin: number;
  nouts: number[];
  activation: Activation;
  outputActivation: Activation;
  /** Layer by layer, neuron by neuron: the neuron's weights, then its bias. */
  parameters: number[];
}

/** A multi-layer perceptron: `MLP(2, [16, 16, 1])` is 2 inputs, two hidden layers of 16, one output. */
export class MLP extends Module {
  /** Number of inputs. */
  readonly nin: number;
  /** Size of each layer, the last one being the number of outputs. */
  readonly nouts: readonly number[];
  /** Hidden-layer activation. */
  readonly activation: Activation;
  /** Last-layer activation. */
  readonly outputActivation: Activation;
  /** The layers, input to output. */
  readonly layers: Layer[];
  /** True when each neuron's b + w·x is one dot node (see `MLPOptions.fused`). */
  readonly fused: boolean;

  /**
   * @param nin number of inputs (integer >= 1)
   * @param nouts layer sizes (non-empty, integers >= 1)
   * @param options hidden `activation` (default "relu"), `outputActivation` (default "linear"), and the
   *   initial weights: `rng` or `seed` (default: the shared generator, see `defaultRng`), `init`
   *   "micrograd" (w ~ U(-1, 1)) or "llm101n" (w ~ U(-1, 1) * nin^-0.5); biases start at 0. Weights are
   *   drawn in `parameters()` order. `memoryLimit`: see `MLPOptions`.
   * @throws RangeError for a bad size; SizeLimitError for a model above the memory limit; TypeError for
   *   an unknown option key (naming the known ones)
   */
  constructor(nin: number, nouts: readonly number[], options: MLPOptions = {}) {
    super();
    const where = "new MLP(nin, nouts, options)";
    checkSize(where, "nin", nin);
    if (!Array.isArray(nouts)) {
      throw new TypeError(`${where}: nouts must be an array of layer sizes, got ${describeArg(nouts)}`);
    }
    if (nouts.length === 0) throw new RangeError(`${where}: nouts must list at least one layer size, got []`);
    nouts.forEach((n, i) => {
      checkSize(where, `nouts[${i}]`, n);
    });
    checkOptions(where, options, MLP_OPTIONS);
    // the size before anything is allocated: MLP(2, [1e9]) is refused here, not by V8 after a minute
    const shape = { nin, nouts };
    checkMemory(
      `${where}: ${mlpSignature(shape)} (${formatCount(mlpParameterCount(shape))} parameters)`,
      estimateMlpModel(shape),
      options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
      "use smaller layers (or raise options.memoryLimit, in bytes)",
    );
    this.nin = nin;
    this.nouts = [...nouts];
    this.activation = checkActivation(where, "activation", options.activation ?? "relu");
    this.outputActivation = checkActivation(where, "outputActivation", options.outputActivation ?? "linear");
    const { rng, init } = resolveInit(where, options);
    this.fused = options.fused === true;
    const sizes = [nin, ...nouts];
    this.layers = [];
    for (let i = 0; i < nouts.length; i++) {
      const last = i === nouts.length - 1;
      this.layers.push(
        new Layer(sizes[i], sizes[i + 1], {
          activation: last ? this.outputActivation : this.activation,
          rng,
          init,
          label: `L${i}.`,
          fused: this.fused,
        }),
      );
    }
  }

  /**
   * The network's outputs for input `x` (nin Values or numbers): always an array, even for one output
   * (micrograd unwraps single outputs, which breaks `MLP(2, [16, 1, 1])`). Plain numbers become one leaf
   * Value each, shared by the first layer's neurons. `options.fused`: each neuron as one dot node or the
   * lecture's chain (default: the model's `fused`; the same numbers either way).
   */
  forward(x: readonly (Value | number)[], options: ForwardOptions = {}): Value[] {
    checkInput("MLP.forward(x)", x, this.nin);
    let h: readonly Value[] = x.map((v) => (typeof v === "number" ? new Value(v) : v));
    for (const layer of this.layers) h = layer.forward(h, options);
    return h as Value[];
  }

  /** Every parameter: layer by layer, neuron by neuron, each neuron's weights then its bias. */
  override parameters(): Value[] {
    return this.layers.flatMap((layer) => layer.parameters());
  }

  /** The number of parameters: sum over layers of nout * (nin + 1). */
  get parameterCount(): number {
    let count = 0;
    let nin = this.nin;
    for (const nout of this.nouts) {
      count += nout * (nin + 1);
      nin = nout;
    }
    return count;
  }

  /** micrograd's repr: `MLP of [Layer of [ReLUNeuron(2), ...], Layer of [LinearNeuron(16)]]`. */
  override toString(): string {
    return `MLP of [${this.layers.join(", ")}]`;
  }

  /** A short signature, e.g. `MLP(2, [16, 16, 1])`, used in error messages. */
  signature(): string {
    return `MLP(${this.nin}, [${this.nouts.join(", ")}])`;
  }

  /** Sets every parameter's data from `numbers` (in `parameters()` order); checks count and types first. */
  loadParameters(numbers: readonly number[]): void {
    const where = "MLP.loadParameters(numbers)";
    const params = this.parameters();
    checkNumbers(where, "numbers", numbers, params.length, this.signature());
    for (let i = 0; i < params.length; i++) params[i].data = numbers[i];
  }

  /** The shape, activations and parameters as plain JSON (`JSON.stringify(mlp)` uses this). */
  toJSON(): MLPJSON {
    return {
      type: "MLP",
      nin: this.nin,
      nouts: [...this.nouts],
      activation: this.activation,
      outputActivation: this.outputActivation,
      parameters: this.parameters().map((p) => p.data),
    };
  }

  /**
   * Loads saved parameters into this model. The file's shape (nin, nouts) must equal this model's; its
   * activations, if present, too.
   */
  loadJSON(json: string | MLPJSON): void {
    const where = "MLP.loadJSON(json)";
    const o = parseJSON(where, json);
    const nin = o.nin;
    const nouts = o.nouts;
    if (nin !== this.nin || !Array.isArray(nouts) || nouts.join(",") !== this.nouts.join(",")) {
      throw new RangeError(
        `${where}: the file is for MLP(${describeShape(nin)}, ${Array.isArray(nouts) ? `[${nouts.join(", ")}]` : describeArg(nouts)}) but this model is ${this.signature()}`,
      );
    }
    for (const key of ["activation", "outputActivation"] as const) {
      if (o[key] !== undefined && o[key] !== this[key]) {
        throw new RangeError(
          `${where}: the file's ${key} is ${describeArg(o[key])} but this model's is "${this[key]}"`,
        );
      }
    }
    checkNumbers(where, "parameters", o.parameters, this.parameterCount, this.signature());
    this.loadParameters(o.parameters as number[]);
  }

  /** Rebuilds a model saved with `toJSON()` (a JSON string or the parsed object), checking every field. */
  static fromJSON(json: string | MLPJSON): MLP {
    const where = "MLP.fromJSON(json)";
    const o = parseJSON(where, json);
    if (o.type !== undefined && o.type !== "MLP") {
      throw new TypeError(`${where}: type must be "MLP", got ${describeArg(o.type)}`);
    }
    checkSize(where, "nin", o.nin);
    if (!Array.isArray(o.nouts) || o.nouts.length === 0) {
      throw new TypeError(
        `${where}: nouts must be a non-empty array of layer sizes, got ${describeArg(o.nouts)}`,
      );
    }
    const model = new MLP(o.nin as number, o.nouts as number[], {
      activation: (o.activation ?? "relu") as Activation,
      outputActivation: (o.outputActivation ?? "linear") as Activation,
      rng: new Rng(1), // weights are overwritten below; don't consume the shared generator
    });
    checkNumbers(where, "parameters", o.parameters, model.parameterCount, model.signature());
    model.loadParameters(o.parameters as number[]);
    return model;
  }
}

function parseJSON(where: string, json: unknown): Record<string, unknown> {
  return parseJSONObject(where, json, '{type: "MLP", nin, nouts, activation, outputActivation, parameters}');
}

function describeShape(x: unknown): string {
  return typeof x === "number" ? String(x) : describeArg(x);
}

function checkNumbers(where: string, name: string, xs: unknown, count: number, signature: string): void {
  if (!Array.isArray(xs)) {
    throw new TypeError(
      `${where}: ${name} must be an array of ${count} numbers for ${signature}, got ${describeArg(xs)}`,
    );
  }
  if (xs.length !== count) {
    throw new RangeError(
      `${where}: ${name} must have ${count} numbers for ${signature} (layer by layer, neuron by neuron: weights then bias), got ${xs.length}`,
    );
  }
  for (let i = 0; i < xs.length; i++) {
    const v: unknown = xs[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new TypeError(`${where}: ${name}[${i}] must be a finite number, got ${describeArg(v)}`);
    }
  }
}
