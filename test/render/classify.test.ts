/**
 * The classifier pictures: the confusion matrix's counts and labels, and the image grid's squares and
 * captions, read back from the SVG text.
 */
import { describe, expect, it } from "vitest";
import { confusionMatrixSvg, imageGridSvg } from "../../packages/micrograd-cli/src/render/classify.js";

describe("confusionMatrixSvg", () => {
  it("writes each non-zero count once, the class names on both axes, and the title", () => {
    const svg = confusionMatrixSvg(
      [
        [5, 1],
        [0, 3],
      ],
      ["cat", "dog"],
      "pets <test>",
    );
    const counts = [...svg.matchAll(/text-anchor="middle" fill="[^"]+">(\d+)</g)].map((m) => Number(m[1]));
    expect(counts).toEqual([5, 1, 3]);
    expect(svg.match(/>cat</g)).toHaveLength(2);
    expect(svg.match(/>dog</g)).toHaveLength(2);
    expect(svg).toContain("pets &#60;test&#62;");
    expect(svg.match(/<rect x=/g)).toHaveLength(4);
  });

  it("refuses a matrix that does not match the names", () => {
    expect(() => confusionMatrixSvg([[1, 2]], ["a"], "t")).toThrow(/expected a 1 x 1 matrix/);
    expect(() => confusionMatrixSvg([], [], "t")).toThrow(RangeError);
  });
});

describe("imageGridSvg", () => {
  it("draws one square per inked pixel, shaded by ink, and each caption", () => {
    const a = new Array(64).fill(0);
    a[0] = 16;
    a[9] = 8;
    const svg = imageGridSvg(
      [
        { pixels: a, caption: "7 → 1" },
        { pixels: new Array(64).fill(0), caption: "3 → 8" },
      ],
      { side: 8, max: 16, title: "wrong" },
    );
    expect(svg).toContain('fill="#000000"'); // 16 of 16: black
    expect(svg).toContain('fill="#808080"'); // 8 of 16: mid grey (255 * 0.5 rounded)
    expect(svg.match(/>(\d) → (\d)</g)).toEqual([">7 → 1<", ">3 → 8<"]);
  });

  it("says none for an empty list", () => {
    expect(imageGridSvg([], { side: 8, max: 16, title: "wrong" })).toContain(">none<");
  });
});
