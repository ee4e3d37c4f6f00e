/**
 * The lecture's four-example dataset.
 */
import type { Dataset } from "./dataset.js";

/**
 * The 4 examples of the lecture ("The spelled-out intro to neural networks and backpropagation"):
 * xs = [[2, 3, -1], [3, -1, 0.5], [0.5, 1, 1], [1, 1, -1]], ys = [1, -1, -1, 1] (targets ±1, not class
 * indices). A fresh copy each call.
 */
export function lectureData(): Dataset {
  return {
    name: "lecture",
    x: [
      [2, 3, -1],
      [3, -1, 0.5],
      [0.5, 1, 1],
      [1, 1, -1],
    ],
    y: [1, -1, -1, 1],
    nClasses: 2,
  };
}
