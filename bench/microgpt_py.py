"""Times the first K training steps of Karpathy's microgpt.py (python3, unchanged except for three textual
edits: the loop stops after K of its 1000 steps, each step prints its wall and CPU time and its loss, and
no names are sampled).

    python3 bench/microgpt_py.py K [path/to/microgpt-dir]

Prints one JSON line {"ms": [wall time of each step], "cpuMs": [its CPU time], "losses": [...]}. The directory (default
../shared/microgpt next to the repository, or $MICROGPT_DIR) must hold microgpt.py and names.txt.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

k = int(sys.argv[1]) if len(sys.argv) > 1 else 30
here = os.path.dirname(os.path.abspath(__file__))
ref = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("MICROGPT_DIR", os.path.join(here, "..", "..", "shared", "microgpt"))
src = open(os.path.join(ref, "microgpt.py")).read()


def edit(text, old, new):
    if text.count(old) != 1:
        sys.exit(f"microgpt.py changed: expected exactly one {old!r}")
    return text.replace(old, new)


src = edit(src, "import os ", "import time; import os ")
src = edit(src, "for step in range(num_steps):", f"for step in range({k}):")
src = edit(src, "# Take single document", "t0, c0 = time.perf_counter(), time.process_time()\n    # Take single document")
src = edit(
    src,
    """print(f"step {step+1:4d} / {num_steps:4d} | loss {loss.data:.4f}", end='\\r')""",
    "print('STEP', repr((time.perf_counter() - t0) * 1000), repr((time.process_time() - c0) * 1000), repr(loss.data))",
)
src = edit(src, "for sample_idx in range(20):", "for sample_idx in range(0):")
with tempfile.TemporaryDirectory() as d:
    open(os.path.join(d, "microgpt.py"), "w").write(src)
    shutil.copy(os.path.join(ref, "names.txt"), os.path.join(d, "input.txt"))
    out = subprocess.run([sys.executable, "microgpt.py"], cwd=d, capture_output=True, text=True, check=True).stdout
steps = [line.split() for line in out.splitlines() if line.startswith("STEP ")]
print(json.dumps({"ms": [float(s[1]) for s in steps], "cpuMs": [float(s[2]) for s in steps], "losses": [float(s[3]) for s in steps]}))
