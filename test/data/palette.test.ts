import { describe, expect, it } from "vitest";
import { CLASS_COLORS as cliColors } from "../../packages/micrograd-cli/src/render/plots.js";
import { CLASS_COLORS } from "../../packages/micrograd-ts/src/index.js";

describe("CLASS_COLORS: one palette for the CLI's pictures and the playground", () => {
  it("is Okabe & Ito's colour-blind-safe palette, class 0 blue", () => {
    // Okabe & Ito (2008), "Color Universal Design": blue (0, 114, 178), vermillion (213, 94, 0), bluish
    // green (0, 158, 115), reddish purple (204, 121, 167), orange (230, 159, 0), sky blue (86, 180, 233)
    const rgb = CLASS_COLORS.map((c) => [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16)));
    expect(rgb).toEqual([
      [0, 114, 178],
      [213, 94, 0],
      [0, 158, 115],
      [204, 121, 167],
      [230, 159, 0],
      [86, 180, 233],
    ]);
  });

  it("is the table the CLI's plots draw with", () => {
    expect(cliColors).toBe(CLASS_COLORS);
  });
});
