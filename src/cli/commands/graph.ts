/**
 * `micrograd graph "<program>"`: evaluates an expression-language program, runs backward, and draws its
 * computation graph (label | data | grad per node) as SVG, PNG or DOT.
 */
import { extname } from "node:path";
import { type Command, Option } from "commander";
import { BUILTIN_FUNCTIONS, toDot, topoOrder } from "../../index.js";
import { writeOutput } from "../../node/files.js";
import { dotToSvg, svgToPng } from "../../node/render.js";
import { intArg } from "../args.js";
import { UsageError } from "../errors.js";
import { evaluateOrExplain, programText } from "../program-source.js";

interface GraphOptions {
  out: string;
  rankdir: "LR" | "TB";
  digits: number;
  backward: boolean;
  file?: string;
}

const FORMATS = [".svg", ".png", ".dot"];

async function runGraph(arg: string | undefined, o: GraphOptions): Promise<void> {
  const source = programText(arg, o.file);
  const ext = o.out === "-" ? ".dot" : extname(o.out).toLowerCase();
  if (!FORMATS.includes(ext)) {
    throw new UsageError(
      `--out ${o.out}: unknown picture format '${ext || "(none)"}'; use a file ending in .svg, .png or .dot (or - for DOT on stdout)`,
    );
  }
  const never = o.file ? [o.file] : [];
  const { output, values } = evaluateOrExplain(source);
  if (o.backward) output.backward();
  const dot = toDot(output, { rankdir: o.rankdir, digits: o.digits });
  if (o.out === "-") {
    process.stdout.write(dot);
    return;
  }
  if (ext === ".dot") writeOutput(o.out, dot, { never, flag: "--out" });
  else {
    const svg = await dotToSvg(dot);
    writeOutput(o.out, ext === ".png" ? svgToPng(svg) : svg, { never, flag: "--out" });
  }
  const d = o.digits;
  for (const [name, v] of values) {
    console.log(
      `${name.padEnd(8)} data ${v.data.toFixed(d).padStart(12)}   grad ${v.grad.toFixed(d).padStart(12)}`,
    );
  }
  if (!output.label) console.log(`(output) data ${output.data.toFixed(d).padStart(12)}`);
  console.log(`wrote ${o.out} (${topoOrder(output).length} nodes)`);
}

/** Adds `micrograd graph`. */
export function graphCommand(program: Command): void {
  program
    .command("graph")
    .summary("draw a program's computation graph (label | data | grad) after backward")
    .description(
      "Evaluate a program of the expression language, run backward, and draw its graph, e.g. " +
        'micrograd graph "a = 2; b = -3; c = 10; f = -2; L = (a*b + c) * f". Numbers, names, + - * / **, ' +
        `unary minus, parentheses, the functions ${BUILTIN_FUNCTIONS.join(" ")}, methods like x.relu() and ` +
        "a.pow(2), c += x (also -= *= /= **=); statements separated by ; or new lines; " +
        "each assigned name labels its node; the last statement is the output.",
    )
    .argument("[program]", "statements separated by ; or new lines; the last one is the output")
    .option("-f, --file <path>", "read the program from a file instead")
    .option(
      "-o, --out <file>",
      "where to write: .svg, .png or .dot (- prints DOT on stdout)",
      "out/graph.svg",
    )
    .addOption(new Option("--rankdir <dir>", "layout direction").choices(["LR", "TB"]).default("LR"))
    .option("--digits <n>", "digits after the point for data and grad", intArg(0, 20), 4)
    .option("--no-backward", "draw the forward values only (grads stay 0)")
    .action(async (arg: string | undefined, opts: GraphOptions) => {
      await runGraph(arg, opts);
    });
}
