import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MUL_ADD, trace } from "../../packages/micrograd-ts/src/compile/trace.js";
import { ADD, MUL } from "../../packages/micrograd-ts/src/engine/ops.js";
import { Value } from "../../packages/micrograd-ts/src/engine/value.js";

/**
 * The fused (multiply, add) runs as the interpreter expects them, found the simple way (a scan over the
 * finished trace): a pair is a multiply j followed by the add j + 1 = (anything) + (node j); a run is a
 * maximal sequence of pairs j, j + 2, … in which each later add's left operand is the add before it. Each
 * run is marked MUL_ADD at its first node in forwardCode and at its last node in backwardCode, with its
 * length at both ends.
 */
function expectedRuns(
  op: Uint8Array,
  a: Int32Array,
  b: Int32Array,
): { forward: number[]; backward: number[]; length: number[] } {
  const forward = Array.from(op);
  const backward = Array.from(op);
  const length = new Array<number>(op.length).fill(0);
  const isPair = (j: number) => op[j] === MUL && op[j + 1] === ADD && b[j + 1] === j;
  for (let i = 0; i + 1 < op.length; i++) {
    if (!isPair(i)) continue;
    let end = i + 2; // one past the run's last node
    while (end + 1 < op.length && isPair(end) && a[end + 1] === end - 1) end += 2;
    forward[i] = MUL_ADD;
    backward[end - 1] = MUL_ADD;
    length[i] = end - i;
    length[end - 1] = end - i;
    i = end - 1;
  }
  return { forward, backward, length };
}

describe("trace: fused (multiply, add) runs", () => {
  it("are the maximal (multiply, add) chains of the trace, on random graphs built mostly from mul and add", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: fc.integer({ min: 0, max: 6 }), a: fc.nat(100), b: fc.nat(100) }), {
          minLength: 1,
          maxLength: 60,
        }),
        (steps) => {
          const nodes: Value[] = [new Value(1.5), new Value(-2), new Value(0.25)];
          for (const s of steps) {
            const a = nodes[s.a % nodes.length];
            const b = nodes[s.b % nodes.length];
            const last = nodes[nodes.length - 1];
            // mul, add, a neuron-like a + b * a (a mul right before its add), relu, a constant, a
            // neuron's next term last + a * b (continues a run), and (a * b) + last (the add's operands the
            // other way round: not a run)
            const make = [
              () => a.mul(b),
              () => a.add(b),
              () => a.add(b.mul(a)),
              () => a.relu(),
              () => a.add(s.b),
              () => last.add(a.mul(b)),
              () => a.mul(b).add(last),
            ][s.op] as () => Value;
            nodes.push(make());
          }
          const t = trace(nodes[nodes.length - 1]);
          const want = expectedRuns(t.op, t.a, t.b);
          expect(Array.from(t.forwardCode)).toEqual(want.forward);
          expect(Array.from(t.backwardCode)).toEqual(want.backward);
          expect(Array.from(t.runLength)).toEqual(want.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a neuron on fresh leaves: one run per pair (the next weight and input come between the pairs)", () => {
    const x = [1, 2, 3].map((v) => new Value(v));
    const w = [4, 5, 6].map((v) => new Value(v));
    let act = new Value(0.5);
    for (let i = 0; i < 3; i++) act = act.add(w[i].mul(x[i]));
    const t = trace(act.relu());
    const first = t.forwardCode.indexOf(MUL_ADD);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(t.runLength[first]).toBe(2); // b + w0*x0: w1, x1 are first reached after it, between the pairs
    expect(t.forwardCode.filter((c) => c === MUL_ADD).length).toBe(3);
  });
});
