import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixed } from "../../../web/src/shared/format.js";
import { placeholder, reservedDot, textWidth } from "../../../web/src/shared/stable-layout.js";

describe("placeholder", () => {
  it("is a number whose 4-decimal text has exactly the reserved width, in 8s", () => {
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 16 }), (w) => {
        const text = fixed(placeholder(w));
        expect(text.length).toBe(w);
        expect(text.replace(".", "")).toMatch(/^8+$/);
      }),
    );
  });

  it("reserves at least one digit for narrow fields", () => {
    expect(fixed(placeholder(3))).toBe("8.8888");
  });
});

describe("reservedDot", () => {
  const nodes = [
    { id: 0, label: "a", op: "", data: -4, grad: 0, prev: [] },
    { id: 1, label: "", op: "*", data: 8, grad: 0, prev: [0, 0] },
  ];

  it("lays every field out at its reserved width and stacks the fields", () => {
    const dot = reservedDot(nodes, (id) => ({ data: id === 0 ? 7 : 6, grad: 9 }));
    expect(dot).toContain('n0 [label="a | data 88.8888 | grad 8888.8888", shape=record]');
    // an unnamed node has no empty label field
    expect(dot).toContain('n1 [label="data 8.8888 | grad 8888.8888", shape=record]');
    expect(dot).toContain("n0 -> n1_op;");
    expect(dot).not.toContain("{ ");
  });

  it("measures widths as the panel prints numbers", () => {
    expect(textWidth(-138.8338)).toBe("-138.8338".length);
    expect(textWidth(Number.NaN)).toBe(3);
  });
});
