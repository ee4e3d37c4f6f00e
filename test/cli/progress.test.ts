import { afterEach, describe, expect, it, vi } from "vitest";
import { MIN_BAR_COLUMNS, Progress } from "../../packages/micrograd-cli/src/cli/progress.js";

const columns = Object.getOwnPropertyDescriptor(process.stdout, "columns");

afterEach(() => {
  vi.restoreAllMocks();
  if (columns) Object.defineProperty(process.stdout, "columns", columns);
  else delete (process.stdout as { columns?: number }).columns;
});

function setColumns(n: number): void {
  Object.defineProperty(process.stdout, "columns", { value: n, configurable: true, writable: true });
}

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
    setColumns(100);
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

  it("in a terminal narrower than MIN_BAR_COLUMNS: plain lines only", () => {
    setColumns(MIN_BAR_COLUMNS - 1);
    const out = capture(() => {
      const p = new Progress(2, "training", true);
      p.log("step 0");
      p.tick("loss 1");
      p.stop();
    });
    expect(out).toBe("step 0\n");
  });

  it("drops the bar for good when a line is wider than the terminal", () => {
    setColumns(MIN_BAR_COLUMNS);
    const long = `step 0 ${"x".repeat(MIN_BAR_COLUMNS)}`;
    const out = capture(() => {
      const p = new Progress(3, "training", true);
      p.log("step 0");
      p.log(long);
      p.tick();
      p.log("step 2");
      p.stop();
    });
    expect(out.endsWith(`${long}\nstep 2\n`)).toBe(true);
  });
});
