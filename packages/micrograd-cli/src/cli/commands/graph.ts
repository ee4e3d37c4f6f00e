/**
 * `micrograd graph "<program>"`: evaluates an expression-language program, runs backward, and draws its
 * computation graph (label | data | grad per node) as SVG, PNG or DOT.
 *
 * Graphviz's layout time grows fast with the graph (and with edges that skip many columns, see
 * `layoutCost`), so the command draws at most `--max-values` values (1,000: 0.5-3 s here), stops a layout
 * after `--layout-timeout` seconds, and otherwise says what to do instead: write DOT (always possible, no
 * layout), or draw the values nearest the output with `--summary`, as the playground does.
 */
import { extname } from "node:path";
import { type Command, Option } from "commander";
import { BUILTIN_FUNCTIONS } from "micrograd-ts";
import {
  formatCount,
  layoutCost,
  MAX_DRAWN_VALUES,
  MAX_ROUTING,
  snapshotGraph,
  snapshotToDot,
  withLayoutLimits,
} from "micrograd-ts/limits";
import { dotToSvgWithin, LayoutTimeout, MAX_PNG_SIDE, pngSize, svgToPng } from "../../render/render.js";
import { intArg, numberArg } from "../args.js";
import { UsageError } from "../errors.js";
import { readInput, refuseInputs, writeOutput } from "../files.js";
import { evaluateOrExplain, programText } from "../program-source.js";

interface GraphOptions {
  out: string;
  dot?: string;
  rankdir: "LR" | "TB";
  digits: number;
  backward: boolean;
  file?: string;
  maxValues: number;
  summary?: number | true;
  layoutTimeout: number;
}

const FORMATS = [".svg", ".png", ".dot"];
/** The smallest text height, in pixels, of a readable PNG. */
const MIN_TEXT_PX = 8;
/** The longest --layout-timeout, in seconds (an hour; Node's timers stop at ~24 days). */
const MAX_LAYOUT_TIMEOUT = 3600;
/** Values `--summary` draws when given no number (as the playground). */
const SUMMARY_VALUES = 120;

/** The options that shape a program's graph, which a DOT file has already settled. */
const PROGRAM_ONLY = ["file", "rankdir", "digits", "backward", "summary", "maxValues"] as const;
const FLAG: Record<(typeof PROGRAM_ONLY)[number], string> = {
  file: "--file",
  rankdir: "--rankdir",
  digits: "--digits",
  backward: "--no-backward",
  summary: "--summary",
  maxValues: "--max-values",
};

async function runGraph(
  arg: string | undefined,
  o: GraphOptions,
  given: (name: string) => boolean,
): Promise<void> {
  const ext = o.out === "-" ? ".dot" : extname(o.out).toLowerCase();
  if (!FORMATS.includes(ext)) {
    throw new UsageError(
      `--out ${o.out}: unknown picture format '${ext || "(none)"}'; use a file ending in .svg, .png or .dot (or - for DOT on stdout)`,
    );
  }
  if (o.dot !== undefined) {
    await renderDotFile(o.dot, arg, o, ext, given);
    return;
  }
  const source = await programText(arg, o.file);
  const write = { never: o.file && o.file !== "-" ? [o.file] : [], flag: "--out" };
  if (o.out !== "-") refuseInputs(o.out, write);
  const { output, values, backward } = evaluateOrExplain(source);
  // a program that runs L.backward() itself is drawn as it left the grads (as the lecture's draw_dot)
  if (o.backward && backward === null) output.backward();
  const cap =
    o.summary === undefined ? Number.POSITIVE_INFINITY : o.summary === true ? SUMMARY_VALUES : o.summary;
  const snapshot = snapshotGraph(output, cap);
  const dot = snapshotToDot(snapshot, { rankdir: o.rankdir, digits: o.digits });
  if (o.out === "-") {
    process.stdout.write(dot);
    return;
  }
  const drawn = snapshot.nodes.length;
  let note = "";
  if (ext === ".dot") writeOutput(o.out, dot, write);
  else {
    const svg = await layOut(dot, o, snapshot.nodes);
    if (ext === ".png") {
      const size = pngSize(svg);
      // Graphviz's 14-point labels are 14 · 4/3 SVG pixels high (96 px per inch); scaled down below
      // MIN_TEXT_PX, digits cannot be told apart
      const textPx = ((14 * 4) / 3) * size.zoom;
      if (textPx < MIN_TEXT_PX) {
        throw new UsageError(
          `graph: a PNG of this graph (${formatCount(drawn)} values) would be ${size.width.toLocaleString("en-US")} x ${size.height.toLocaleString("en-US")} px with its text ${textPx.toFixed(1)} px high, too small to read (PNGs are at most ${MAX_PNG_SIDE.toLocaleString("en-US")} px on a side); write an SVG instead (--out ${o.out.replace(/\.png$/i, ".svg")}, it scales without loss) or draw the ${SUMMARY_VALUES} values nearest the output with --summary`,
        );
      }
      if (size.capped) {
        note = `; the PNG is scaled down to ${size.width.toLocaleString("en-US")} x ${size.height.toLocaleString("en-US")} px (the longest side allowed is ${MAX_PNG_SIDE.toLocaleString("en-US")}); the SVG keeps every detail`;
      }
      writeOutput(o.out, svgToPng(svg), write);
    } else writeOutput(o.out, svg, write);
  }
  const d = o.digits;
  for (const [name, v] of values) {
    console.log(
      `${name.padEnd(8)} data ${v.data.toFixed(d).padStart(12)}   grad ${v.grad.toFixed(d).padStart(12)}`,
    );
  }
  if (!output.label) console.log(`(output) data ${output.data.toFixed(d).padStart(12)}`);
  const what =
    drawn < snapshot.total
      ? `${drawn} of ${formatCount(snapshot.total)} values, the ones nearest the output; "… k more" marks what is left out`
      : `${snapshot.total} nodes`;
  console.log(`wrote ${o.out} (${what}${note})`);
}

/**
 * `--dot FILE`: draws a Graphviz DOT file as it is (e.g. one a program wrote with the library's `toDot`),
 * as SVG or PNG, with the layout stopped after `--layout-timeout` seconds.
 */
async function renderDotFile(
  file: string,
  arg: string | undefined,
  o: GraphOptions,
  ext: string,
  given: (name: string) => boolean,
): Promise<void> {
  if (arg !== undefined) {
    throw new UsageError("give either a program or --dot FILE (a graph already drawn as DOT), not both");
  }
  const clash = PROGRAM_ONLY.find((name) => given(name));
  if (clash !== undefined) {
    throw new UsageError(
      `${FLAG[clash]} shapes the graph of a program; a --dot file is drawn as it is written (its DOT sets the layout)`,
    );
  }
  if (ext === ".dot") {
    throw new UsageError(
      `--out ${o.out}: --dot ${file} is DOT already; write a picture: a file ending in .svg or .png`,
    );
  }
  const write = { never: file === "-" ? [] : [file], flag: "--out" };
  refuseInputs(o.out, write);
  const dot = file === "-" ? await programText(undefined, "-") : readInput(file, "--dot");
  if (!/^\s*(strict\s+)?(di)?graph\b/i.test(dot.replace(/^(\s*(\/\/|#)[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*/, ""))) {
    throw new UsageError(
      `--dot ${file}: not a Graphviz DOT graph (it should start with "digraph" or "graph", as toDot's output does)`,
    );
  }
  let svg: string;
  try {
    svg = await dotToSvgWithin(dot, o.layoutTimeout * 1000);
  } catch (e) {
    const why =
      e instanceof LayoutTimeout
        ? `Graphviz's layout did not finish within ${o.layoutTimeout} s (--layout-timeout)`
        : (e as Error).message;
    throw new UsageError(`--dot ${file}: ${why}`);
  }
  let note = "";
  if (ext === ".png") {
    const size = pngSize(svg);
    if (size.capped) {
      note = ` (scaled down to ${size.width.toLocaleString("en-US")} x ${size.height.toLocaleString("en-US")} px; the SVG keeps every detail)`;
    }
    writeOutput(o.out, svgToPng(svg), write);
  } else writeOutput(o.out, svg, write);
  console.log(`wrote ${o.out}${note}`);
}

/** Lays the graph out within the limits, or says why not and what to do instead. */
async function layOut(
  dot: string,
  o: GraphOptions,
  nodes: Parameters<typeof layoutCost>[0],
): Promise<string> {
  const cost = layoutCost(nodes);
  const instead = `write DOT instead with --out ${o.out.replace(/\.(svg|png)$/i, ".dot")}, or draw the ${SUMMARY_VALUES} values nearest the output with --summary`;
  if (cost.values > o.maxValues) {
    throw new UsageError(
      `graph: the graph has ${formatCount(cost.values)} values; graph lays out at most ${formatCount(o.maxValues)} (--max-values), beyond that Graphviz takes too long; ${instead}`,
    );
  }
  // the routing budget grows with --max-values
  const maxRouting = Math.round((MAX_ROUTING * o.maxValues) / MAX_DRAWN_VALUES);
  if (cost.routing > maxRouting) {
    throw new UsageError(
      `graph: the graph has ${formatCount(cost.values)} values, but values used by ops far apart would make Graphviz route ~${formatCount(cost.routing)} edge points (at most ${formatCount(maxRouting)}: slower than minutes or out of memory); ${instead}`,
    );
  }
  if (cost.values > 200 || cost.routing > 20_000) {
    // a layout of a second or more: say what is going on
    console.log(
      `laying out ${formatCount(cost.values)} values with Graphviz (stopped after ${o.layoutTimeout} s)...`,
    );
  }
  try {
    return await dotToSvgWithin(withLayoutLimits(dot, cost.values), o.layoutTimeout * 1000);
  } catch (e) {
    const why =
      e instanceof LayoutTimeout
        ? `did not finish within ${o.layoutTimeout} s (--layout-timeout)`
        : `failed: ${(e as Error).message.replace(/^Graphviz could not lay out the graph: /, "")}`;
    throw new UsageError(`graph: Graphviz's layout of ${formatCount(cost.values)} values ${why}; ${instead}`);
  }
}

/** `--summary [values]`: a number of values, or true for the default. */
function summaryArg(text: string): number {
  return intArg(1)(text);
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
        "each assigned name labels its node; the last statement is the output. The lecture's cells paste as " +
        "they are: Value(2.0, label='a'), e.label = 'e', L.backward() (then graph does not run it again) and " +
        "draw_dot(L) (the output). With --dot FILE, draws a Graphviz DOT file instead (e.g. the library's " +
        "toDot output). Pictures of more than " +
        `${MAX_DRAWN_VALUES.toLocaleString("en-US")} values are refused (Graphviz takes too long): write DOT, or use --summary.`,
    )
    .argument("[program]", "statements separated by ; or new lines; the last one is the output")
    .option("-f, --file <path>", "read the program from a file instead (- reads standard input)")
    .option(
      "--dot <file>",
      "draw a Graphviz DOT file instead of a program, e.g. one written with the library's toDot (- reads standard input)",
    )
    .option(
      "-o, --out <file>",
      "where to write: .svg, .png or .dot (- prints DOT on stdout); PNGs are at most 8,000 px on a side",
      "out/graph.svg",
    )
    .addOption(new Option("--rankdir <dir>", "layout direction").choices(["LR", "TB"]).default("LR"))
    .option("--digits <n>", "digits after the point for data and grad", intArg(0, 20), 4)
    .option("--no-backward", "do not run backward (grads stay 0 unless the program calls x.backward())")
    .option(
      "--summary [values]",
      `draw only the values nearest the output ("… k more" marks the rest; default ${SUMMARY_VALUES})`,
      summaryArg,
    )
    .option("--max-values <n>", "the most values an SVG or PNG lays out", intArg(1), MAX_DRAWN_VALUES)
    .option(
      "--layout-timeout <seconds>",
      `stop Graphviz's layout after this long (at most ${MAX_LAYOUT_TIMEOUT})`,
      numberArg("positive", MAX_LAYOUT_TIMEOUT),
      20,
    )
    .action(async (arg: string | undefined, opts: GraphOptions, cmd: Command) => {
      await runGraph(arg, opts, (name) => cmd.getOptionValueSource(name) === "cli");
    });
}
