export { CompiledGraph, type CompileOptions, compile } from "./compile.js";
