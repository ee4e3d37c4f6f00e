import { afterEach, describe, expect, it, vi } from "vitest";
import { Progress } from "../../packages/micrograd-cli/src/cli/progress.js";

afterEach(() => {
  vi.restoreAllMocks();
});

function capture(fn: () => void): string {
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    return true;
  });
  fn();
  vi.restoreAllMocks();
  return out;
}

describe("Progress", () => {
  it("without a terminal: the plain lines, nothing else", () => {
    const out = capture(() => {
      const p = new Progress(3, "training", false);
      for (let k = 0; k < 3; k++) {
        p.log(`step ${k}`);
        p.tick();
      }
      p.stop();
    });
    expect(out).toBe("step 0\nstep 1\nstep 2\n");
  });

  it("on a terminal: every line plus a bar, without save/restore-cursor codes", () => {
    const out = capture(() => {
      const p = new Progress(3, "training", true);
      for (let k = 0; k < 3; k++) {
        p.log(`step ${k}`);
        p.tick(`loss ${k}`);
      }
      p.stop();
    });
    for (let k = 0; k < 3; k++) expect(out).toContain(`\r\u001b[2Kstep ${k}\n`);
    expect(out).toMatch(/training \[.*\] 3\/3 \| loss 2/);
    expect(out).not.toContain("\u001b7");
    expect(out).not.toContain("\u001b8");
  });
});
