/**
 * The colour of each class in every picture of a dataset: the CLI's plots and the playground draw class
 * c in `CLASS_COLORS[c]`, so a saved picture and the page agree.
 */

/**
 * Class colours 0, 1, 2, …: Okabe & Ito's colour-blind-safe palette (blue, vermillion, bluish green,
 * reddish purple, orange, sky blue), as "#rrggbb".
 */
export const CLASS_COLORS: readonly string[] = [
  "#0072b2",
  "#d55e00",
  "#009e73",
  "#cc79a7",
  "#e69f00",
  "#56b4e9",
];
