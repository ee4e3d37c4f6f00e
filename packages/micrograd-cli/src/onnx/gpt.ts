/**
 * A `MicroGpt` as an ONNX graph: the whole-sequence forward, logits for every position at once.
 *
 *   tokens [batch, seq] (int64) -> Gather(wte) + Gather(wpe, Range(seq)) -> RMSNorm
 *   per layer: x += Wo · causal-attention(RMSNorm(x)) ; x += fc2 · Relu(fc1 · RMSNorm(x))
 *   logits = lm_head · x  -> [batch, seq, vocab]
 *
 * MicroGpt.forward runs one position at a time with a KV cache; position t attends to positions 0..t, so
 * the same numbers come out of one pass with a causal mask (-inf above the diagonal before the softmax).
 * RMSNorm is written in basic ops: x * (mean(x²) + 1e-5) ** -0.5, as microgpt (no gain). Weights are
 * stored transposed ([nin, nout]) so every linear layer is one MatMul on [batch, seq, nin].
 */
import type { Value } from "micrograd-ts";
import { MicroGpt, type MicroGptJSON } from "micrograd-ts";
import { checkForwardOps, checkWeight, rebuild } from "./checks.js";
import { type Attribute, type OnnxDType, OnnxGraph } from "./graph.js";

/**
 * The ops MicroGpt.forward builds from (Value.op names), all of which the graph reproduces. The softmax's
 * shift by the detached max ("max", "detach", "-") cancels out; ONNX's Softmax shifts by the max itself.
 */
const FORWARD_OPS = new Set([
  "",
  "+",
  "-",
  "*",
  "dot",
  "sum",
  "max",
  "detach",
  "exp",
  "**-1",
  "**-0.5",
  "ReLU",
]);

/** The MicroGpt inside `model`: the model itself, or one rebuilt from its JSON (checked by fromJSON). */
export function asMicroGpt(where: string, model: MicroGpt | MicroGptJSON): MicroGpt {
  return model instanceof MicroGpt
    ? model
    : rebuild(where, "MicroGpt", model, (j: MicroGptJSON) => MicroGpt.fromJSON(j));
}

/** `model` as an ONNX graph: input "tokens" [batch, seq], output "logits" [batch, seq, vocab]. */
export function gptGraph(
  where: string,
  model: MicroGpt,
  dtype: OnnxDType,
): { graph: OnnxGraph; doc: string; name: string; metadata: Record<string, string> } {
  checkGptOps(where, model);
  const { nLayer, nEmbd, blockSize, nHead } = model.config;
  const { vocabSize, BOS } = model.tokenizer;
  const headDim = nEmbd / nHead;
  const g = new OnnxGraph();
  /** A node named after its output (node and value names share the builder's namespace, hence "/op"). */
  const op = (type: string, inputs: string[], out: string, attributes: Record<string, Attribute> = {}) =>
    g.node(type, inputs, out, `${out}/${type}`, attributes);
  const ints = (name: string, values: number[]) => g.initializer(name, "int64", [values.length], values);
  const scalar = (name: string, v: number) => g.initializer(name, dtype, [], [v]);
  /** A weight matrix as stored, rows of the state_dict ([nout, nin]); `transposed` stores [nin, nout]. */
  const matrix = (name: string, transposed: boolean) => {
    const rows = model.stateDict[name].map((row) => row.map((p) => p.data));
    const nout = rows.length;
    const nin = rows[0].length;
    rows.forEach((row, r) => {
      row.forEach((v, c) => {
        checkWeight(where, `stateDict["${name}"][${r}][${c}]`, v, dtype);
      });
    });
    if (!transposed) return g.initializer(name, dtype, [nout, nin], rows.flat());
    const t = Array.from({ length: nin * nout }, (_, k) => rows[k % nout][Math.floor(k / nout)]);
    return g.initializer(`${name}.T`, dtype, [nin, nout], t);
  };

  const tokens = g.input(
    "tokens",
    "int64",
    ["batch", "seq"],
    `token ids from 0 to ${vocabSize - 1} (BOS = ${BOS}), seq from 1 to ${blockSize}`,
  );
  // constants
  const eps = scalar("rmsnorm.eps", 1e-5);
  const minusHalf = scalar("rmsnorm.exponent", -0.5);
  const scale = scalar("attn.scale", (headDim ** 0.5) ** -1); // microgpt multiplies by head_dim ** 0.5 ** -1
  const mask = g.initializer(
    "attn.causal_mask",
    dtype,
    [blockSize, blockSize],
    Array.from({ length: blockSize * blockSize }, (_, k) =>
      k % blockSize > Math.floor(k / blockSize) ? Number.NEGATIVE_INFINITY : 0,
    ),
  );
  const splitHeads = ints("attn.split_heads_shape", [0, 0, nHead, headDim]); // 0: keep that dim
  const mergeHeads = ints("attn.merge_heads_shape", [0, 0, nEmbd]);
  const zero2 = ints("zeros2", [0, 0]);

  const rmsnorm = (x: string, at: string) => {
    const sq = op("Mul", [x, x], `${at}.sq`);
    const ms = op("ReduceMean", [sq], `${at}.ms`, { axes: { ints: [-1] }, keepdims: { int: 1 } });
    const shifted = op("Add", [ms, eps], `${at}.ms_eps`);
    const inv = op("Pow", [shifted, minusHalf], `${at}.inv_rms`);
    return op("Mul", [x, inv], `${at}.out`);
  };

  // embeddings: token rows plus position rows 0 .. seq-1
  const seqLen = op("Shape", [tokens], "seq_len", { start: { int: 1 }, end: { int: 2 } }); // [seq]
  const seqScalar = op("Squeeze", [seqLen], "seq_len_scalar");
  const positions = op(
    "Range",
    [
      g.initializer("range.start", "int64", [], [0]),
      seqScalar,
      g.initializer("range.delta", "int64", [], [1]),
    ],
    "positions",
  );
  const tok = op("Gather", [matrix("wte", false), tokens], "tok_emb");
  const pos = op("Gather", [matrix("wpe", false), positions], "pos_emb");
  let x = rmsnorm(op("Add", [tok, pos], "emb"), "emb.norm");
  // the causal mask cut to [seq, seq]
  const seqSeq = op("Concat", [seqLen, seqLen], "seq_seq", { axis: { int: 0 } });
  const causal = op("Slice", [mask, zero2, seqSeq], "causal");

  for (let li = 0; li < nLayer; li++) {
    const at = `layer${li}`;
    // 1) multi-head causal self-attention
    let residual = x;
    const h = rmsnorm(x, `${at}.attn_norm`);
    const heads = (w: string, perm: number[]) => {
      const proj = op("MatMul", [h, matrix(`${at}.attn_${w}`, true)], `${at}.${w}`);
      const split = op("Reshape", [proj, splitHeads], `${at}.${w}.split`);
      return op("Transpose", [split], `${at}.${w}.heads`, { perm: { ints: perm } });
    };
    const q = heads("wq", [0, 2, 1, 3]); // [batch, head, seq, headDim]
    const kT = heads("wk", [0, 2, 3, 1]); // [batch, head, headDim, seq]
    const v = heads("wv", [0, 2, 1, 3]);
    const logits = op("Mul", [op("MatMul", [q, kT], `${at}.qk`), scale], `${at}.attn_logits`);
    const weights = op("Softmax", [op("Add", [logits, causal], `${at}.masked`)], `${at}.attn_weights`, {
      axis: { int: -1 },
    });
    const ctx = op("Transpose", [op("MatMul", [weights, v], `${at}.ctx`)], `${at}.ctx.seq_first`, {
      perm: { ints: [0, 2, 1, 3] },
    });
    const merged = op("Reshape", [ctx, mergeHeads], `${at}.ctx.merged`);
    const attnOut = op("MatMul", [merged, matrix(`${at}.attn_wo`, true)], `${at}.attn_out`);
    x = op("Add", [attnOut, residual], `${at}.attn_residual`);
    // 2) MLP
    residual = x;
    const m = rmsnorm(x, `${at}.mlp_norm`);
    const fc1 = op("Relu", [op("MatMul", [m, matrix(`${at}.mlp_fc1`, true)], `${at}.fc1`)], `${at}.fc1.relu`);
    const fc2 = op("MatMul", [fc1, matrix(`${at}.mlp_fc2`, true)], `${at}.fc2`);
    x = op("Add", [fc2, residual], `${at}.mlp_residual`);
  }
  op("MatMul", [x, matrix("lm_head", true)], "logits");
  g.output("logits", dtype, ["batch", "seq", vocabSize], "next-token logits at every position");

  const name = `MicroGpt(nLayer ${nLayer}, nEmbd ${nEmbd}, nHead ${nHead}, blockSize ${blockSize}, vocab ${vocabSize})`;
  return {
    graph: g,
    name,
    doc: `${name}: logits[b, t] = the logits MicroGpt.forward gives at position t of sequence b (causal)`,
    // what a user needs to tokenize: token i is uchars[i], BOS is uchars.length
    metadata: { "micrograd.uchars": JSON.stringify(model.tokenizer.uchars), "micrograd.bos": String(BOS) },
  };
}

/** Runs two positions of `model.forward` and refuses any op the graph above does not reproduce. */
function checkGptOps(where: string, model: MicroGpt): void {
  const saved = model.lastAttention; // forward records it: leave the model as it was
  const cache = model.emptyCache();
  const out: Value[] = [];
  try {
    const bos = model.tokenizer.BOS;
    out.push(...model.forward(bos, 0, cache));
    if (model.config.blockSize > 1) out.push(...model.forward(bos, 1, cache));
  } catch (e) {
    throw new TypeError(`${where}: model.forward failed on a probe input: ${(e as Error).message}`);
  } finally {
    model.lastAttention = saved;
  }
  checkForwardOps(
    where,
    out,
    FORWARD_OPS,
    "MicroGpt computes only microgpt's ops (+ - * dot sum max detach exp pow relu)",
  );
}

/** Whether `x` is a MicroGpt or looks like its JSON (its fields are checked by `MicroGpt.fromJSON`). */
export function isMicroGpt(x: unknown): x is MicroGpt | MicroGptJSON {
  return (
    x instanceof MicroGpt ||
    (typeof x === "object" && x !== null && (x as { type?: unknown }).type === "MicroGpt")
  );
}
