/**
 * The `micrograd` command: a commander Command with one sub-command per file in commands/.
 */
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { demoCommand } from "./commands/demo.js";
import { exportCommand } from "./commands/export.js";
import { gptCommand } from "./commands/gpt.js";
import { gradcheckCommand } from "./commands/gradcheck.js";
import { graphCommand } from "./commands/graph.js";
import { predictCommand } from "./commands/predict.js";
import { trainCommand } from "./commands/train.js";
import { yinyangCommand } from "./commands/yinyang.js";

/** The command names, for error messages. */
export const COMMANDS = ["demo", "graph", "gradcheck", "train", "predict", "export", "yinyang", "gpt"];

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** Turns commander's error text into our one-line form (`commands`: the sub-commands of `prefix`). */
function oneLine(text: string, commands = COMMANDS, prefix = "micrograd"): string {
  let s = text.trim().replace(/^error: /, "");
  if (/^unknown command/.test(s)) s += `; commands: ${commands.join(", ")} (see ${prefix} --help)`;
  else if (/^(unknown option|too many arguments|missing required|option .* argument missing)/.test(s)) {
    s += " (see --help for the options)";
  }
  return `micrograd: ${s.replace(/\s*\n\s*/g, " ")}\n`;
}

/** Builds the `micrograd` command (commander). Errors are thrown (exitOverride), never printed with a stack trace. */
export function createCommand(): Command {
  const command = new Command("micrograd");
  command
    .description(
      "micrograd in TypeScript: a scalar autograd engine and a tiny neural-net library, from the terminal",
    )
    .version(version(), "-V, --version")
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(oneLine(text)) })
    .showSuggestionAfterError(true)
    .addHelpText(
      "after",
      `
Examples:
  micrograd demo                                   train on two moons, write pictures to out/
  micrograd graph "a = 2; b = -3; c = 10; f = -2; L = (a*b + c) * f" --out out/L.png
  micrograd gradcheck "x = 0.5; y = tanh(x) * exp(x)"
  micrograd train --dataset circles --layers 8,8 --optimizer adam --steps 200
  micrograd predict --model out/train-circles-model.json 0.2 -0.4
  micrograd export --model out/train-circles-model.json --out out/circles.onnx --dtype float32
  micrograd yinyang                                the LLM101n run
  micrograd gpt train --steps 1000                 Karpathy's microgpt on the names, loss for loss
  micrograd gpt sample --model out/microgpt-model.json --count 5`,
    );
  demoCommand(command);
  graphCommand(command);
  gradcheckCommand(command);
  trainCommand(command);
  predictCommand(command);
  exportCommand(command);
  yinyangCommand(command);
  gptCommand(command).configureOutput({
    outputError: (text, write) => write(oneLine(text, ["train", "sample"], "micrograd gpt")),
  });
  return command;
}
