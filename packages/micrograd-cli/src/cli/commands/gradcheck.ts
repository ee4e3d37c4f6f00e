/**
 * `micrograd gradcheck "<program>"`: for every input of a program (each name assigned a number), the
 * gradient from backward() against a central finite difference; exit code 1 if any input fails.
 */
import type { Command } from "commander";
import { evaluateProgram, gradcheck, type Value } from "micrograd-ts";
import { numberArg } from "../args.js";
import { CheckFailed, UsageError } from "../errors.js";
import { evaluateOrExplain, programText } from "../program-source.js";

interface GradcheckCliOptions {
  eps: number;
  atol: number;
  rtol: number;
  file?: string;
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toPrecision(10) : String(x));

async function runGradcheck(arg: string | undefined, o: GradcheckCliOptions): Promise<void> {
  const source = await programText(arg, o.file);
  const { inputs } = evaluateOrExplain(source);
  if (inputs.length === 0) {
    throw new UsageError(
      "program: it has no inputs to check; an input is a name assigned a number, e.g. a = 2; a * a",
    );
  }
  const names = inputs.map((v) => v.label);
  const f = (...leaves: Value[]) => {
    const { output } = evaluateProgram(source, {
      inputs: Object.fromEntries(names.map((n, i) => [n, leaves[i]])),
    });
    output.zeroGrad(); // gradcheck runs its own backward: drop the grads of the program's L.backward()
    return output;
  };
  const r = gradcheck(
    f,
    inputs.map((v) => v.data),
    { eps: o.eps, atol: o.atol, rtol: o.rtol },
  );
  const w = Math.max(5, ...names.map((n) => n.length));
  console.log(
    `${"input".padEnd(w)}  ${"value".padStart(12)}  ${"analytic".padStart(17)}  ${"numeric".padStart(17)}  ${"abs error".padStart(10)}  result`,
  );
  for (const x of r.inputs) {
    console.log(
      `${names[x.index].padEnd(w)}  ${fmt(x.value).padStart(12)}  ${fmt(x.analytic).padStart(17)}  ${fmt(x.numeric).padStart(17)}  ${x.absError.toExponential(2).padStart(10)}  ${x.ok ? "ok" : "FAIL"}`,
    );
  }
  const failed = r.inputs.filter((x) => !x.ok);
  if (failed.length > 0) {
    throw new CheckFailed(
      `gradcheck failed for ${failed.length} of ${r.inputs.length} inputs (${failed
        .map((x) => names[x.index])
        .join(", ")}): |analytic - numeric| > atol + rtol * |numeric| (atol ${o.atol}, rtol ${o.rtol})`,
    );
  }
  console.log(
    `all ${r.inputs.length} inputs ok (output ${fmt(r.value)}, eps ${o.eps}, atol ${o.atol}, rtol ${o.rtol})`,
  );
}

/** Adds `micrograd gradcheck`. */
export function gradcheckCommand(program: Command): void {
  program
    .command("gradcheck")
    .summary("check backward() against finite differences; exit code 1 on failure")
    .description(
      "For every input of a program (a name assigned a number), compare the gradient from backward() " +
        "with a central finite difference; exit code 1 if any input fails. " +
        'E.g. micrograd gradcheck "x = 0.5; y = tanh(x) * exp(x)"',
    )
    .argument("[program]", "statements separated by ; or new lines; inputs are names assigned a number")
    .option("-f, --file <path>", "read the program from a file instead (- reads standard input)")
    .option("--eps <x>", "step of the central difference", numberArg("positive"), 1e-6)
    .option("--atol <x>", "absolute tolerance", numberArg("nonnegative"), 1e-5)
    .option("--rtol <x>", "relative tolerance", numberArg("nonnegative"), 1e-3)
    .action(async (arg: string | undefined, opts: GradcheckCliOptions) => {
      await runGradcheck(arg, opts);
    });
}
