/**
 * micrograd-ts: the public API. Everything here runs in a browser and in Node (no Node-only imports).
 */
export * from "./engine/index.js";
