export { CompiledGraph, compile } from "./compile.js";
