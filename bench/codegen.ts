/**
 * An experiment, kept so that its measurement can be rerun (`npm run bench` prints it); not shipped.
 * It unrolls the interpreter's loop into straight-line JavaScript, one statement per node, in functions of
 * CHUNK_NODES statements, built only from our own op table and integer node indices (exponents are read
 * from the `k` array at run time; no user string reaches the source). Result on Node 20 / V8 11.3: V8
 * needs thousands of calls before it optimizes such large straight-line functions, so for a 100-step run
 * it stays in the bytecode interpreter and is several times slower than src/compile/'s switch loop.
 */

import type { Trace } from "../src/compile/trace.js";
import {
  ADD,
  CUSTOM,
  DIV,
  EXP,
  LOG,
  MUL,
  NEG,
  POW,
  POWV,
  RELU,
  SIGMOID,
  SUB,
  TANH,
} from "../src/engine/value.js";

/** Forward/backward replays built from generated code. @internal */
export interface GeneratedPasses {
  forward(values: Float64Array): void;
  backward(values: Float64Array, grads: Float64Array): void;
}

type ForwardChunk = (v: Float64Array, K: Float64Array, cf: (v: Float64Array, i: number) => number) => void;
type BackwardChunk = (
  v: Float64Array,
  g: Float64Array,
  K: Float64Array,
  cb: (v: Float64Array, g: Float64Array, i: number) => void,
) => void;

/** Statements (nodes) per generated function. */
export const CHUNK_NODES = 1000;

let codegenWorks: boolean | undefined;

/** Whether `new Function` is allowed here (false under a Content-Security-Policy without 'unsafe-eval'). */
export function codegenAvailable(): boolean {
  if (codegenWorks === undefined) {
    try {
      codegenWorks = new Function("return 1")() === 1;
    } catch {
      codegenWorks = false;
    }
  }
  return codegenWorks;
}

/** One forward statement for node `i` (empty for a leaf). Only integers are interpolated. */
function forwardStatement(code: number, i: number, a: number, b: number): string {
  switch (code) {
    case ADD:
      return `v[${i}]=v[${a}]+v[${b}];`;
    case SUB:
      return `v[${i}]=v[${a}]-v[${b}];`;
    case MUL:
      return `v[${i}]=v[${a}]*v[${b}];`;
    case DIV:
      return `v[${i}]=v[${a}]/v[${b}];`;
    case NEG:
      return `v[${i}]=-v[${a}];`;
    case POW:
      return `v[${i}]=v[${a}]**K[${i}];`;
    case POWV:
      return `v[${i}]=v[${a}]**v[${b}];`;
    case EXP:
      return `v[${i}]=Math.exp(v[${a}]);`;
    case LOG:
      return `v[${i}]=Math.log(v[${a}]);`;
    case TANH:
      return `v[${i}]=Math.tanh(v[${a}]);`;
    case RELU:
      return `v[${i}]=Math.max(0,v[${a}]);`;
    case SIGMOID:
      return `v[${i}]=1/(1+Math.exp(-v[${a}]));`;
    case CUSTOM:
      return `v[${i}]=cf(v,${i});`;
    default:
      return "";
  }
}

/** One backward statement for node `i`; the same expressions as `Value._backward`. */
function backwardStatement(code: number, i: number, a: number, b: number): string {
  switch (code) {
    case ADD:
      return `x=g[${i}];g[${a}]+=x;g[${b}]+=x;`;
    case SUB:
      return `x=g[${i}];g[${a}]+=x;g[${b}]-=x;`;
    case MUL:
      return `x=g[${i}];g[${a}]+=v[${b}]*x;g[${b}]+=v[${a}]*x;`;
    case DIV:
      return `x=g[${i}];g[${a}]+=x/v[${b}];g[${b}]-=((v[${a}]/v[${b}])*x)/v[${b}];`;
    case NEG:
      return `g[${a}]-=g[${i}];`;
    case POW:
      return `g[${a}]+=K[${i}]*v[${a}]**(K[${i}]-1)*g[${i}];`;
    case POWV:
      return `x=g[${i}];g[${a}]+=v[${b}]*v[${a}]**(v[${b}]-1)*x;g[${b}]+=v[${i}]*Math.log(v[${a}])*x;`;
    case EXP:
      return `g[${a}]+=v[${i}]*g[${i}];`;
    case LOG:
      return `g[${a}]+=g[${i}]/v[${a}];`;
    case TANH:
      return `g[${a}]+=(1-v[${i}]*v[${i}])*g[${i}];`;
    case RELU:
      return `if(v[${i}]>0)g[${a}]+=g[${i}];`;
    case SIGMOID:
      return `g[${a}]+=v[${i}]*(1-v[${i}])*g[${i}];`;
    case CUSTOM:
      return `cb(v,g,${i});`;
    default:
      return "";
  }
}

/**
 * Generates forward and backward replays for a trace; null if code generation is not allowed here.
 * `customForward` / `customBackward` run custom ops (our functions, passed in as arguments).
 */
export function generatePasses(
  t: Trace,
  customForward: (v: Float64Array, i: number) => number,
  customBackward: (v: Float64Array, g: Float64Array, i: number) => void,
  chunkNodes = CHUNK_NODES,
): GeneratedPasses | null {
  if (!codegenAvailable()) return null;
  const n = t.op.length;
  const op = t.op;
  const A = t.a;
  const B = t.b;
  const forwardChunks: ForwardChunk[] = [];
  const backwardChunks: BackwardChunk[] = [];
  try {
    for (let start = 0; start < n; start += chunkNodes) {
      const end = Math.min(n, start + chunkNodes);
      let fwd = '"use strict";';
      for (let i = start; i < end; i++) fwd += forwardStatement(op[i], i, A[i], B[i]);
      forwardChunks.push(new Function("v", "K", "cf", fwd) as ForwardChunk);
    }
    for (let end = n; end > 0; end -= chunkNodes) {
      const start = Math.max(0, end - chunkNodes);
      let bwd = '"use strict";let x=0;';
      for (let i = end - 1; i >= start; i--) bwd += backwardStatement(op[i], i, A[i], B[i]);
      backwardChunks.push(new Function("v", "g", "K", "cb", bwd) as BackwardChunk);
    }
  } catch {
    codegenWorks = false;
    return null;
  }
  const K = t.k;
  return {
    forward(values: Float64Array): void {
      for (const f of forwardChunks) f(values, K, customForward);
    },
    backward(values: Float64Array, grads: Float64Array): void {
      for (const f of backwardChunks) f(values, grads, K, customBackward);
    },
  };
}
