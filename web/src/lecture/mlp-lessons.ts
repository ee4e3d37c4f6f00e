/**
 * The MLP lessons (chapters 13–16): the lecture's MLP(3, [4, 4, 1]) on one example, the four examples and
 * the loss, the 41 parameters with their grads, and the notebook's training loop with its step size,
 * number of steps, seed and the "forget zero_grad" switch: the loss per step printed and plotted, the
 * predictions beside the targets. Runs on the page (41 parameters: a step takes well under a millisecond):
 * "Run" at a chosen speed (the shared speed stops from 1 to 20 steps a second, starting at 5, or as fast
 * as it goes), or one step at a time.
 */
import { lectureData } from "micrograd-ts";
import { h } from "../shared/dom.js";
import { pythonRepr as full } from "../shared/format.js";
import { FULL_SPEED, parseSpeed, SPEEDS, speedLabel, speedText } from "../shared/speed.js";
import { button, checkbox, compareTable, field, liveText } from "./compare.js";
import {
  LECTURE_RUN,
  LectureRun,
  lectureLoss,
  lectureMlp,
  MAX_RATE,
  MAX_STEPS,
  predict,
  type RunSettings,
} from "./mlp-lesson.js";
import { drawLosses } from "./plots.js";

/** The training loop starts slow enough to follow one step at a time (steps per second). */
export const START_SPEED = 5;

/** The seed field shared by the MLP lessons; reads a whole number or says what is wrong. */
function seedField(onChange: () => void): { wrap: HTMLElement; read(): number | string } {
  const f = field("mlp-seed", "seed", String(LECTURE_RUN.seed), 6);
  f.input.addEventListener("change", onChange);
  return {
    wrap: f.wrap,
    read() {
      const t = f.input.value.trim();
      return /^\d{1,15}$/.test(t) ? Number(t) : `seed must be a whole number >= 0 (got "${t.slice(0, 20)}")`;
    },
  };
}

/** Lesson 13: the network's output on x = [2.0, 3.0, -1.0]. */
export function mlpForwardWidget(): HTMLElement {
  const out = liveText("mlp-forward-out");
  const error = liveText("mlp-error", "error-text");
  const seed = seedField(() => update());
  const compare = h("div");
  const update = () => {
    const s = seed.read();
    error.textContent = typeof s === "string" ? s : "";
    if (typeof s === "string") return;
    const y = predict(lectureMlp(s), [2, 3, -1]).data;
    out.textContent = `n(x) = Value(data=${full(y)})`;
    compare.replaceChildren(
      compareTable([
        {
          key: "forward",
          what: "n([2.0, 3.0, -1.0])",
          lecture: "Value(data=0.16578526021381612)",
          ours: `Value(data=${full(y)})`,
          note: "random weights: a different network, a different number",
        },
      ]),
    );
  };
  queueMicrotask(update);
  return h(
    "div",
    { class: "widget" },
    h("pre", { class: "code" }, "x = [2.0, 3.0, -1.0]\nn = MLP(3, [4, 4, 1])\nn(x)"),
    h("form", { class: "controls" }, seed.wrap),
    error,
    out,
    compare,
  );
}

/** The predictions beside the targets, as a table. */
function predictionTable(id: string, ypred: readonly number[]): HTMLElement {
  const { x, y } = lectureData();
  const body = h("tbody");
  x.forEach((xi, i) => {
    body.append(
      h(
        "tr",
        {},
        h("th", { scope: "row" }, `[${xi.map(full).join(", ")}]`),
        h("td", {}, full(y[i] as number)),
        h("td", { class: "ypred" }, ypred[i] === undefined ? "–" : full(ypred[i] as number)),
      ),
    );
  });
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { id, class: "predictions" },
      h("caption", {}, "Each example's target (ys) and the network's prediction (ypred)"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "xs"),
          h("th", { scope: "col" }, "ys"),
          h("th", { scope: "col" }, "ypred"),
        ),
      ),
      body,
    ),
  );
}

/** Lesson 14: the dataset, the predictions and the loss. */
export function mlpLossWidget(): HTMLElement {
  const error = liveText("mlp-error", "error-text");
  const out = liveText("mlp-loss-out");
  const table = h("div");
  const seed = seedField(() => update());
  const update = () => {
    const s = seed.read();
    error.textContent = typeof s === "string" ? s : "";
    if (typeof s === "string") return;
    const { ypred, loss } = lectureLoss(lectureMlp(s));
    table.replaceChildren(
      predictionTable(
        "mlp-predictions",
        ypred.map((v) => v.data),
      ),
    );
    out.textContent = `loss = Σ (yout − ygt)² = ${full(loss.data)}`;
  };
  queueMicrotask(update);
  return h(
    "div",
    { class: "widget" },
    h(
      "pre",
      { class: "code" },
      "xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]\nys = [1.0, -1.0, -1.0, 1.0]\nypred = [n(x) for x in xs]\nloss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))",
    ),
    h("form", { class: "controls" }, seed.wrap),
    error,
    table,
    out,
  );
}

/** Lesson 15: the 41 parameters, after one backward of the loss. */
export function mlpParametersWidget(): HTMLElement {
  const error = liveText("mlp-error", "error-text");
  const count = h("p", { id: "mlp-count", class: "note" });
  const list = h("tbody");
  const seed = seedField(() => update());
  const update = () => {
    const s = seed.read();
    error.textContent = typeof s === "string" ? s : "";
    if (typeof s === "string") return;
    const net = lectureMlp(s);
    lectureLoss(net).loss.backward();
    const params = net.parameters();
    count.textContent = `len(n.parameters()) = ${params.length}`;
    const rows: HTMLElement[] = [];
    net.layers.forEach((layer, li) => {
      layer.neurons.forEach((neuron, ni) => {
        for (const p of [...neuron.w, neuron.b]) {
          const name = `layer ${li + 1}, neuron ${ni + 1}, ${p === neuron.b ? "b" : `w${neuron.w.indexOf(p) + 1}`}`;
          rows.push(
            h(
              "tr",
              {},
              h("th", { scope: "row" }, name),
              h("td", {}, full(p.data)),
              h("td", {}, full(p.grad)),
            ),
          );
        }
      });
    });
    list.replaceChildren(...rows);
  };
  queueMicrotask(update);
  return h(
    "div",
    { class: "widget" },
    h("form", { class: "controls" }, seed.wrap),
    error,
    count,
    compareTable([{ key: "count", what: "parameters", lecture: "41", ours: "41 (the count above)" }]),
    h(
      "div",
      { class: "table-wrap params-wrap" },
      h(
        "table",
        { id: "mlp-parameters" },
        h("caption", {}, "Every parameter with its data and its grad after loss.backward()"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "parameter"),
            h("th", { scope: "col" }, "data"),
            h("th", { scope: "col" }, "grad"),
          ),
        ),
        list,
      ),
    ),
  );
}

/** Lesson 16: the training loop. */
export function mlpTrainWidget(): HTMLElement {
  const seed = seedField(() => reset());
  const rate = field("mlp-rate", "step size", String(LECTURE_RUN.rate), 5);
  const steps = field("mlp-steps", "steps", String(LECTURE_RUN.steps), 5);
  const forget = checkbox("mlp-forget", "forget zero_grad (the lecture's first loop)");
  const error = liveText("mlp-error", "error-text");
  const status = h("p", { id: "mlp-status", class: "note", role: "status" });
  const log = h("ol", { id: "mlp-log", class: "loss-log", start: 0 });
  const canvas = h("canvas", {
    id: "mlp-plot",
    width: 480,
    height: 200,
    role: "img",
    "aria-label": "The loss at each step",
  });
  const predictions = h("div");
  let run: LectureRun | null = null;
  let frame = 0;
  let timer = 0;

  const settings = (): RunSettings | string => {
    const s = seed.read();
    if (typeof s === "string") return s;
    const number = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
    const rateText = rate.input.value.trim();
    const stepsText = steps.input.value.trim();
    if (!number.test(rateText))
      return `step size must be a number above 0 and at most ${MAX_RATE} (got "${rateText.slice(0, 20)}")`;
    if (!/^\d{1,6}$/.test(stepsText))
      return `steps must be a whole number from 1 to ${MAX_STEPS} (got "${stepsText.slice(0, 20)}")`;
    const r = Number(rateText);
    const n = Number(stepsText);
    const out: RunSettings = { seed: s, rate: r, steps: n, forgetZeroGrad: forget.input.checked };
    try {
      new LectureRun(out);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    return out;
  };
  /** The same run with the zero_grad switch the other way, drawn dashed for comparison when forgetting. */
  let reference: number[] = [];
  const referenceOf = (s: RunSettings): number[] => {
    if (!s.forgetZeroGrad) return [];
    const other = new LectureRun({ ...s, forgetZeroGrad: false });
    while (!other.done) other.step();
    return other.losses;
  };
  const draw = () => {
    if (!run) return;
    const n = run.losses.length;
    canvas.setAttribute(
      "aria-label",
      n === 0
        ? "The loss at each step: no step yet"
        : `The loss at each step: ${n} of ${run.settings.steps} steps, from ${full(run.losses[0] as number)} to ${full(run.losses[n - 1] as number)}${reference.length > 0 ? ", with the zero_grad run dashed" : ""}`,
    );
    drawLosses(
      canvas,
      run.losses,
      run.settings.steps,
      reference.length > 0
        ? { losses: reference, label: "with zero_grad", mainLabel: "zero_grad forgotten" }
        : undefined,
    );
  };
  const show = () => {
    if (!run) return;
    draw();
    predictions.replaceChildren(predictionTable("mlp-predictions", run.ypred));
    const last = run.losses[run.losses.length - 1] as number;
    const compared =
      reference.length > 0 && run.done
        ? ` With zero_grad the same run ends at ${full(reference[reference.length - 1] as number)} (dashed).`
        : "";
    status.textContent = run.done
      ? `Done: ${run.losses.length} steps, last loss ${full(last)}.${compared}`
      : `${run.losses.length} of ${run.settings.steps} steps.`;
  };
  const reset = () => {
    stop();
    const s = settings();
    error.textContent = typeof s === "string" ? s : "";
    run = typeof s === "string" ? null : new LectureRun(s);
    log.replaceChildren();
    predictions.replaceChildren(predictionTable("mlp-predictions", []));
    reference = run ? referenceOf(run.settings) : [];
    if (run) {
      draw();
      status.textContent = `0 of ${run.settings.steps} steps.`;
    }
  };
  const once = () => {
    if (!run || run.done) return;
    const k = run.losses.length;
    const loss = run.step();
    log.append(h("li", {}, `${k} ${full(loss)}`));
    show();
  };
  const stop = () => {
    window.clearTimeout(timer);
    cancelAnimationFrame(frame);
    timer = 0;
    frame = 0;
    playButton.textContent = "Run";
    playButton.setAttribute("aria-pressed", "false");
  };
  const play = () => {
    if (timer || frame) {
      stop();
      return;
    }
    if (!run || run.done) reset();
    if (!run) return;
    playButton.textContent = "Pause";
    playButton.setAttribute("aria-pressed", "true");
    const perSecond = parseSpeed(speed.value) ?? START_SPEED;
    const tick = () => {
      once();
      if (!run || run.done) stop();
      else if (perSecond !== FULL_SPEED) timer = window.setTimeout(tick, 1000 / perSecond);
      else frame = requestAnimationFrame(tick);
    };
    tick();
  };
  const speed = h(
    "select",
    { id: "mlp-speed" },
    ...SPEEDS.filter((v) => v <= 20 || v === FULL_SPEED).map((v) =>
      h("option", { value: speedText(v), selected: v === START_SPEED }, speedLabel(v)),
    ),
  );
  const playButton = button("mlp-run", "Run", play, { "aria-pressed": "false" });
  for (const f of [rate.input, steps.input, forget.input]) f.addEventListener("change", reset);
  const form = h("form", { class: "controls", novalidate: true }, seed.wrap, rate.wrap, steps.wrap);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    reset();
  });
  queueMicrotask(reset);
  return h(
    "div",
    { class: "widget" },
    h(
      "pre",
      { class: "code" },
      "for k in range(20):\n  ypred = [n(x) for x in xs]\n  loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))\n  for p in n.parameters():\n    p.grad = 0.0\n  loss.backward()\n  for p in n.parameters():\n    p.data += -0.1 * p.grad\n  print(k, loss.data)",
    ),
    form,
    h("div", { class: "switch" }, forget.wrap),
    h("span", { class: "field-inline" }, h("label", { for: "mlp-speed" }, "speed"), speed),
    h(
      "div",
      { class: "buttons" },
      playButton,
      button("mlp-step", "One step", once),
      button("mlp-reset", "Reset", reset),
    ),
    error,
    status,
    canvas,
    h(
      "div",
      { class: "side-by-side" },
      h("section", {}, h("h3", {}, "print(k, loss.data)"), log),
      h("section", {}, predictions),
    ),
  );
}
