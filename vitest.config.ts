import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const lib = (path: string) => fileURLToPath(new URL(`./packages/micrograd-ts/src/${path}`, import.meta.url));

export default defineConfig({
  // the CLI and the playground import the library by its package name: tests run its sources
  resolve: {
    alias: [
      { find: /^micrograd-ts$/, replacement: lib("index.ts") },
      { find: /^micrograd-ts\/examples$/, replacement: lib("examples/index.ts") },
      { find: /^micrograd-ts\/limits$/, replacement: lib("limits/index.ts") },
      { find: /^micrograd-ts\/internals$/, replacement: lib("internals.ts") },
      {
        find: /^micrograd-cli\/onnx$/,
        replacement: fileURLToPath(new URL("./packages/micrograd-cli/src/onnx/index.ts", import.meta.url)),
      },
      {
        find: /^micrograd-cli\/render$/,
        replacement: fileURLToPath(new URL("./packages/micrograd-cli/src/render/index.ts", import.meta.url)),
      },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
