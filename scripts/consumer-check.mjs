// The consumer check (run by .ci/run after the tests; needs `npm run build` first, which `npm ci` does):
// what a user of the published packages gets. `npm pack` each package, install the tarballs into a scratch
// project outside the repository (the library alone first: it must install nothing else), import them from
// ESM JavaScript, type-check a TypeScript consumer, run the installed `micrograd` bin, and bundle the
// library for the browser with Vite, asserting the bundle holds no Node import.
//   node scripts/consumer-check.mjs        prints one line per check, exits 1 on the first failure
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "micrograd-consumer-"));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: "pipe" });
const ok = (what) => console.log(`consumer check: ${what}`);
function fail(what) {
  throw new Error(what);
}

try {
  // 1. pack: a tarball per package, with its README, LICENSE and built files, and no install-time scripts
  const tarballs = {};
  const packed = {}; // package -> { version, files }
  for (const pkg of ["micrograd-ts", "micrograd-cli"]) {
    const dir = join(root, "packages", pkg);
    if (!existsSync(join(dir, "dist", "index.js")) && !existsSync(join(dir, "dist", "cli", "main.js"))) {
      fail(`${pkg} is not built: run npm run build first`);
    }
    const [info] = JSON.parse(run(npm, ["pack", "--json", "--pack-destination", scratch], dir));
    const files = info.files.map((f) => f.path);
    for (const need of ["README.md", "LICENSE", "package.json"]) {
      if (!files.includes(need)) fail(`${pkg}'s tarball has no ${need}`);
    }
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    for (const s of ["preinstall", "install", "postinstall", "prepare"]) {
      if (manifest.scripts?.[s]) fail(`${pkg} has a "${s}" script: consumers would run it (or be warned)`);
    }
    tarballs[pkg] = join(scratch, info.filename);
    // the README as packed (postpack puts the repository's README back in the folder)
    const readme = run("tar", ["-xzOf", tarballs[pkg], "package/README.md"], scratch);
    packed[pkg] = { version: info.version, files, readme };
    ok(`packed ${info.filename}: ${info.entryCount} files, ${(info.size / 1e3).toFixed(0)} kB`);
  }

  // the README on the npm page: no relative link, and every link into a package names a file of the
  // version packed (pictures ship with micrograd-cli, sources with micrograd-ts; scripts/copy-docs.mjs)
  for (const [pkg, { readme }] of Object.entries(packed)) {
    const relative = /\]\((?!https?:|#|mailto:)[^)]+\)/.exec(readme);
    if (relative) fail(`${pkg}'s packed README has a relative link npm cannot show: ${relative[0]}`);
    let links = 0;
    for (const [, name, version, path] of readme.matchAll(
      /cdn\.jsdelivr\.net\/npm\/([\w-]+)@([\w.-]+)\/([^)\s]+)/g,
    )) {
      const target = packed[name];
      if (!target || target.version !== version || !target.files.includes(path)) {
        fail(`${pkg}'s packed README links ${name}@${version}/${path}, which is not in that tarball`);
      }
      links++;
    }
    if (links === 0)
      fail(`${pkg}'s packed README links no picture or source: scripts/copy-docs.mjs did not run?`);
    ok(`${pkg}'s README: ${links} links, each to a file in the tarballs packed here`);
  }

  // 2. the library alone, offline: nothing but micrograd-ts gets installed
  const app = join(scratch, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  const quiet = ["--no-audit", "--no-fund", "--loglevel=error"];
  run(npm, ["install", "--offline", ...quiet, tarballs["micrograd-ts"]], app);
  const installed = readdirSync(join(app, "node_modules")).filter((d) => !d.startsWith("."));
  if (installed.join() !== "micrograd-ts") fail(`npm install micrograd-ts also installed: ${installed}`);
  ok("npm install micrograd-ts (offline) installs 1 package, no dependencies");

  // source maps (.js.map, .d.ts.map) point at sources that ship in the tarball
  const lib = join(app, "node_modules", "micrograd-ts");
  const maps = readdirSync(join(lib, "dist"), { recursive: true }).filter((f) => f.endsWith(".map"));
  for (const map of maps) {
    for (const source of JSON.parse(readFileSync(join(lib, "dist", map), "utf8")).sources) {
      if (!existsSync(join(lib, "dist", dirname(map), source)))
        fail(`${map} points at ${source}, not shipped`);
    }
  }
  if (maps.length < 50) fail(`only ${maps.length} source maps in dist/`);
  ok(`its ${maps.length} source maps point at the TypeScript sources it ships (src/)`);

  // 3. ESM JavaScript: the README's first lines, the examples subpath
  writeFileSync(
    join(app, "lib.mjs"),
    `import { MLP, Value } from "micrograd-ts";
import { buildMoonsDemoLoss } from "micrograd-ts/examples";
const a = new Value(2), b = new Value(-3);
const c = a.mul(b).add(a.tanh());
c.backward();
if (Math.abs(a.grad - (-3 + 1 - Math.tanh(2) ** 2)) > 1e-12) throw new Error("wrong gradient " + a.grad);
if (typeof buildMoonsDemoLoss !== "function" || new MLP(2, [4, 1]).parameters().length !== 17) throw new Error("bad API");
console.log(String(c));
`,
  );
  const printed = run(process.execPath, ["lib.mjs"], app).trim();
  if (!printed.startsWith("Value(data=")) fail(`import from ESM printed ${printed}`);
  ok(`import { Value } from "micrograd-ts" in ESM JavaScript: ${printed}`);

  // 4. the CLI package (its dependencies from npm's cache; npm ci filled it): the bin and the ONNX entry
  run(
    npm,
    ["install", "--prefer-offline", ...quiet, tarballs["micrograd-ts"], tarballs["micrograd-cli"]],
    app,
  );
  const version = run(
    process.execPath,
    [join(app, "node_modules", ".bin", "micrograd"), "--version"],
    app,
  ).trim();
  if (version !== JSON.parse(readFileSync(join(root, "packages", "micrograd-cli", "package.json"))).version) {
    fail(`micrograd --version printed ${version}`);
  }
  writeFileSync(
    join(app, "onnx.mjs"),
    `import { MLP } from "micrograd-ts";
import { toOnnx } from "micrograd-cli/onnx";
const bytes = toOnnx(new MLP(2, [3, 1], { seed: 1 }));
console.log(bytes[0], bytes.length > 100);
`,
  );
  const onnx = run(process.execPath, ["onnx.mjs"], app).trim();
  if (onnx !== "8 true") fail(`micrograd-cli/onnx gave ${onnx}`);
  ok(`npm install micrograd-cli: npx micrograd --version = ${version}; micrograd-cli/onnx exports a model`);

  // CommonJS: require() of every entry (Node >= 20.19 loads the ESM build; tslab notebooks compile import
  // to require), and the rendering entry drawing the lecture's b = a * a
  writeFileSync(
    join(app, "require.cjs"),
    `const { Value } = require("micrograd-ts");
const { runMoonsDemo } = require("micrograd-ts/examples");
const { snapshotGraph } = require("micrograd-ts/limits");
const { toOnnx } = require("micrograd-cli/onnx");
const { curvesSvg, drawDot, svgToPng } = require("micrograd-cli/render");
const a = new Value(2, "a");
const b = a.mul(a);
b.backward();
drawDot(b).then((svg) => {
  const png = svgToPng(curvesSvg([{ title: "t", series: [{ label: "s", x: [-1, 1], values: [1, 2] }] }]));
  console.log(a.grad, [runMoonsDemo, snapshotGraph, toOnnx].map((f) => typeof f).join(), svg.includes("grad 4.0000"), png[1] === 0x50);
});
`,
  );
  const required = run(process.execPath, ["require.cjs"], app).trim();
  if (required !== "4 function,function,function true true")
    fail(`require() from CommonJS printed ${required}`);
  ok(
    `require("micrograd-ts"), its subpaths, micrograd-cli/onnx and micrograd-cli/render from CommonJS: ${required}`,
  );

  // 5. a TypeScript consumer (strict, NodeNext, no Node types: the library's types need none)
  writeFileSync(
    join(app, "consumer.ts"),
    `import { type Activation, MLP, type MLPJSON, SGD, Value, mseLoss } from "micrograd-ts";
import { runMoonsDemo } from "micrograd-ts/examples";
import { toOnnx } from "micrograd-cli/onnx";
const act: Activation = "tanh";
const model = new MLP(2, [4, 1], { activation: act, seed: 3 });
const [out] = model.forward([new Value(1), 2]);
if (out === undefined) throw new Error("no output");
const loss: Value = mseLoss([out], [1]);
new SGD(model.parameters(), { lr: 0.1 }).zeroGrad();
loss.backward();
const json: MLPJSON = model.toJSON();
const bytes: Uint8Array = toOnnx(json);
const accuracy: number = runMoonsDemo({ steps: 1 }).finalAccuracy;
// @ts-expect-error: internals are not exported
import("micrograd-ts").then((m) => m.tokenize);
export { accuracy, bytes };
`,
  );
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2022",
        lib: ["ES2022"],
        types: [],
        noEmit: true,
      },
      files: ["consumer.ts"],
    }),
  );
  run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "."], app);
  ok("a strict TypeScript consumer (NodeNext, no Node or DOM types) type-checks against the tarballs");

  // the rendering entry's types (Node-only: with Node's types, from the repository's @types/node)
  writeFileSync(
    join(app, "render.ts"),
    `import { Value } from "micrograd-ts";
import { curvesSvg, type DisplayTarget, display, drawDot, type Panel, svgToPng } from "micrograd-cli/render";
const panel: Panel = { title: "tanh", series: [{ label: "tanh", x: [-1, 0, 1], values: [-0.76, 0, 0.76] }] };
const png: Uint8Array = svgToPng(curvesSvg([panel]));
const target: DisplayTarget = { svg: (s: string) => s.length, png: (b: Uint8Array) => b.length };
const svg: Promise<string> = drawDot(new Value(1));
svg.then((s) => display(s, target));
// @ts-expect-error: drawDot takes a Value
drawDot("a");
export { png };
`,
  );
  writeFileSync(
    join(app, "tsconfig.render.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2022",
        lib: ["ES2022"],
        types: ["node"],
        typeRoots: [join(root, "node_modules", "@types")],
        noEmit: true,
      },
      files: ["render.ts"],
    }),
  );
  run(
    process.execPath,
    [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.render.json"],
    app,
  );
  ok("a TypeScript consumer of micrograd-cli/render (drawDot, display, the plots) type-checks");

  // 6. a browser bundle of the library (Vite, platform browser): no node: or Node built-in imports in it
  const { build } = await import("vite");
  writeFileSync(
    join(app, "entry.js"),
    `import { MLP, Value, compile, makeMoons, parseProgram } from "micrograd-ts";
import { runYinYang } from "micrograd-ts/examples";
export { MLP, Value, compile, makeMoons, parseProgram, runYinYang };
`,
  );
  await build({
    root: app,
    logLevel: "error",
    configFile: false,
    build: {
      outDir: join(app, "bundle"),
      lib: { entry: join(app, "entry.js"), formats: ["es"], fileName: "bundle" },
      minify: false,
      // keep any Node built-in as an import in the output (Vite would otherwise swap in an empty stub)
      rollupOptions: { external: (id) => id.startsWith("node:") || builtinModules.includes(id) },
    },
  });
  const bundle = readdirSync(join(app, "bundle"))
    .filter((f) => f.endsWith(".js"))
    .map((f) => readFileSync(join(app, "bundle", f), "utf8"))
    .join("\n");
  const nodeImport =
    /from\s*["'](node:[^"']*|fs|path|os|url|child_process|module)["']|import\(\s*["']node:|require\(/.exec(
      bundle,
    );
  if (bundle.includes("__vite-browser-external")) fail("the browser bundle stubs out a Node module");
  if (nodeImport) fail(`the browser bundle imports ${nodeImport[0]}`);
  if (!bundle.includes("class Value")) fail("the browser bundle does not hold the Value class");
  ok(`a Vite browser bundle of micrograd-ts (${(bundle.length / 1e3).toFixed(0)} kB) has no Node import`);
  console.log("consumer check passed");
} catch (e) {
  console.error(`consumer check FAILED: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
