/**
 * "The lecture's numbers beside ours": a table with one row per number (what, the lecture's printed
 * value, ours computed live, and whether they agree), plus the small form controls the lessons share.
 */
import { h } from "../shared/dom.js";

/** One row: `key` names it for tests and styling (`tr[data-key]`). */
export interface CompareRow {
  key: string;
  what: string;
  lecture: string;
  ours: string;
  /** How they agree: e.g. "same digits", "float rounding (1e-16)"; empty: left blank. */
  note?: string;
}

/** The table of the lecture's numbers beside ours. */
export function compareTable(
  rows: readonly CompareRow[],
  caption = "The lecture's numbers beside ours",
): HTMLElement {
  const body = h("tbody");
  for (const r of rows) {
    body.append(
      h(
        "tr",
        { "data-key": r.key },
        h("th", { scope: "row" }, r.what),
        h("td", { class: "lecture" }, r.lecture),
        h("td", { class: "ours" }, r.ours),
        h("td", { class: "agree" }, r.note ?? (r.lecture === r.ours ? "same digits" : "")),
      ),
    );
  }
  const table = h(
    "table",
    { class: "compare" },
    h("caption", {}, caption),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, ""),
        h("th", { scope: "col" }, "lecture"),
        h("th", { scope: "col" }, "here"),
        h("th", { scope: "col" }, ""),
      ),
    ),
    body,
  );
  const wrap = h("div", { class: "table-wrap" }, table);
  wrap.hidden = rows.length === 0;
  return wrap;
}

/** Replaces a compare table's rows in place (keeps focus and the surrounding layout). */
export function updateCompare(wrap: HTMLElement, rows: readonly CompareRow[]): void {
  const fresh = compareTable(rows, wrap.querySelector("caption")?.textContent ?? undefined);
  wrap.replaceChildren(...fresh.childNodes);
  wrap.hidden = rows.length === 0;
}

/** A button. */
export function button(
  id: string,
  text: string,
  action: () => void,
  attrs: Record<string, string> = {},
): HTMLButtonElement {
  const b = h("button", { type: "button", id, ...attrs }, text);
  b.addEventListener("click", action);
  return b;
}

/** A labelled text field. */
export function field(
  id: string,
  label: string,
  value: string,
  size = 8,
): { wrap: HTMLElement; input: HTMLInputElement } {
  const input = h("input", { id, type: "text", value, size, spellcheck: "false", autocomplete: "off" });
  const wrap = h("span", { class: "field-inline" }, h("label", { for: id }, label), input);
  return { wrap, input };
}

/** A labelled checkbox (a switch). */
export function checkbox(
  id: string,
  label: string,
  checked = false,
): { wrap: HTMLElement; input: HTMLInputElement } {
  const input = h("input", { id, type: "checkbox" });
  input.checked = checked;
  const wrap = h("label", { class: "check", for: id }, input, ` ${label}`);
  return { wrap, input };
}

/** A paragraph that screen readers announce when it changes. */
export function liveText(id: string, className = "note"): HTMLElement {
  return h("p", { id, class: className, "aria-live": "polite" });
}
