/**
 * micrograd-ts: the public API. Everything here runs in a browser and in Node (no Node-only imports).
 */

export * from "./compile/index.js";
export * from "./data/index.js";
export * from "./engine/index.js";
export * from "./examples/index.js";
export * from "./gpt/index.js";
export * from "./lang/index.js";
export * from "./nn/index.js";
export * from "./optim/index.js";
