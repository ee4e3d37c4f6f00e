/**
 * Vite config for the playground (web/). `npm run playground` serves it on http://127.0.0.1:5173;
 * `npm run build:web` writes a static site to web/dist with relative URLs, so any static host (or a
 * subfolder of one) serves it. Nothing is fetched from the internet at run time.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const source = (path: string) => fileURLToPath(new URL(`../packages/${path}`, import.meta.url));

export default defineConfig({
  root: webRoot,
  base: "./",
  resolve: {
    // the playground runs the packages' sources (packages/*/src), not their builds
    alias: [
      { find: /^micrograd-ts$/, replacement: source("micrograd-ts/src/index.ts") },
      { find: /^micrograd-ts\/limits$/, replacement: source("micrograd-ts/src/limits/index.ts") },
      { find: /^micrograd-ts\/internals$/, replacement: source("micrograd-ts/src/internals.ts") },
      { find: /^micrograd-cli\/onnx$/, replacement: source("micrograd-cli/src/onnx/index.ts") },
    ],
  },
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  preview: { host: "127.0.0.1", port: 4173 },
  worker: { format: "es" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // the Graphviz WebAssembly chunk (~800 kB, loaded lazily) is expected to be big
    chunkSizeWarningLimit: 1200,
  },
});
