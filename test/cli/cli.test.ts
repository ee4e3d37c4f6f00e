/**
 * The built `micrograd` command, run as a process: the demo, graph, gradcheck, train/predict, yinyang,
 * --help, and every bad-input case of issue 3 (one line on stderr naming the flag or file, exit code 2).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeOnnx } from "../../packages/micrograd-cli/src/onnx/index.js";
import { ACTIVATIONS, MicroGpt, MLP, toDot, Value } from "../../packages/micrograd-ts/src/index.js";
import {
  buildCli,
  expectBadInput,
  pngSize,
  type Run,
  readmeSection,
  root,
  runCli,
  scratchDir,
  shellWords,
} from "../helpers/cli.js";
import { CELL_NEURON_BACKWARD, DRAW_O, NEURON_DRAWN } from "../lang/lecture-cells.js";
import {
  forwardRows,
  gptInput,
  maxRelError,
  ortLogits,
  randomPoints,
  runOnnx,
  TOLERANCE,
  tsLogits,
} from "../onnx/ort.js";

const work = scratchDir("cli");
let main = "";

beforeAll(() => {
  // A private build, so other test files that build dist/ cannot race with the processes started here.
  main = buildCli("cli-build");
}, 120_000);

function run(...args: string[]): Run {
  return runCli(main, work, args);
}

const STEP = /^step (\d+) loss (-?\d+(?:\.\d+)?(?:e-?\d+)?), accuracy (\d+(?:\.\d+)?)%$/;

describe("micrograd demo", () => {
  let r: Run;
  const out = join(work, "demo-out");
  beforeAll(() => {
    r = run("demo", "--out", out);
  }, 120_000);

  it("prints exactly `step K loss L, accuracy A%` for K = 0..99, with no escape codes", () => {
    expect(r.code, r.stderr).toBe(0);
    const steps = r.stdout.split("\n").filter((l) => l.startsWith("step "));
    expect(steps).toHaveLength(100);
    steps.forEach((line, k) => {
      const m = STEP.exec(line);
      expect(m, line).not.toBeNull();
      expect(Number(m?.[1])).toBe(k);
    });
    expect(r.stdout).not.toContain("\x1b");
  });

  it("reaches an accuracy of at least 97% (micrograd's notebook reaches 100%)", () => {
    const steps = r.stdout.split("\n").filter((l) => l.startsWith("step "));
    const last = STEP.exec(steps[steps.length - 1]);
    expect(Number(last?.[3])).toBeGreaterThanOrEqual(97);
    const final = /final accuracy (\d+(?:\.\d+)?)%/.exec(r.stdout);
    expect(Number(final?.[1])).toBeGreaterThanOrEqual(97);
    // the loss goes down
    expect(Number(last?.[2])).toBeLessThan(Number(STEP.exec(steps[0])?.[2]));
  });

  it("writes the pictures and prints their paths", () => {
    for (const f of [
      "demo-boundary.svg",
      "demo-boundary.png",
      "demo-training.svg",
      "demo-neuron.svg",
      "demo-neuron.png",
      "demo-model.json",
    ]) {
      const p = join(out, f);
      expect(existsSync(p), p).toBe(true);
      expect(r.stdout).toContain(p);
      expect(statSync(p).size).toBeGreaterThan(1000);
    }
    const moons = pngSize(join(out, "demo-boundary.png"));
    expect(moons.width).toBeGreaterThanOrEqual(500);
    expect(pngSize(join(out, "demo-neuron.png")).width).toBeGreaterThan(1000);
    const points = /<g class="points"[^>]*>([\s\S]*?)<\/g>/.exec(
      readFileSync(join(out, "demo-boundary.svg"), "utf8"),
    );
    expect(points?.[1]?.match(/<circle /g)?.length).toBe(100);
  });

  it("draws the lecture's neuron after backward (o = 0.7071; dx1 = -1.5, dw1 = 1, dx2 = 0.5, dw2 = 0)", () => {
    const svg = readFileSync(join(out, "demo-neuron.svg"), "utf8").replace(/&#45;/g, "-");
    for (const label of ["x1", "x2", "w1", "w2", "b", "n", "o"]) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain("data 0.7071");
    for (const g of ["grad -1.5000", "grad 1.0000", "grad 0.5000", "grad 0.0000"]) expect(svg).toContain(g);
  });

  it("gives the same steps with the object and the compiled engine", () => {
    const a = run("demo", "--steps", "5", "--engine", "object", "--out", join(work, "demo-a"));
    const b = run("demo", "--steps", "5", "--engine", "compiled", "--out", join(work, "demo-b"));
    expect(a.code, a.stderr).toBe(0);
    const steps = (s: string) => s.split("\n").filter((l) => l.startsWith("step "));
    expect(steps(a.stdout)).toHaveLength(5);
    expect(steps(a.stdout)).toEqual(steps(b.stdout));
  });
});

describe("micrograd graph", () => {
  const program = "a = 2; b = -3; c = 10; f = -2; L = (a*b + c) * f";

  it("writes an SVG with every label, after backward (dL/da = 6, dL/db = -4)", () => {
    const r = run("graph", program, "--out", "g/L.svg");
    expect(r.code, r.stderr).toBe(0);
    const svg = readFileSync(join(work, "g", "L.svg"), "utf8");
    for (const label of ["a", "b", "c", "f", "L"]) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain("grad 6.0000");
    expect(svg).toContain("grad &#45;4.0000");
    expect(r.stdout).toMatch(/^a\s+data\s+2\.0000\s+grad\s+6\.0000$/m);
    expect(r.stdout).toContain("wrote g/L.svg");
  });

  it("writes PNG and DOT, and DOT to stdout with --out -", () => {
    expect(run("graph", program, "--out", "g/L.png").code).toBe(0);
    expect(pngSize(join(work, "g", "L.png")).width).toBeGreaterThan(500);
    expect(run("graph", program, "--out", "g/L.dot", "--rankdir", "TB").code).toBe(0);
    const dot = readFileSync(join(work, "g", "L.dot"), "utf8");
    expect(dot).toMatch(/^digraph G \{\n {2}rankdir=TB;/);
    const r = run("graph", program, "--out", "-", "--no-backward");
    expect(r.stdout).toContain("digraph G");
    expect(r.stdout).toContain("grad 0.0000");
    expect(r.stdout).not.toContain("grad 6.0000");
  });

  it("reads the program from --file and refuses to overwrite it", () => {
    writeFileSync(join(work, "prog.dot"), "a = 2\nb = a ** 3\n");
    expect(run("graph", "-f", "prog.dot", "--out", "g/prog.svg").code).toBe(0);
    const r = run("graph", "-f", "prog.dot", "--out", "prog.dot");
    expectBadInput(r, "--out prog.dot", "refusing to overwrite");
    expect(readFileSync(join(work, "prog.dot"), "utf8")).toBe("a = 2\nb = a ** 3\n");
  });

  it("shows a parse error in one line, with the position and the place marked", () => {
    const r = run("graph", "L = (a*b");
    expectBadInput(r);
    expect(r.stderr).toBe("micrograd: program 1:9: expected ')' at: L = (a*b\u25b8\n");
  });

  it("lists the allowed functions for an unknown one", () => {
    const r = run("graph", "a = 1; b = sinh(a)");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown function 'sinh'; allowed: .*\btanh\b.*\bsin, cos\b.*\bmax\b/);
  });

  it("draws micrograd's README program as written there (+=, .relu()): dg/da = 138.8338, dg/db = 645.5773", () => {
    const readme = [
      "a = -4.0; b = 2.0; c = a + b; d = a * b + b**3",
      "c += c + 1; c += 1 + c + (-a)",
      "d += d * 2 + (b + a).relu(); d += 3 * d + (b - a).relu()",
      "e = c - d; f = e**2; g = f / 2.0; g += 10.0 / f",
    ].join("\n");
    const r = run("graph", readme, "--out", "g/readme.svg");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^a\s+data\s+-4\.0000\s+grad\s+138\.8338$/m);
    expect(r.stdout).toMatch(/^b\s+data\s+2\.0000\s+grad\s+645\.5773$/m);
    expect(r.stdout).toMatch(/^g\s+data\s+24\.7041\s+grad\s+1\.0000$/m);
  });

  it("draws the lecture's neuron cell pasted as it is, with its labels and grads (backward runs once)", () => {
    writeFileSync(join(work, "neuron.py"), `${CELL_NEURON_BACKWARD}\n${DRAW_O}\n`);
    const r = run("graph", "-f", "neuron.py", "--out", "-");
    expect(r.code, r.stderr).toBe(0);
    for (const [label, [data, grad]] of Object.entries(NEURON_DRAWN)) {
      expect(r.stdout).toContain(`{ ${label} | data ${data} | grad ${grad} }`);
    }
    const gc = run("gradcheck", "-f", "neuron.py");
    expect(gc.code, gc.stderr).toBe(0);
    expect(gc.stdout).toMatch(/^x1\s+2\.000000000\s+-1\.50000000/m);
  });

  it("--help names the functions, methods and compound assignment", () => {
    const r = run("graph", "--help");
    const text = r.stdout.replace(/\s+/g, " ");
    expect(text).toContain("exp log tanh relu sigmoid abs sqrt sin cos detach");
    expect(text).toContain("x.relu()");
    expect(text).toContain("c += x");
  });

  it("rejects an unknown picture format", () => {
    expectBadInput(run("graph", program, "--out", "x.gif"), "--out x.gif", ".svg, .png or .dot");
  });

  it("--dot draws a DOT file a library user wrote with toDot, as SVG and PNG", () => {
    // the lecture's a*b + c after backward: dL/da = b = -3, dL/db = a = 2, dL/dc = 1
    const a = new Value(2, "a");
    const b = new Value(-3, "b");
    const L = a.mul(b).add(new Value(10, "c"));
    L.label = "L";
    L.backward();
    writeFileSync(join(work, "mine.dot"), toDot(L));
    const r = run("graph", "--dot", "mine.dot", "--out", "g/mine.svg");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("wrote g/mine.svg\n");
    const svg = readFileSync(join(work, "g", "mine.svg"), "utf8");
    for (const text of ["a", "L", "grad &#45;3.0000", "grad 2.0000", "data 4.0000"]) {
      expect(svg).toContain(`>${text}</text>`);
    }
    expect(run("graph", "--dot", "mine.dot", "--out", "g/mine.png").code).toBe(0);
    expect(pngSize(join(work, "g", "mine.png")).width).toBeGreaterThan(300);
    const stdin = runCli(main, work, ["graph", "--dot", "-", "--out", "g/stdin.svg"], { input: toDot(L) });
    expect(stdin.code, stdin.stderr).toBe(0);
  });

  it("--dot: bad input gets one line saying what is wrong", () => {
    writeFileSync(join(work, "prose.dot"), "this is not a graph\n");
    writeFileSync(join(work, "broken.dot"), "digraph G { a -> ; }\n");
    writeFileSync(join(work, "ok.dot"), "digraph G { a -> b; }\n");
    expectBadInput(
      run("graph", "--dot", "missing.dot", "--out", "g/x.svg"),
      "--dot missing.dot",
      "no such file",
    );
    expectBadInput(
      run("graph", "--dot", "prose.dot", "--out", "g/x.svg"),
      "--dot prose.dot",
      "not a Graphviz DOT graph",
    );
    expectBadInput(run("graph", "--dot", "broken.dot", "--out", "g/x.svg"), "--dot broken.dot", "Graphviz");
    expectBadInput(run("graph", "--dot", "ok.dot", "--out", "g/x.dot"), "--out g/x.dot", ".svg or .png");
    expectBadInput(run("graph", "a = 1", "--dot", "ok.dot"), "either a program or --dot");
    expectBadInput(run("graph", "--dot", "ok.dot", "--rankdir", "TB"), "--rankdir", "drawn as it is written");
    expectBadInput(run("graph", "--dot", "ok.dot", "--out", "ok.dot.svg", "--no-backward"), "--no-backward");
    expectBadInput(run("graph", "--dot", "ok.dot", "--out", "ok.dot"), "--out ok.dot");
    expect(readFileSync(join(work, "ok.dot"), "utf8")).toBe("digraph G { a -> b; }\n");
  });
});

describe("micrograd gradcheck", () => {
  it("exits 0 when every input passes, printing one row per input", () => {
    const r = run("gradcheck", "x = 0.5; y = 2; z = tanh(x) * exp(y) ** 2 / x");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^x\s+0\.5000000000\s+-15\.0457\d+\s+-15\.0457\d+\s+\S+\s+ok$/m);
    expect(r.stdout).toMatch(/^y\s.*ok$/m);
    expect(r.stdout).toContain("all 2 inputs ok");
  });

  it("exits 1 when an input fails (relu at its kink: analytic 0, numeric 0.5)", () => {
    const r = run("gradcheck", "a = 0; relu(a)");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^a\s.*FAIL$/m);
    expect(r.stderr).toMatch(/^micrograd: gradcheck failed for 1 of 1 inputs \(a\)/);
  });

  it("exits 2 for a program without inputs or with a syntax error, and for a bad tolerance", () => {
    expectBadInput(run("gradcheck", "3 * 4"), "no inputs");
    expect(run("gradcheck", "a = ").code).toBe(2);
    expectBadInput(run("gradcheck", "a = 1; a", "--eps", "0"), "--eps", "'0'", "number > 0");
  });
});

describe("micrograd train and predict", () => {
  const out = join(work, "train-out");
  let r: Run;
  beforeAll(() => {
    r = run("train", "--dataset", "moons", "--steps", "40", "--out", out, "--seed", "3");
  }, 120_000);

  it("prints the steps and writes the model and the pictures", () => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n").filter((l) => STEP.test(l))).toHaveLength(40);
    for (const f of [
      "train-moons-model.json",
      "train-moons-boundary.svg",
      "train-moons-boundary.png",
      "train-moons-training.svg",
      "train-moons-training.png",
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
  });

  it("round-trips: predict prints the saved model's outputs", () => {
    const file = join(out, "train-moons-model.json");
    const model = MLP.fromJSON(readFileSync(file, "utf8"));
    const expected = model.forward([-0.5, 0.25]).map((v) => v.data);
    const p = run("predict", "--model", file, "-0.5", "0.25");
    expect(p.code, p.stderr).toBe(0);
    const outputs = /^outputs: (.*)$/m.exec(p.stdout)?.[1]?.split(" ").map(Number);
    expect(outputs).toEqual(expected);
    expect(p.stdout).toContain(`class: ${(expected[0]) > 0 ? 1 : 0}`);
  });

  it("trains yin-yang (3 classes) with cross-entropy and predicts class probabilities", () => {
    const t = run(
      "train",
      "--dataset",
      "yinyang",
      "--optimizer",
      "adamw",
      "--activation",
      "tanh",
      "--steps",
      "30",
      "--out",
      out,
    );
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain("loss ce");
    const p = run("predict", "--model", join(out, "train-yinyang-model.json"), "0.3", "0.4");
    expect(p.stdout).toMatch(/^outputs: \S+ \S+ \S+$/m);
    const probs = /probabilities (\S+) (\S+) ([^\s)]+)\)/.exec(p.stdout)?.slice(1).map(Number) ?? [];
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  });

  it("trains yin-yang (3 classes) with the multi-class svm loss: one output per class", () => {
    const dir = join(work, "tr-svm3");
    const t = run(
      "train",
      "--dataset",
      "yinyang",
      "--loss",
      "svm",
      "--n",
      "40",
      "--steps",
      "5",
      "--out",
      dir,
    );
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain("MLP(2, [16, 16, 3])");
    expect(t.stdout).toContain("loss svm");
    const p = run("predict", "--model", join(dir, "train-yinyang-model.json"), "0.3", "0.4");
    expect(p.stdout).toMatch(/^outputs: \S+ \S+ \S+$/m);
    expect(p.stdout).toMatch(/^class: [012]$/m);
  });

  it("object and compiled engines train the same model with mini-batches", () => {
    const args = ["train", "--steps", "12", "--batch-size", "30", "--optimizer", "adam", "--no-progress"];
    const a = run(...args, "--engine", "object", "--out", join(work, "tr-a"));
    const b = run(...args, "--engine", "compiled", "--out", join(work, "tr-b"));
    const steps = (s: string) => s.split("\n").filter((l) => l.startsWith("step "));
    expect(steps(a.stdout)).toHaveLength(12);
    expect(steps(a.stdout)).toEqual(steps(b.stdout));
  });

  it("trains the lecture data (3 inputs) without a boundary picture", () => {
    const t = run("train", "--dataset", "lecture", "--steps", "5", "--out", join(work, "lec"));
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain("no decision boundary picture");
  });
});

describe("micrograd yinyang (the LLM101n run)", () => {
  it("prints LLM101n's first losses and writes the three-class picture", () => {
    const out = join(work, "yy");
    const r = run("yinyang", "--steps", "20", "--out", out);
    expect(r.code, r.stderr).toBe(0);
    // LLM101n's first training loss (issue 2 / the LLM101n reference)
    expect(r.stdout).toContain("step 0, train loss 1.0122152826497");
    expect(r.stdout).toMatch(/^step 10, val loss \d\.\d{6}$/m);
    const svg = readFileSync(join(out, "yinyang-boundary.svg"), "utf8");
    expect(/<g class="points"[^>]*>([\s\S]*?)<\/g>/.exec(svg)?.[1]?.match(/<circle /g)?.length).toBe(100);
    pngSize(join(out, "yinyang-boundary.png"));
    for (const f of ["yinyang-model.json", "yinyang-training.svg", "yinyang-training.png"]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
  });
});

describe("micrograd export (ONNX), scored with ONNX Runtime", () => {
  const out = join(work, "export-out");
  const models: Record<string, string> = {
    moons: join(out, "train-moons-model.json"),
    yinyang: join(out, "train-yinyang-model.json"),
    "yinyang command": join(out, "yy", "yinyang-model.json"),
  };
  beforeAll(() => {
    for (const args of [
      ["train", "--dataset", "moons", "--steps", "10", "--out", out],
      [
        "train",
        "--dataset",
        "yinyang",
        "--activation",
        "sigmoid",
        "--layers",
        "8",
        "--steps",
        "5",
        "--out",
        out,
      ],
      ["yinyang", "--steps", "5", "--out", join(out, "yy")],
      ["gpt", "train", "--steps", "20", "--count", "0", "--out", join(out, "gpt")],
    ]) {
      const r = run(...args);
      expect(r.code, r.stderr).toBe(0);
    }
  }, 120_000);

  for (const [name, file] of Object.entries(models)) {
    for (const dtype of ["float64", "float32"] as const) {
      it(`${name} model, ${dtype}: ONNX Runtime's outputs equal model.forward on 200 points`, async () => {
        const onnx = join(out, `${name.replace(" ", "-")}-${dtype}.onnx`);
        const r = run(
          "export",
          "--model",
          file,
          "--out",
          onnx,
          ...(dtype === "float32" ? ["--dtype", dtype] : []),
        );
        expect(r.code, r.stderr).toBe(0);
        const model = MLP.fromJSON(readFileSync(file, "utf8"));
        const nout = model.nouts[model.nouts.length - 1];
        const line = r.stdout.trim();
        expect(line).toContain(
          `wrote ${onnx}: ${model.signature()} as ${dtype}, ONNX opset 17 (IR version 8), input "x" [batch, 2] -> output "y" [batch, ${nout}], `,
        );
        expect(line).toMatch(/, [\d,]+ bytes$/);
        const xs = randomPoints(200, 2, 4, 2);
        const got = await runOnnx(onnx, xs, dtype);
        expect(maxRelError(got, forwardRows(model, xs, dtype))).toBeLessThanOrEqual(TOLERANCE[dtype]);
      });
    }
  }

  for (const dtype of ["float64", "float32"] as const) {
    it(`microgpt model (gpt train), ${dtype}: ONNX Runtime's logits equal MicroGpt.forward's on names`, async () => {
      const file = join(out, "gpt", "microgpt-model.json");
      const onnx = join(out, "gpt", `microgpt-${dtype}.onnx`);
      const r = run("export", "-m", file, "-o", onnx, "--dtype", dtype);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toContain(
        `wrote ${onnx}: MicroGpt(nLayer 1, nEmbd 16, nHead 4, blockSize 16) as ${dtype}, ONNX opset 17 (IR version 8), input "tokens" [batch, seq <= 16] -> output "logits" [batch, seq, 27], `,
      );
      const model = MicroGpt.fromJSON(readFileSync(file, "utf8"));
      for (const name of ["emma", "noah", "alexandria"]) {
        const tokens = gptInput(model, name);
        const [got] = await ortLogits(onnx, [tokens], dtype);
        expect(maxRelError(got as number[][], tsLogits(model, tokens)), name).toBeLessThanOrEqual(
          TOLERANCE[dtype],
        );
      }
    });
  }

  it("stores what the model was trained for in the file's metadata", () => {
    const onnx = join(out, "meta.onnx");
    expect(run("export", "-m", models.yinyang as string, "-o", onnx).code).toBe(0);
    const m = decodeOnnx(readFileSync(onnx)) as { metadata_props: { key: string; value: string }[] };
    expect(m.metadata_props).toEqual([
      { key: "micrograd.dataset", value: "yinyang" },
      { key: "micrograd.loss", value: "ce" },
      { key: "micrograd.classes", value: "3" },
      { key: "micrograd.prediction", value: "class = argmax(y); probabilities = softmax(y)" },
    ]);
  });

  it("bad input: one line on stderr, exit code 2", () => {
    const gelu = join(work, "gelu-model.json");
    writeFileSync(gelu, JSON.stringify({ ...new MLP(2, [3, 1], { seed: 1 }).toJSON(), activation: "gelu" }));
    expectBadInput(
      run("export", "-m", gelu, "-o", "g.onnx"),
      `--model ${gelu}`,
      '"gelu"',
      ACTIVATIONS.join(", "),
    );
    writeFileSync(join(work, "picture.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expectBadInput(
      run("export", "-m", "picture.png", "-o", "p.onnx"),
      "--model picture.png",
      "not valid JSON",
    );
    writeFileSync(join(work, "gpt-broken.json"), '{"type": "MicroGpt", "config": {"nLayer": 1}}');
    expectBadInput(
      run("export", "-m", "gpt-broken.json", "-o", "g.onnx"),
      "--model gpt-broken.json",
      "not a microgpt model",
    );
    writeFileSync(join(work, "other.json"), '{"type": "GPT", "layers": 2}');
    expectBadInput(
      run("export", "-m", "other.json", "-o", "o.onnx"),
      "--model other.json",
      "not a micrograd model",
    );
    expectBadInput(
      run("export", "-m", "missing.json", "-o", "m.onnx"),
      "--model missing.json",
      "cannot read",
    );
    const file = models.moons as string;
    writeFileSync(join(work, "in-the-way"), "x");
    expectBadInput(
      run("export", "-m", file, "-o", "in-the-way/m.onnx"),
      "--out in-the-way/m.onnx",
      "cannot write",
    );
    expectBadInput(
      run("export", "-m", file, "-o", file),
      `--out ${file}`,
      "refusing to overwrite an input file",
    );
    expectBadInput(
      run("export", "-m", file, "-o", "m.onnx", "--dtype", "float16"),
      "--dtype",
      "'float16'",
      "float64, float32",
    );
    expectBadInput(run("export", "-m", file), "--out");
    expectBadInput(run("export", "-o", "m.onnx"), "--model");
  });
});

describe("--help", () => {
  it("lists every command", () => {
    const r = run("--help");
    expect(r.code).toBe(0);
    for (const c of ["demo", "graph", "gradcheck", "train", "predict", "export", "yinyang"])
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, "m"));
  });

  const noDefault = new Set([
    "-f, --file <path>",
    "--dot <file>",
    "-m, --model <file>",
    "-o, --out <file>",
    "-h, --help",
    "--no-progress",
    "--no-backward",
    "--summary [values]",
    "--csv <file>",
    "--target <column>",
    "--input <pairs>",
  ]);
  for (const command of ["demo", "graph", "gradcheck", "train", "predict", "export", "yinyang"]) {
    it(`${command} --help shows every option's default`, () => {
      const r = run(command, "--help");
      expect(r.code).toBe(0);
      // option entries start with two spaces and a dash; their text runs until the next entry
      const entries = r.stdout
        .split("\n")
        .join("\n")
        .split(/\n(?= {2}-)/)
        .filter((e) => e.startsWith("  -"));
      expect(entries.length).toBeGreaterThan(1);
      for (const e of entries) {
        const flag = e.trim().split(/ {2,}/)[0].trim();
        if (noDefault.has(flag)) continue;
        expect(e.replace(/\s+/g, " "), flag).toMatch(/default: /);
      }
    });
  }
});

describe("bad input: one line on stderr naming the flag or file, exit code 2", () => {
  it("unknown command", () => expectBadInput(run("frobnicate"), "'frobnicate'", "demo, graph"));
  it("unknown flag", () => expectBadInput(run("demo", "--bogus"), "--bogus"));
  it("--lr abc", () => expectBadInput(run("train", "--lr", "abc"), "--lr", "'abc'", "number > 0"));
  it("--steps -1", () => expectBadInput(run("train", "--steps", "-1"), "--steps", "'-1'", "integer"));
  it("--steps 2.5", () => expectBadInput(run("demo", "--steps", "2.5"), "--steps", "'2.5'", "integer"));
  it("--layers 16,x", () =>
    expectBadInput(run("train", "--layers", "16,x"), "--layers", "'16,x'", "e.g. 16,16"));
  it("--batch-size x", () => expectBadInput(run("train", "--batch-size", "x"), "--batch-size", "'x'"));
  it("unknown dataset", () =>
    expectBadInput(
      run("train", "--dataset", "mnist"),
      "--dataset",
      "'mnist'",
      "moons, circles, blobs, yinyang, spiral, xor, lecture",
    ));
  it("unknown loss", () =>
    expectBadInput(run("train", "--loss", "hinge"), "--loss", "'hinge'", "svm, ce, mse"));
  it("unknown optimizer", () =>
    expectBadInput(run("train", "--optimizer", "rmsprop"), "--optimizer", "'rmsprop'", "sgd, adam, adamw"));
  it("unknown engine", () =>
    expectBadInput(run("demo", "--engine", "gpu"), "--engine", "'gpu'", "object, compiled"));
  it("unreadable model file", () =>
    expectBadInput(
      run("predict", "--model", "missing.json", "1", "2"),
      "--model missing.json",
      "cannot read",
    ));
  it("malformed model file (not JSON)", () => {
    writeFileSync(join(work, "broken.json"), '{"type": "MLP", ');
    expectBadInput(
      run("predict", "--model", "broken.json", "1", "2"),
      "--model broken.json",
      "not valid JSON",
    );
  });
  it("malformed model file (not a model)", () => {
    writeFileSync(join(work, "notmodel.json"), '{"hello": 1}');
    expectBadInput(
      run("predict", "--model", "notmodel.json", "1", "2"),
      "--model notmodel.json",
      "not a micrograd model",
    );
  });
  it("model whose input size does not match", () => {
    writeFileSync(join(work, "small.json"), JSON.stringify(new MLP(2, [1], { seed: 1 }).toJSON()));
    expectBadInput(
      run("predict", "--model", "small.json", "1", "2", "3"),
      "--model small.json",
      "takes 2 inputs, got 3",
    );
  });
  it("a predict input that is not a number", () => {
    writeFileSync(join(work, "small2.json"), JSON.stringify(new MLP(2, [1], { seed: 1 }).toJSON()));
    expectBadInput(
      run("predict", "--model", "small2.json", "1", "abc"),
      "'abc'",
      "is not a number (finite decimals only",
    );
  });
  it("predict without --model", () => expectBadInput(run("predict", "1", "2"), "--model"));
  it("unwritable output folder", () => {
    writeFileSync(join(work, "a-file"), "x");
    expectBadInput(
      run("demo", "--steps", "1", "--out", "a-file/sub"),
      "--out a-file/sub",
      "cannot create the output folder",
    );
    expectBadInput(
      run("train", "--steps", "1", "--out", "a-file"),
      "--out a-file",
      "a part of the path is a file, not a folder",
    );
    expectBadInput(run("graph", "a = 1; a", "--out", "a-file/g.svg"), "--out a-file/g.svg", "cannot write");
  });
  it("graph with no program", () => expectBadInput(run("graph"), "missing program"));
});

describe("packaging", () => {
  it("micrograd-cli exposes the command; the root package.json has the scripts of the quick start", () => {
    const cli = JSON.parse(readFileSync(join(root, "packages", "micrograd-cli", "package.json"), "utf8"));
    // a shim present before the build, so npm links `npx micrograd` in the repository (it links bins first)
    expect(cli.bin).toEqual({ micrograd: "./bin/micrograd.js" });
    const shim = join(root, "packages", "micrograd-cli", "bin", "micrograd.js");
    expect(readFileSync(shim, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    const version = spawnSync(process.execPath, [shim, "--version"], { encoding: "utf8" });
    expect(version.stdout.trim()).toBe(cli.version);
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(pkg.devDependencies["micrograd-cli"]).toBe(cli.version); // the workspace, so its bin is linked
    expect(pkg.scripts.demo).toBe("npm run build && node packages/micrograd-cli/dist/cli/main.js demo");
    expect(pkg.scripts.prepare).toBe("npm run build");
  });

  it("the built entry point starts with a shebang and prints the version", () => {
    expect(readFileSync(main, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(run("--version").stdout.trim()).toBe(pkg.version);
  });

  it("micrograd-cli/onnx resolves to the built module through package.json's exports", () => {
    const build = join(root, "test-results", "cli-build"); // buildCli("cli-build") put the packages in node_modules
    const script = join(build, "exports-check.mjs");
    writeFileSync(
      script,
      'import { MLP } from "micrograd-ts";\nimport { ONNX_OPSET, toOnnx } from "micrograd-cli/onnx";\n' +
        "const bytes = toOnnx(new MLP(2, [1], { seed: 1 }));\nconsole.log(ONNX_OPSET, bytes[0], bytes[1]);\n",
    );
    const r = spawnSync(process.execPath, [script], { cwd: build, encoding: "utf8" });
    // an ONNX file starts with field 1, ir_version (tag 0x08), here 8
    expect(r.stdout.trim(), r.stderr).toBe("17 8 8");
  });
});

describe("README", () => {
  it("every command in the CLI section runs and exits 0", () => {
    const block = /```sh\n([\s\S]*?)```/.exec(readmeSection("cli"))?.[1] ?? "";
    const lines = block.split("\n").filter((l) => l.startsWith("micrograd "));
    expect(lines.length).toBeGreaterThanOrEqual(8);
    // the lines that train on the repository's example tables name them relative to its root
    cpSync(join(root, "examples"), join(work, "examples"), { recursive: true });
    for (const line of lines) {
      const r = run(...shellWords(line).slice(1));
      expect(r.code, `${line}\n${r.stderr}`).toBe(0);
      // the export line's output is quoted in the section, word for word
      if (line.startsWith("micrograd export "))
        expect(readmeSection("cli")).toContain(`\`${r.stdout.trim()}\``);
    }
  }, 300_000);

  it("every error quoted in the CLI section is exactly what the CLI prints", () => {
    const block = /```console\n([\s\S]*?)```/.exec(readmeSection("cli"))?.[1] ?? "";
    const cases = block.split(/^\$ /m).filter((c) => c.trim() !== "");
    expect(cases.length).toBeGreaterThanOrEqual(8);
    // the files the block describes
    const dir = join(work, "readme-errors");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "m.json"), JSON.stringify(new MLP(2, [16, 16, 1], { seed: 1 }).toJSON()));
    writeFileSync(join(dir, "a-file"), "x");
    writeFileSync(join(dir, "sum.txt"), `a = 2; s = ${Array(3000).fill("a").join(" + ")}\n`);
    writeFileSync(join(dir, "prog.txt"), "x = 3; y = x * x\n");
    symlinkSync("prog.txt", join(dir, "link.svg"));
    for (const c of cases) {
      const [command, ...expected] = c.trimEnd().split("\n");
      const words = shellWords(command as string);
      const env: Record<string, string> = {};
      while (/^[A-Z_]+=/.test(words[0])) {
        const [k, v] = (words.shift() as string).split("=");
        env[k as string] = v as string;
      }
      expect(words[0]).toBe("micrograd");
      const r = runCli(main, dir, words.slice(1), { env });
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toBe(`${expected.join("\n")}\n`);
    }
  }, 120_000);

  it("the quick start shows the demo's real output", () => {
    const section = readmeSection("quickstart");
    expect(section).toContain("\n    npm install && npm run demo\n    npm test\n");
    const shown = section.split("\n").filter((l) => /^ {4}step \d+ /.test(l));
    expect(shown.length).toBeGreaterThanOrEqual(3);
    const r = run("demo", "--out", join(work, "readme-demo"));
    for (const l of shown) expect(r.stdout).toContain(`${l.trim()}\n`);
    for (const img of section.matchAll(/\]\((docs\/[^)]+\.png)\)/g)) {
      pngSize(join(root, img[1]));
    }
  }, 120_000);
});
