import { describe, expect, it } from "vitest";
import { type DisplayTarget, display, drawDot } from "../../packages/micrograd-cli/src/render/index.js";
import { Value } from "../../packages/micrograd-ts/src/index.js";

/** A display target that records what it is given. */
function recorder(): DisplayTarget & { shown: [string, string | Uint8Array][] } {
  const shown: [string, string | Uint8Array][] = [];
  return { shown, svg: (s) => shown.push(["svg", s]), png: (b) => shown.push(["png", b]) };
}

describe("drawDot (the lecture's draw_dot)", () => {
  it("draws the lecture's L = (a*b + c) * f after backward: label | data | grad per value, one node per op", async () => {
    const a = new Value(2, "a");
    const b = new Value(-3, "b");
    const c = new Value(10, "c");
    const f = new Value(-2, "f");
    const L = a.mul(b).add(c).mul(f);
    L.label = "L";
    L.backward();
    const svg = await drawDot(L);
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg /);
    // the lecture's hand-derived gradients: dL/da = b*f = 6, dL/db = a*f = -4, dL/dc = f, dL/df = a*b + c
    for (const text of [
      "a",
      "data 2.0000",
      "grad 6.0000",
      "grad &#45;4.0000",
      "grad 4.0000",
      "data &#45;8.0000",
    ]) {
      expect(svg).toContain(`>${text}</text>`);
    }
    // 7 values and 3 op nodes
    expect(svg.match(/class="node"/g)).toHaveLength(10);
  });

  it("takes toDot's options and refuses what is not a Value", async () => {
    const x = new Value(1.23456, "x");
    expect(await drawDot(x.tanh(), { digits: 2 })).toContain(">data 1.23</text>");
    await expect(drawDot(1 as unknown as Value)).rejects.toThrow(
      /drawDot\(root\): root must be a Value, got number 1/,
    );
  });
});

describe("display", () => {
  it("sends SVG text as SVG and PNG bytes as PNG", async () => {
    const to = recorder();
    const svg = await drawDot(new Value(1, "x"));
    display(svg, to);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    display(png, to);
    display('<svg xmlns="http://www.w3.org/2000/svg"/>', to);
    expect(to.shown.map(([kind]) => kind)).toEqual(["svg", "png", "svg"]);
    expect(to.shown[1][1]).toBe(png);
  });

  it("refuses anything else with a one-line message, and says when there is no tslab kernel", () => {
    const to = recorder();
    expect(() => display("hello", to)).toThrow(/picture must be SVG text .* got string "hello"/);
    expect(() => display(Uint8Array.from([1, 2, 3]), to)).toThrow(/or PNG bytes/);
    expect(() => display(42 as unknown as string, to)).toThrow(/got number 42/);
    expect(to.shown).toEqual([]);
    // vitest is not a tslab kernel
    expect(() => display("<svg/>")).toThrow(/no tslab notebook kernel in this process/);
  });
});
