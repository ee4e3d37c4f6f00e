/**
 * The playground's entry: the two views (expression, training) behind accessible tabs, and the state
 * kept in the URL hash so any view can be shared as a link.
 */
import "./style.css";
import { ExpressionView } from "./expression-view.js";
import { GraphvizClient } from "./graphviz-client.js";
import { PRESETS } from "./presets.js";
import { decodeState, encodeState, type ShareState } from "./share.js";
import { TrainingView } from "./training-view.js";

type ViewName = "expression" | "train";

const graphviz = new GraphvizClient();
let current: ViewName = "expression";
let writtenHash = "";
let hashTimer = 0;

const notice = document.getElementById("notice") as HTMLElement;
function say(text: string): void {
  notice.textContent = text;
  notice.hidden = text === "";
}

function syncHash(): void {
  window.clearTimeout(hashTimer);
  hashTimer = window.setTimeout(() => {
    const state: ShareState = current === "expression" ? expression.state() : training.state();
    writtenHash = encodeState(state);
    if (location.hash !== writtenHash) history.replaceState(null, "", writtenHash);
  }, 250);
}

const expression = new ExpressionView(graphviz, syncHash);
const training = new TrainingView(graphviz, syncHash);

const tabs: Record<ViewName, HTMLButtonElement> = {
  expression: document.getElementById("tab-expression") as HTMLButtonElement,
  train: document.getElementById("tab-train") as HTMLButtonElement,
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
  syncHash();
}

tabs.expression.addEventListener("click", () => show("expression"));
tabs.train.addEventListener("click", () => show("train"));
for (const tab of Object.values(tabs)) {
  tab.addEventListener("keydown", (e) => {
    if (["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) {
      e.preventDefault();
      show(current === "expression" ? "train" : "expression", true);
    }
  });
}

function applyHash(hash: string): void {
  const { state, errors } = decodeState(hash);
  say(errors.length ? `Parts of this link were ignored: ${errors.join("; ")}` : "");
  if (state?.view === "train") {
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
  const state: ShareState = current === "expression" ? expression.state() : training.state();
  writtenHash = encodeState(state);
  history.replaceState(null, "", writtenHash);
  try {
    await navigator.clipboard.writeText(location.href);
    say("Link copied: it opens this view with the same program or settings.");
  } catch {
    say(`Copy this link: ${location.href}`);
  }
});

applyHash(location.hash);
