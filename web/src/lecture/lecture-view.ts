/**
 * The lecture view (`#view=lecture&lesson=N`): one lesson at a time, picked from a list of the video's
 * chapters (or Previous / Next). A lesson shows its chapter title, a plain link to the video at the
 * chapter's start, our text, its interactive part (built fresh each time the lesson opens) and what to
 * try. It builds its own DOM inside `#view-lecture`.
 */
import "./lecture.css";
import { h } from "../shared/dom.js";
import type { GraphvizClient } from "../shared/graphviz-client.js";
import { bumpsWidget, derivativeWidget } from "./derivatives.js";
import { exercisesWidget } from "./exercises.js";
import {
  expressionRows,
  handExpressionWidget,
  handNeuronWidget,
  opBackwardWidget,
  optimizationWidget,
  overviewRows,
  programWidget,
  pytorchWidget,
  tanhExpRows,
  topoWidget,
  usedTwiceWidget,
} from "./graph-lessons.js";
import { LESSON_COUNT } from "./lecture-link.js";
import { clock, LESSONS, type Lesson, TWICE_PROGRAM, TWICE_PROGRAM_2, videoLink } from "./lessons.js";
import { mlpForwardWidget, mlpLossWidget, mlpParametersWidget, mlpTrainWidget } from "./mlp-lessons.js";
import { summaryWidget } from "./summary.js";

/** The lecture view's controller. */
export class LectureView {
  private readonly picker: HTMLSelectElement;
  private readonly article: HTMLElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private current = 0;
  private built = -1;

  /**
   * @param root the view's panel (`#view-lecture`)
   * @param graphviz lays out the lessons' graphs
   * @param onChange called when the lesson changes (the link follows it)
   */
  constructor(
    root: HTMLElement,
    private readonly graphviz: GraphvizClient,
    private readonly onChange: () => void,
  ) {
    this.picker = h("select", { id: "lesson-picker" });
    LESSONS.forEach((l, i) => {
      this.picker.append(h("option", { value: String(i + 1) }, `${i + 1}. ${l.title}`));
    });
    this.picker.addEventListener("change", () => this.open(Number(this.picker.value), false));
    this.prev = h("button", { type: "button", id: "lesson-prev" }, "← Previous");
    this.next = h("button", { type: "button", id: "lesson-next" }, "Next →");
    this.prev.addEventListener("click", () => this.open(this.current, true));
    this.next.addEventListener("click", () => this.open(this.current + 2, true));
    this.article = h("article", { id: "lesson", class: "lesson", "aria-labelledby": "lesson-title" });
    const nav = h(
      "nav",
      { class: "lesson-nav", "aria-label": "Lessons" },
      h("label", { for: "lesson-picker" }, "Lesson"),
      this.picker,
      this.prev,
      this.next,
    );
    root.append(nav, this.article);
  }

  /** The open lesson, 1-based. */
  get lesson(): number {
    return this.current + 1;
  }

  /** Opens lesson `n` (1-based; clamped), building it unless it is already shown. */
  open(n: number, focusTitle = false): void {
    const i = Math.min(LESSON_COUNT - 1, Math.max(0, Math.trunc(n) - 1));
    this.current = i;
    this.picker.value = String(i + 1);
    this.prev.disabled = i === 0;
    this.next.disabled = i === LESSON_COUNT - 1;
    if (this.built !== i) {
      this.built = i;
      this.article.replaceChildren(...this.render(LESSONS[i] as Lesson, i + 1));
      this.article.scrollIntoView?.({ block: "start" });
    }
    if (focusTitle) (document.getElementById("lesson-title") as HTMLElement | null)?.focus();
    this.onChange();
  }

  private render(lesson: Lesson, n: number): HTMLElement[] {
    const head = h(
      "header",
      { class: "lesson-head" },
      h("p", { class: "lesson-number" }, n <= 17 ? `Chapter ${n} of 17` : "After the video"),
      h("h2", { id: "lesson-title", tabindex: "-1" }, lesson.title),
    );
    if (lesson.start !== null) {
      head.append(
        h(
          "p",
          {},
          h(
            "a",
            { id: "lesson-video", href: videoLink(lesson.start), rel: "noopener", target: "_blank" },
            `Watch this chapter in the video (from ${clock(lesson.start)})`,
          ),
        ),
      );
    } else {
      head.append(
        h(
          "p",
          {},
          h(
            "a",
            { id: "lesson-video", href: videoLink(0), rel: "noopener", target: "_blank" },
            "The video (its description links the exercises)",
          ),
        ),
      );
    }
    const text = h("div", { class: "lesson-text" }, ...lesson.text.map((t) => h("p", {}, t)));
    const tryThis = h(
      "section",
      { class: "try", "aria-labelledby": "try-title" },
      h("h3", { id: "try-title" }, "Try this"),
      h("ul", {}, ...lesson.tryThis.map((t) => h("li", {}, t))),
    );
    return [head, text, this.widget(lesson), tryThis];
  }

  private widget(lesson: Lesson): HTMLElement {
    const g = this.graphviz;
    const src = lesson.program ?? "";
    switch (lesson.widget) {
      case "overview":
        return programWidget("cell", src, g, overviewRows);
      case "value-graph":
        return programWidget("cell", src, g, expressionRows);
      case "derivative":
        return derivativeWidget(src);
      case "bumps":
        return bumpsWidget(src);
      case "hand-expression":
        return handExpressionWidget(src, g);
      case "optimization-step":
        return optimizationWidget(src, g);
      case "hand-neuron":
        return handNeuronWidget(src, g);
      case "op-backward":
        return opBackwardWidget(src, g);
      case "topo":
        return topoWidget(src, g);
      case "used-twice":
        return usedTwiceWidget(TWICE_PROGRAM, TWICE_PROGRAM_2, g);
      case "tanh-exp":
        return programWidget("cell", src, g, tanhExpRows);
      case "pytorch":
        return pytorchWidget();
      case "mlp-forward":
        return mlpForwardWidget();
      case "mlp-loss":
        return mlpLossWidget();
      case "mlp-parameters":
        return mlpParametersWidget();
      case "mlp-train":
        return mlpTrainWidget();
      case "summary":
        return summaryWidget();
      case "exercises":
        return exercisesWidget();
    }
  }
}
