// packages/micrograd-cli/README.md's "Rendering" section: its snippet run as written (files written to
// test-results/), and every name the entry micrograd-cli/render exports documented there.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as render from "../../packages/micrograd-cli/src/render/index.js";
import { docSection } from "../helpers/docs.js";
import { readmeCode, runSnippet } from "../helpers/readme-snippet.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("micrograd-cli/render in the CLI's README", () => {
  it("the snippet draws L = tanh(a*b + 10) with the grads worked out by hand, a PNG and the tanh curve", async () => {
    let dir = "";
    await runSnippet(readmeCode("render"), "readme-render", (c, d) => {
      dir = d;
      return c.replace(
        /writeFileSync\("([\w.]+)"/g,
        (_, name: string) => `writeFileSync(${JSON.stringify(join(d, name))}`,
      );
    });
    // L = tanh(4): dL/da = (1 - tanh(4)^2) * b = -0.00402..., dL/db = (1 - tanh(4)^2) * a = 0.00268...
    const svg = readFileSync(join(dir, "L.svg"), "utf8");
    for (const text of ["a", "data 0.9993", "grad &#45;0.0040", "grad 0.0027", "grad 1.0000"]) {
      expect(svg).toContain(`>${text}</text>`);
    }
    expect([...readFileSync(join(dir, "L.png")).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const curve = readFileSync(join(dir, "tanh.svg"), "utf8");
    expect(/points="([^"]*)"/.exec(curve)?.[1]?.split(" ")).toHaveLength(50);
  });

  it("documents every name micrograd-cli/render exports (values and types)", () => {
    const { text } = docSection("render");
    const source = readFileSync(
      new URL("../../packages/micrograd-cli/src/render/index.ts", import.meta.url),
      "utf8",
    );
    const names = [...source.matchAll(/export \{([^}]*)\} from/g)].flatMap((m) =>
      (m[1] ?? "")
        .split(",")
        .map((s) => s.trim().replace(/^type /, ""))
        .filter((s) => s !== ""),
    );
    expect(names).toEqual(expect.arrayContaining(Object.keys(render)));
    expect(names.length).toBeGreaterThan(Object.keys(render).length); // the types too
    const missing = names.filter((n) => !new RegExp(`\`${n}\\b[^\`]*\``).test(text));
    expect(missing).toEqual([]);
  });
});
