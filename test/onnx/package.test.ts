/**
 * Where the ONNX export lives: its own folder of micrograd-cli (src/onnx, the subpath export micrograd-cli/onnx), browser-safe,
 * with the official schema; the zero-dependency core never imports it or protobufjs.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { ONNX_SCHEMA } from "../../packages/micrograd-cli/src/onnx/schema.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const read = (path: string) => readFileSync(join(root, path), "utf8");

const LIB = "packages/micrograd-ts/src";
const CLI = "packages/micrograd-cli/src";

/** Every .ts file under a folder of a package's src/ (paths relative to that src/). */
function sources(dir: string, base = LIB): string[] {
  const abs = join(root, base, dir);
  return readdirSync(abs).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(join(abs, f)).isDirectory()) return sources(path, base);
    return f.endsWith(".ts") ? [path] : [];
  });
}

describe("the ONNX schema", () => {
  it("schema.ts is exactly what protobufjs parses from the official onnx.proto (regenerate: node scripts/onnx-schema.mjs)", () => {
    const parsed = protobuf.parse(read(`${CLI}/onnx/onnx.proto`), { keepCase: true }).root.toJSON();
    expect(JSON.parse(JSON.stringify(ONNX_SCHEMA))).toEqual(JSON.parse(JSON.stringify(parsed)));
  });

  it("onnx.proto is the official file with its license header", () => {
    const proto = read(`${CLI}/onnx/onnx.proto`);
    expect(proto).toContain("// SPDX-License-Identifier: Apache-2.0");
    expect(proto).toContain("package onnx;");
    expect(proto).toContain("message ModelProto {");
    expect(read(`${CLI}/onnx/schema.ts`)).toContain("SPDX-License-Identifier: Apache-2.0");
  });
});

describe("src/onnx is a separate, browser-safe module", () => {
  const onnx = sources("onnx", CLI);

  it("runs in a browser: no Node-only imports or globals", () => {
    expect(onnx.length).toBeGreaterThanOrEqual(4);
    for (const f of onnx) {
      const text = read(join(CLI, f));
      expect(text, f).not.toMatch(/from\s+"node:|\bprocess\.|\bBuffer\b|require\(/);
      expect(text, f).not.toMatch(/from\s+"\.\.\/(node|cli)\//);
    }
  });

  it("the library never imports it, nor protobufjs; its index.ts does not re-export it", () => {
    const core = ["engine", "nn", "optim", "data", "compile", "lang", "examples", "gpt", "util"].flatMap(
      (d) => sources(d),
    );
    expect(core.length).toBeGreaterThan(20);
    for (const f of [...core, "index.ts"]) {
      const text = read(join(LIB, f));
      expect(text, f).not.toMatch(/from\s+"[./]*onnx\/|from\s+"protobufjs/);
    }
  });

  it("micrograd-cli exports it as micrograd-cli/onnx; protobufjs is its dependency, not the library's; onnxruntime-node only a dev one", () => {
    const pkg = JSON.parse(read(`${CLI}/../package.json`));
    const lib = JSON.parse(read(`${LIB}/../package.json`));
    expect(lib.dependencies).toBeUndefined();
    const dev = JSON.parse(read("package.json")).devDependencies;
    expect(pkg.exports["./onnx"]).toEqual({
      types: "./dist/onnx/index.d.ts",
      default: "./dist/onnx/index.js", // import and require (tslab compiles imports to require)
    });
    expect(pkg.dependencies.protobufjs).toBeDefined();
    expect(pkg.dependencies["onnxruntime-node"]).toBeUndefined();
    expect(dev["onnxruntime-node"]).toBeDefined();
  });

  it("installs never run onnxruntime-node's download of GPU binaries (its CPU binary ships in the package)", () => {
    expect(JSON.parse(read("package.json")).allowScripts).toEqual({ "onnxruntime-node": false });
    expect(read(".ci/run")).toMatch(/^export ONNXRUNTIME_NODE_INSTALL=skip$/m);
  });
});
