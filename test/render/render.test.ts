import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  bundledFontFiles,
  dotToPng,
  dotToSvg,
  dotToSvgWithin,
  LayoutTimeout,
  pngSize,
  rasterize,
  svgToPng,
} from "../../packages/micrograd-cli/src/render/render.js";
import { evaluateProgram, toDot } from "../../packages/micrograd-ts/src/index.js";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** How many pixels are darker than mid-grey. */
function darkPixels(pixels: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 3 * 128) n++;
  }
  return n;
}

describe("dotToSvg (Graphviz in WebAssembly)", () => {
  it("lays out the lecture's L graph with every label, data and grad", async () => {
    const { output } = evaluateProgram("a = 2; b = -3; c = 10; e = a*b; d = e + c; f = -2; L = d * f");
    output.backward();
    const svg = await dotToSvg(toDot(output));
    expect(svg).toMatch(/^<\?xml|<svg/);
    for (const label of ["a", "b", "c", "d", "e", "f", "L"]) expect(svg).toContain(`>${label}</text>`);
    // dL/da = 6 and dL/db = -4 in the lecture
    expect(svg).toContain("grad 6.0000");
    expect(svg).toContain("grad &#45;4.0000");
  });

  it("reports invalid DOT as an Error, not a crash", async () => {
    await expect(dotToSvg("digraph { a -> }")).rejects.toThrow(/Graphviz/);
    await expect(dotToSvg(3 as unknown as string)).rejects.toThrow(TypeError);
  });
});

describe("svgToPng (resvg)", () => {
  it("writes a PNG with a white background, scaled 2x by default", () => {
    const png = svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"></svg>');
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.readUInt32BE(16)).toBe(80);
    expect(png.readUInt32BE(20)).toBe(60);
    const img = rasterize('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>', {
      scale: 1,
    });
    expect([...img.pixels.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
  });

  it("renders text in Graphviz's Times font and the plots' sans-serif with the bundled fonts only", () => {
    const files = bundledFontFiles();
    expect(files).toHaveLength(4);
    for (const f of files) expect(existsSync(f), f).toBe(true);
    const svg = (family: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="30" font-family="${family}" font-size="28">grad 6.0</text></svg>`;
    for (const family of ["Times", "Times,serif", "Arimo, Liberation Sans, Arial, sans-serif", "Tinos"]) {
      const img = rasterize(svg(family), { scale: 1 });
      expect(darkPixels(img.pixels), family).toBeGreaterThan(100);
    }
  });

  it("renders a graph's labels as visible text", async () => {
    const { output } = evaluateProgram("a = 2; b = tanh(a)");
    const png = await dotToPng(toDot(output), { scale: 1 });
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const withText = rasterize(await dotToSvg(toDot(output)), { scale: 1 });
    const noText = rasterize((await dotToSvg(toDot(output))).replace(/<text[^>]*>[^<]*<\/text>/g, ""), {
      scale: 1,
    });
    expect(darkPixels(withText.pixels)).toBeGreaterThan(darkPixels(noText.pixels) + 200);
  });

  it("caps the longest side at 8,000 px (or maxSide), keeping the aspect ratio", () => {
    const wide = '<svg xmlns="http://www.w3.org/2000/svg" width="10000" height="100"></svg>';
    const png = svgToPng(wide);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([8000, 80]);
    // zoom: PNG pixels per SVG pixel (8000 / 10000; 500 / 10000; the default scale 2)
    expect(pngSize(wide)).toEqual({ width: 8000, height: 80, capped: true, zoom: 0.8 });
    expect(pngSize(wide, { maxSide: 500 })).toEqual({ width: 500, height: 5, capped: true, zoom: 0.05 });
    expect(pngSize('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"></svg>')).toEqual({
      width: 600,
      height: 200,
      capped: false,
      zoom: 2,
    });
  });

  it("rejects bad arguments", () => {
    expect(() => svgToPng(1 as unknown as string)).toThrow(TypeError);
    expect(() => svgToPng("<svg/>", { scale: 0 })).toThrow(/scale/);
    expect(() => svgToPng("<svg/>", { maxSide: 0 })).toThrow(/maxSide/);
  });
});

describe("dotToSvgWithin (layout in a worker, with a time limit)", () => {
  it("gives the same SVG as dotToSvg", async () => {
    const dot = toDot(evaluateProgram("a = 2; b = a * a").output);
    expect(await dotToSvgWithin(dot, 30_000)).toBe(await dotToSvg(dot));
  });

  it("stops a layout that takes too long", async () => {
    const sum = evaluateProgram(`a = 2; s = ${Array(300).fill("a").join(" + ")}`).output;
    const start = performance.now();
    await expect(dotToSvgWithin(toDot(sum), 200)).rejects.toThrow(LayoutTimeout);
    // stopped, not waited for: the whole layout takes seconds (no timing assertion beyond "it returned")
    expect(performance.now() - start).toBeGreaterThan(150);
  });

  it("reports Graphviz's errors as an Error naming them, in one line", async () => {
    await expect(dotToSvgWithin("digraph { a -> }", 30_000)).rejects.toThrow(
      /^Graphviz could not lay out the graph: syntax error in line 1 near '\}'$/,
    );
  });
});
