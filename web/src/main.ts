/**
 * The playground's entry: the five views (expression, training, GPT, real data, lecture) behind accessible
 * tabs, and the state kept in the URL hash so any view can be shared as a link (the GPT view as
 * `#view=gpt`, the lecture view as `#view=lecture&lesson=N`, the real-data view as `#view=data`).
 */
import "./style.css";
import { RealDataView } from "./data/data-view.js";
import { ExpressionView } from "./expression/expression-view.js";
import { PRESETS } from "./expression/presets.js";
import { GptView } from "./gpt/gpt-view.js";
import { LectureView } from "./lecture/lecture-view.js";
import { decodeState, encodeState, type ShareState, VIEWS, type ViewName } from "./share.js";
import { GraphvizClient } from "./shared/graphviz-client.js";
import { TrainingView } from "./train/training-view.js";

const VIEW_ORDER: readonly ViewName[] = VIEWS;

const graphviz = new GraphvizClient();
let current: ViewName = "expression";
let writtenHash = "";
let hashTimer = 0;

const notice = document.getElementById("notice") as HTMLElement;
function say(text: string): void {
  notice.textContent = text;
  notice.hidden = text === "";
}

/** The last "too long to share" message on the notice line (cleared when the state fits again). */
let tooLongSaid = "";

/** Writes the current view's state into the URL hash, within what the link reader accepts. */
function writeHash(): void {
  const state: ShareState =
    current === "expression"
      ? expression.state()
      : current === "train"
        ? training.state()
        : current === "lecture"
          ? { view: "lecture", lesson: lecture.lesson }
          : { view: current };
  const { hash, tooLong } = encodeState(state);
  writtenHash = hash;
  if (location.hash !== writtenHash) history.replaceState(null, "", writtenHash);
  if (tooLong) {
    const text = `${tooLong} The address keeps only the view.`;
    if (notice.textContent !== text) say(text);
    tooLongSaid = text;
  } else if (tooLongSaid) {
    if (notice.textContent === tooLongSaid) say("");
    tooLongSaid = "";
  }
}

function syncHash(): void {
  window.clearTimeout(hashTimer);
  hashTimer = window.setTimeout(writeHash, 250);
}

const expression = new ExpressionView(graphviz, syncHash);
const training = new TrainingView(graphviz, syncHash);
const gpt = new GptView(document.getElementById("view-gpt") as HTMLElement);
const data = new RealDataView(document.getElementById("view-data") as HTMLElement);
const lecture = new LectureView(document.getElementById("view-lecture") as HTMLElement, graphviz, syncHash);

const tabs: Record<ViewName, HTMLButtonElement> = {
  expression: document.getElementById("tab-expression") as HTMLButtonElement,
  train: document.getElementById("tab-train") as HTMLButtonElement,
  gpt: document.getElementById("tab-gpt") as HTMLButtonElement,
  lecture: document.getElementById("tab-lecture") as HTMLButtonElement,
  data: document.getElementById("tab-data") as HTMLButtonElement,
};

function show(view: ViewName, focus = false): void {
  current = view;
  for (const [name, tab] of Object.entries(tabs) as [ViewName, HTMLButtonElement][]) {
    const selected = name === view;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    (document.getElementById(tab.getAttribute("aria-controls") as string) as HTMLElement).hidden = !selected;
  }
  if (focus) tabs[view].focus();
  if (view === "train") training.activate();
  else training.pause();
  if (view === "gpt") gpt.activate(); // the GPT run goes on in its worker while another view is shown
  if (view === "lecture") lecture.open(lecture.lesson); // built on first use
  if (view === "data") data.activate(); // built on first use
  syncHash();
}

tabs.expression.addEventListener("click", () => show("expression"));
tabs.train.addEventListener("click", () => show("train"));
tabs.gpt.addEventListener("click", () => show("gpt"));
tabs.lecture.addEventListener("click", () => show("lecture"));
tabs.data.addEventListener("click", () => show("data"));
for (const tab of Object.values(tabs)) {
  tab.addEventListener("keydown", (e) => {
    const i = VIEW_ORDER.indexOf(current);
    const n = VIEW_ORDER.length;
    const next: Record<string, number> = {
      ArrowLeft: (i + n - 1) % n,
      ArrowRight: (i + 1) % n,
      Home: 0,
      End: n - 1,
    };
    if (Object.hasOwn(next, e.key)) {
      e.preventDefault();
      show(VIEW_ORDER[next[e.key]], true);
    }
  });
}

function applyHash(hash: string): void {
  const { state, errors } = decodeState(hash);
  say(errors.length ? `Parts of this link were ignored: ${errors.join("; ")}` : "");
  if (state?.view === "gpt" || state?.view === "data") {
    if (expression.state().source === "") expression.load((PRESETS[0] as (typeof PRESETS)[number]).source);
    show(state.view);
  } else if (state?.view === "lecture") {
    if (expression.state().source === "") expression.load((PRESETS[0] as (typeof PRESETS)[number]).source);
    lecture.open(state.lesson);
    show("lecture");
  } else if (state?.view === "train") {
    if (expression.state().source === "") expression.load((PRESETS[0] as (typeof PRESETS)[number]).source);
    training.restore(state);
    show("train");
  } else if (state?.view === "expression") {
    expression.restore(state);
    show("expression");
  } else {
    expression.load((PRESETS[0] as (typeof PRESETS)[number]).source);
    show("expression");
  }
}

window.addEventListener("hashchange", () => {
  if (location.hash !== writtenHash) applyHash(location.hash);
});

document.getElementById("btn-share")?.addEventListener("click", async () => {
  window.clearTimeout(hashTimer);
  writeHash();
  if (tooLongSaid) return; // the notice says why there is no link to copy
  try {
    await navigator.clipboard.writeText(location.href);
    say("Link copied: it opens this view with the same program or settings.");
  } catch {
    say(`Copy this link: ${location.href}`);
  }
});

applyHash(location.hash);
