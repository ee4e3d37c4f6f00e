/**
 * Access in Chromium: the focus ring is visible on any background (a dark inner ring and an orange outer
 * one), the phone layout (the step table stacks each row, a short header, the run panel never covers the
 * layer buttons), and the network's weights and the curves' last values for screen readers.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { VIEWS } from "../../web/src/share.js";
import { clean, e2eAvailable, graphReady, useSite, waitForText } from "./harness.js";

const available = e2eAvailable();

/** WCAG relative luminance of "rgb(r, g, b)". */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** WCAG contrast ratio of two CSS colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi as number) + 0.05) / ((lo as number) + 0.05);
}

/** The focus indicator of the element that has the focus: its outline and box-shadow rings. */
async function focusRing(page: Page) {
  return (await page.evaluate(`(() => {
    const e = document.activeElement;
    const s = getComputedStyle(e);
    return {
      what: e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.split(" ")[0] : ""),
      outlineStyle: s.outlineStyle,
      outlineWidth: parseFloat(s.outlineWidth),
      outlineColor: s.outlineColor,
      shadow: s.boxShadow,
    };
  })()`)) as {
    what: string;
    outlineStyle: string;
    outlineWidth: number;
    outlineColor: string;
    shadow: string;
  };
}

describe.skipIf(!available)("access in Chromium (e2e)", () => {
  const e2e = useSite();

  it("every focusable control shows two focus rings that differ at least 9:1, so one has 3:1 on any background", async () => {
    const { page, errors, external } = await e2e.open({ width: 1400, height: 900 });
    const seen = new Set<string>();
    for (const view of VIEWS) {
      await page.goto(view === "expression" ? e2e.url : `${e2e.url}#view=${view}`);
      await page.waitForSelector(`#view-${view}:not([hidden])`);
      if (view === "expression") await graphReady(page);
      if (view === "train") await waitForText(page, "#train-status", "training points");
      await page.click("h1");
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press("Tab");
        const ring = await focusRing(page);
        if (ring.what === "body") break;
        seen.add(ring.what);
        expect(ring.outlineStyle, ring.what).toBe("solid");
        expect(ring.outlineWidth, ring.what).toBeGreaterThanOrEqual(2);
        // the inner ring: a box-shadow with a spread of at least 2 px
        const inner = ring.shadow.match(/(rgba?\([^)]*\)) 0px 0px 0px (\d+(\.\d+)?)px/);
        expect(inner, `${ring.what}: ${ring.shadow}`).not.toBeNull();
        expect(Number(inner?.[2])).toBeGreaterThanOrEqual(2);
        // for any background B, contrast(B, outer) * contrast(B, inner) >= contrast(outer, inner) when B
        // lies between them, so 9:1 between the rings leaves one with at least 3:1 (the square root of 9)
        expect(contrast(ring.outlineColor, inner?.[1] ?? ""), ring.what).toBeGreaterThanOrEqual(9);
      }
    }
    expect(seen.size).toBeGreaterThan(20);
    clean(errors, external);
  });

  it("on a phone: a short header, the step table's rows stacked on screen, the layer buttons never under the run panel", async () => {
    const { page, errors, external } = await e2e.open({ width: 375, height: 667 });
    await page.goto(e2e.url);
    await graphReady(page);
    const header = (await page.evaluate(
      `document.querySelector("header.top").getBoundingClientRect().height`,
    )) as number;
    expect(header).toBeLessThanOrEqual(100); // of 667
    // micrograd's README example: the first steps have two parents each
    await page.selectOption("#preset", "readme");
    await graphReady(page);
    for (let i = 0; i < 3; i++) await page.click("#btn-step");
    const cells =
      (await page.evaluate(`[...document.querySelectorAll("#step-table tbody td, #step-table tbody th")].map((c) => {
      const r = c.getBoundingClientRect();
      return [c.dataset.label, r.left, r.right, getComputedStyle(c, "::before").content];
    })`)) as [string, number, number, string][];
    expect(cells.length).toBeGreaterThanOrEqual(5);
    for (const [label, left, right, before] of cells) {
      expect(left, label).toBeGreaterThanOrEqual(0);
      expect(right, label).toBeLessThanOrEqual(375);
      if (label !== "parent") expect(before).toBe(`"${label}: "`);
    }
    expect(cells.map((c) => c[0])).toContain("= contribution");
    expect(
      await page.evaluate("document.documentElement.scrollWidth - window.innerWidth"),
    ).toBeLessThanOrEqual(0);

    // training: scroll the network diagram's middle to the middle of the screen; its + and − stay usable
    await page.goto(`${e2e.url}#view=train`);
    await waitForText(page, "#train-status", "training points");
    await page.evaluate(
      `document.querySelector("#network .network-stage").scrollIntoView({ block: "center" })`,
    );
    const hits =
      (await page.evaluate(`[...document.querySelectorAll("#network .network-bar button")].map((b) => {
      const r = b.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return [b.getAttribute("aria-label"), r.top >= 0 && r.bottom <= innerHeight, hit === b || b.contains(hit)];
    })`)) as [string, boolean, boolean][];
    expect(hits.length).toBeGreaterThanOrEqual(6);
    for (const [label, inView, reachable] of hits)
      expect([label, inView, reachable]).toEqual([label, true, true]);
    clean(errors, external);
  });
});
