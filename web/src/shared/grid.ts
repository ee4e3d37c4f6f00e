/**
 * A classifier's picture over the plane: the box it covers (`Bounds`) and its decision per cell (`Grid`),
 * as the training view computes them and the plots draw them.
 */

/** A square region of the plane: [x0, x1] x [y0, y1]. */
export interface Bounds {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The model's decision over a res x res grid, row by row from y1 (top) down to y0. */
export interface Grid {
  res: number;
  /** Predicted class per cell. */
  cls: Uint8Array;
  /** How sure the model is, 0..1, per cell. */
  conf: Float32Array;
}
