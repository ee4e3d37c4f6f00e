"""Regenerate test/fixtures/microgpt-*.json by running the reference microgpt.py with python3.

The reference file is read from ../shared/microgpt (or MICROGPT_DIR) and run unchanged except for three
textual edits, each checked to apply exactly once: the seed, num_steps, and the step print line, which
becomes print(repr(loss.data)) so every loss is recorded at full precision (the README's recipe).

    python3 scripts/microgpt-fixtures.py                 # seed 42, 1000 steps (~3-4 minutes)
    python3 scripts/microgpt-fixtures.py --seed 7 --steps 30
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
ref_dir = os.environ.get("MICROGPT_DIR", os.path.join(here, "..", "..", "shared", "microgpt"))
if not os.path.exists(os.path.join(ref_dir, "microgpt.py")):
    ref_dir = "/work/shared/microgpt"

parser = argparse.ArgumentParser()
parser.add_argument("--seed", type=int, default=42)
parser.add_argument("--steps", type=int, default=1000)
parser.add_argument("--out", default=None)
args = parser.parse_args()

src = open(os.path.join(ref_dir, "microgpt.py")).read()


def edit(text, old, new):
    if text.count(old) != 1:
        sys.exit(f"microgpt.py changed: expected exactly one {old!r}")
    return text.replace(old, new)


src = edit(src, "random.seed(42)", f"random.seed({args.seed})")
src = edit(src, "num_steps = 1000 ", f"num_steps = {args.steps} ")
src = edit(
    src,
    """print(f"step {step+1:4d} / {num_steps:4d} | loss {loss.data:.4f}", end='\\r')""",
    "print(repr(loss.data))",
)

with tempfile.TemporaryDirectory() as d:
    open(os.path.join(d, "microgpt.py"), "w").write(src)
    shutil.copy(os.path.join(ref_dir, "names.txt"), os.path.join(d, "input.txt"))
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "microgpt.py"], cwd=d, capture_output=True, text=True, check=True).stdout
    seconds = time.perf_counter() - t0

lines = out.splitlines()
losses = [float(line) for line in lines[3 : 3 + args.steps]]
samples = [line.split(": ", 1)[1] if ": " in line else "" for line in lines if line.startswith("sample ")]
assert len(losses) == args.steps and len(samples) == 20, out[-500:]
fixture = {
    "source": "microgpt.py run by scripts/microgpt-fixtures.py (" + sys.version.split()[0] + ")",
    "seed": args.seed,
    "steps": args.steps,
    "header": lines[:3],
    "seconds": round(seconds, 1),
    "losses": losses,
    "samples": samples,
}
out_path = args.out or os.path.join(here, "..", "test", "fixtures", f"microgpt-seed{args.seed}-steps{args.steps}.json")
with open(out_path, "w") as f:
    # repr-precision floats: json.dumps writes float.__repr__, which round-trips exactly
    json.dump(fixture, f, indent=1)
    f.write("\n")
print(f"wrote {out_path}: {args.steps} losses, {len(samples)} samples, {seconds:.1f} s")
