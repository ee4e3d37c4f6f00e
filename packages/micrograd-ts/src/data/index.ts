/**
 * Data: the seeded xorshift* `Rng`, CPython's `PyRandom`, the toy datasets (moons, circles, blobs, yin-yang,
 * the lecture set), the 8x8 digits, makemore's names, CSV tables as datasets, splits and standardization.
 */
export { type BlobsOptions, makeBlobs } from "./blobs.js";
export { type CirclesOptions, makeCircles } from "./circles.js";
export { CsvError, type CsvTable, parseCsv } from "./csv.js";
export { type CsvDataset, type CsvDatasetOptions, csvColumns, csvDataset } from "./csv-dataset.js";
export {
  type Dataset,
  type DatasetSplits,
  type NamedDataset,
  type RandomSource,
  splitDataset,
  type TrainTestSplitOptions,
  trainTestSplit,
} from "./dataset.js";
export { DIGIT_FEATURES, digitsStandardization, loadDigits } from "./digits.js";
export { lectureData } from "./lecture.js";
export { type MoonsOptions, makeMoons } from "./moons.js";
export { NAMES_TEXT, names } from "./names.js";
export { CLASS_COLORS } from "./palette.js";
export { PyRandom } from "./pyrandom.js";
export { DATASET_NAMES, type DatasetName, type DatasetOptions, getDataset } from "./registry.js";
export { Rng } from "./rng.js";
export { makeSpiral, type SpiralOptions } from "./spiral.js";
export {
  fitStandardization,
  type PreparedDataset,
  type PrepareOptions,
  prepareDataset,
  type Standardization,
  standardize,
} from "./standardize.js";
export { makeXor, type XorOptions } from "./xor.js";
export { makeYinYang, type YinYangOptions, yinYangClass } from "./yinyang.js";
