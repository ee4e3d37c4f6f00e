/**
 * A classifier trained in the page on a table (a CSV file's rows or the digits), without any DOM: the rows
 * split and standardized (the library's `prepareDataset`), an MLP with a cross-entropy loss trained by
 * the library's `Trainer` on batches taken as `train()` takes them (consecutive slices, cycling), so the
 * page's model is the CLI's for the same settings; scores, the test set's confusion matrix, and the class
 * probabilities of any raw input.
 */
import {
  CompiledForward,
  confusionMatrix,
  MLP,
  type ModelFile,
  makeOptimizer,
  modelFile,
  type NamedDataset,
  type PreparedDataset,
  prepareDataset,
  Rng,
  type Standardization,
  softmax,
  standardize,
  Trainer,
  type TrainScore,
} from "micrograd-ts";

/** The settings of a run on a table. */
export interface TableRunOptions {
  /** Hidden layer sizes. */
  hidden: number[];
  /** Adam's learning rate. */
  lr: number;
  /** Rows per step (0: all). */
  batchSize: number;
  /** Seed of the split and the initial weights. */
  seed: number;
  /** Share of the rows trained on. */
  trainFraction: number;
  /** A fixed input scaling (the digits'); default: fitted on the training rows. */
  standardization?: Standardization;
}

/** The digits' recipe, as `micrograd train --dataset digits` uses it. */
export const DIGITS_RUN: Readonly<TableRunOptions> = Object.freeze({
  hidden: [32],
  lr: 0.01,
  batchSize: 64,
  seed: 42,
  trainFraction: 0.8,
});

/** A table's classifier, trained one step at a time. */
export class TableRun {
  readonly source: NamedDataset;
  readonly options: TableRunOptions;
  readonly data: PreparedDataset<NamedDataset>;
  readonly model: MLP;
  /** Each step's batch loss. */
  readonly losses: number[] = [];
  private readonly core: Trainer;
  private forward: CompiledForward | null = null;

  constructor(source: NamedDataset, options: TableRunOptions) {
    this.source = source;
    this.options = { ...options, hidden: [...options.hidden] };
    this.data = prepareDataset(source, {
      trainFraction: options.trainFraction,
      seed: options.seed,
      ...(options.standardization ? { standardization: options.standardization } : {}),
    });
    const nin = source.featureNames.length;
    this.model = new MLP(nin, [...options.hidden, source.nClasses], { rng: new Rng(options.seed) });
    this.core = new Trainer({
      model: this.model,
      optimizer: makeOptimizer("adam", this.model.parameters(), options.lr),
      nClasses: source.nClasses,
      loss: "ce",
      alpha: 1e-4,
      engine: "compiled",
    });
  }

  /** Steps taken. */
  get steps(): number {
    return this.core.steps;
  }

  /** One step on the next batch (consecutive slices of the training rows, cycling); returns its loss. */
  step(): number {
    const { x, y } = this.data.train;
    const n = x.length;
    const bs = this.options.batchSize > 0 && this.options.batchSize < n ? this.options.batchSize : n;
    const b = this.core.steps % Math.ceil(n / bs);
    const loss = this.core.step(x.slice(b * bs, b * bs + bs), y.slice(b * bs, b * bs + bs));
    this.losses.push(loss);
    this.forward = null;
    return loss;
  }

  /** Loss and accuracy on the training rows and on the test rows (null when there are none). */
  scores(): { train: TrainScore; test: TrainScore | null } {
    const { train, test } = this.data;
    return {
      train: this.core.evaluate(train.x, train.y),
      test: test.x.length > 0 ? this.core.evaluate(test.x, test.y) : null,
    };
  }

  /** The confusion matrix of the test rows (of the training rows when there is no test set). */
  confusion(): number[][] {
    const set = this.data.test.x.length > 0 ? this.data.test : this.data.train;
    this.forward ??= new CompiledForward(this.model);
    return confusionMatrix(set.y, this.forward.classes(set.x.flat()), this.source.nClasses);
  }

  /** The class probabilities (softmax of the outputs) for one raw input, standardized as in training. */
  probabilities(raw: readonly number[]): number[] {
    const [x] = standardize([raw], this.data.standardization);
    return softmax(this.model.forward(x)).map((v) => v.data);
  }

  /** The model as a file `micrograd predict` reads, with the names and the standardization. */
  modelFile(): ModelFile {
    const o = this.options;
    return modelFile(this.model, {
      dataset: this.source.name,
      loss: "ce",
      nClasses: this.source.nClasses,
      seed: o.seed,
      layers: [...o.hidden],
      activation: "relu",
      optimizer: "adam",
      lr: o.lr,
      l2: 1e-4,
      steps: this.steps,
      batchSize: o.batchSize,
      engine: "compiled",
      trainFraction: o.trainFraction,
      ...("targetName" in this.source ? { target: String(this.source.targetName) } : {}),
      features: [...this.source.featureNames],
      classes: [...this.source.classNames],
      standardization: this.data.standardization,
    });
  }
}
