#!/usr/bin/env python3
"""Runs the notebooks in notebooks/ headless on the tslab kernel and checks what they print.

    python3 scripts/notebooks.py kernelspec DIR   write DIR/kernels/tslab/kernel.json (use DIR as JUPYTER_PATH)
    python3 scripts/notebooks.py run [--out DIR] [--update] [--timeout S] [--total S] [NOTEBOOK ...]
    python3 scripts/notebooks.py check [NOTEBOOK ...]   the same checks on executed notebooks, no kernel

`run` executes every notebook (or the NAMEs) in a fresh kernel with nbclient, with a time limit per cell
and for the whole run, and fails on: a cell whose execute reply is not "ok" (tslab reports an exception as
an "error" reply with the trace on stderr, not as an error output, and aborts the cells sent right after
it), any error output or stderr text, a `display(...)` cell that shows no picture, and a printed number
that differs from the lecture's. The expected numbers below come from the lecture's notebooks
(karpathy/nn-zero-to-hero, lectures/micrograd, commit 73c3fcc) and the exercises' answers, never from a
run of these notebooks. Numbers the same float64 operations produce are compared exactly; numbers from
sin, cos, exp, log or non-integer powers (where V8 and CPython's libm may differ in the last bit) to 1e-12
relative.

The executed notebooks go to --out (default test-results/notebooks); --update writes them back into
notebooks/ instead (their outputs are committed, so GitHub shows them). Needs Jupyter's nbclient
(Debian: python3-nbclient python3-jupyter-client; pip: nbclient) and the kernel (npm ci --prefix
notebooks). Exit status 0 when everything passed, 1 otherwise; one line per check.
"""

import argparse
import json
import os
import re
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TSLAB = NOTEBOOKS / "node_modules" / ".bin" / "tslab"

EXACT = 0.0
REL = 1e-12

# the lecture's first five cells, in both halves (cells 2, 4, 5, 6)
OPENING = [
    ("f(3.0) =", 20.0, EXACT),
    ("slope at 2/3:", 2.999378523327323e-06, EXACT),
    ("d", 4.0, EXACT),
    ("d1", 4.0, EXACT),
    ("d2", 4.0001, EXACT),
    ("slope", 0.9999999999976694, EXACT),
]

# (printed prefix, expected number, tolerance); each prefix is matched in order of appearance
EXPECTED = {
    "micrograd_lecture_first_half.ipynb": OPENING
    + [
        ("L", -8.0, EXACT),  # cell 7: Value(data=-8.0)
        # cell 9's picture: the gradients the lecture fills in by hand (dL/da = b*f = 6, ...)
        ("grad a", 6.0, EXACT),
        ("grad b", -4.0, EXACT),
        ("grad c", -2.0, EXACT),
        ("grad e", -2.0, EXACT),
        ("grad d", -2.0, EXACT),
        ("grad f", 4.0, EXACT),
        ("grad L", 1.0, EXACT),
        ("L after one step", -7.286496, EXACT),  # cell 10
        ("lol", -3.9999999999995595, EXACT),  # cell 11
        ("o", 0.7071067811865476, REL),  # cell 16's last value (tanh: Math.tanh vs the lecture's exp formula)
        ("1 - o.data**2 =", 0.4999999999999999, REL),  # cell 29, with Math.tanh's o
        ("with the lecture's tanh formula: t =", 0.7071067811865476, REL),  # libm's exp against V8's
        ("with the lecture's tanh formula: 1 - t**2 =", 0.4999999999999999, REL),
        ("a.grad", 2.0, EXACT),  # cell 31: b = a + a
        ("a.grad", -3.0, EXACT),  # cell 32: f = (a*b) * (a+b)
        ("b.grad", -8.0, EXACT),
    ],
    "micrograd_lecture_second_half.ipynb": OPENING
    + [
        ("o", 0.7071067811865476, REL),  # cell 9: the neuron (Math.tanh against the lecture's formula)
        ("o", 0.7071067811865476, REL),  # cell 11: tanh broken into exp and division
        # cell 13: PyTorch, inputs through float32
        ("o", 0.7071066904050358, EXACT),
        ("x2", 0.5000001283844369, EXACT),
        ("w2", 0.0, EXACT),
        ("x1", -1.5000003851533106, EXACT),
        ("w1", 1.0000002567688737, EXACT),
        ("parameters", 41.0, EXACT),  # MLP(3, [4, 4, 1])
    ],
    "micrograd_exercises.ipynb": [
        ("analytic a", -12.353553390593273, REL),
        ("analytic b", 10.25699027111255, REL),
        ("analytic c", 0.0625, EXACT),
        ("engine a", -12.353553390593273, REL),
        ("engine b", 10.25699027111255, REL),
        ("engine c", 0.0625, EXACT),
        ("loss", 2.1755153626167147, REL),
        ("logit 0 grad", 0.0417725705153504, REL),
        ("logit 1 grad", 0.839024507462532, REL),
        ("logit 2 grad", 0.00565330266221633, REL),
        ("logit 3 grad", -0.886450380640099, REL),
        ("number of parameters", 337.0, EXACT),  # micrograd's demo.ipynb
    ],
}

# cell 16's topological order of the neuron: the lecture's data values (any order with each value after
# the values it is made from is a topological order; the lecture's came from a Python set)
NEURON_DATA = [6.881373587019543, 2.0, -3.0, -6.0, 0.0, 1.0, 0.0, -6.0, 0.8813735870195432, 0.7071067811865476]
NEURON_EDGES = [
    ("x1", "x1*w1"),
    ("w1", "x1*w1"),
    ("x2", "x2*w2"),
    ("w2", "x2*w2"),
    ("x1*w1", "x1*w1 + x2*w2"),
    ("x2*w2", "x1*w1 + x2*w2"),
    ("x1*w1 + x2*w2", "n"),
    ("b", "n"),
    ("n", "o"),
]

NUMBER = r"(-?(?:\d+\.?\d*(?:e[-+]?\d+)?|Infinity|NaN))"


def log(msg):
    print(f"notebooks: {msg}", flush=True)


def write_kernelspec(folder):
    spec = Path(folder) / "kernels" / "tslab"
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [str(TSLAB), "kernel", "--config-path", "{connection_file}"],
                "display_name": "TypeScript",
                "language": "typescript",
            },
            indent=2,
        )
        + "\n"
    )
    return spec


def stream_text(cell, name):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == name)


def close(got, want, tol):
    if tol == EXACT:
        return got == want
    return abs(got - want) <= tol * abs(want)


def check_numbers(name, nb, problems):
    lines = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            lines += stream_text(cell, "stdout").splitlines()
    at = 0
    checked = 0
    for prefix, want, tol in EXPECTED.get(name, []):
        pattern = re.compile(("^" + re.escape(prefix) + r"\s+" if prefix else "^") + NUMBER + r"(\s|$)")
        while at < len(lines) and not pattern.match(lines[at]):
            at += 1
        if at == len(lines):
            problems.append(f"{name}: no line '{prefix} <number>' (expected {want!r}) printed after the ones before")
            return checked
        got = float(pattern.match(lines[at]).group(1))
        if not close(got, want, tol):
            how = "exactly" if tol == EXACT else f"to {tol:g} relative"
            problems.append(f"{name}: {prefix or 'the line'} printed {got!r}, the lecture's {want!r} ({how})")
        checked += 1
        at += 1
    return checked


def check_topo(nb, problems):
    rows = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            for line in stream_text(cell, "stdout").splitlines():
                m = re.match(r"^topo (.+?)\s+" + NUMBER + "$", line)
                if m:
                    rows.append((m.group(1), float(m.group(2))))
    got = sorted(v for _, v in rows)
    if len(got) != len(NEURON_DATA) or not all(close(g, w, REL) for g, w in zip(got, sorted(NEURON_DATA))):
        problems.append(f"first half: the topological order holds {[v for _, v in rows]}, the lecture's values are {NEURON_DATA}")
        return
    where = {label: i for i, (label, _) in enumerate(rows)}
    for parent, child in NEURON_EDGES:
        if parent not in where or child not in where or where[parent] > where[child]:
            problems.append(f"first half: the topological order puts {child} before {parent}, which it is made from")


def check_extra(name, nb, problems):
    """Checks with no single lecture number: the training runs."""
    text = "".join(stream_text(c, "stdout") for c in nb.cells if c.cell_type == "code")
    if name == "micrograd_lecture_second_half.ipynb":
        steps = [(int(k), float(v)) for k, v in re.findall(r"^(\d+) " + NUMBER + "$", text, re.M)]
        if [k for k, _ in steps] != list(range(20)):
            problems.append(f"{name}: the training loop printed steps {[k for k, _ in steps]}, not 0..19")
        elif not steps[-1][1] < steps[0][1]:
            problems.append(f"{name}: the loss did not fall in 20 steps ({steps[0][1]} -> {steps[-1][1]})")
    if name == "micrograd_exercises.ipynb":
        m = re.search(r"^final accuracy " + NUMBER + "$", text, re.M)
        # micrograd's demo reaches 100%; with other random points and weights, at least 95%
        if not m or float(m.group(1)) < 0.95:
            problems.append(f"{name}: the moons demo's final accuracy is {m.group(1) if m else 'not printed'}, below 0.95")
        for letter, want in zip("abc", [-12.353553390593273, 10.25699027111255, 0.0625]):
            m = re.search(rf"^numerical {letter} one-sided {NUMBER} symmetric {NUMBER}$", text, re.M)
            # error bounds of the differences at h = 1e-6: h*|f''|/2 one-sided, h^2*|f'''|/6 + eps*|f|/h symmetric
            if not m or abs(float(m.group(1)) - want) > 1e-4 or abs(float(m.group(2)) - want) > 1e-8:
                problems.append(f"{name}: the numerical gradient of {letter} is not near {want}: {m.group(0) if m else 'not printed'}")


def check_outputs(name, nb, replies, problems):
    """The cells' own verdicts: reply status (when run here), stderr text, error outputs, pictures."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        head = cell.source.strip().splitlines()[0][:60]
        status = replies.get(i) if replies is not None else "ok"
        if status != "ok":
            err = stream_text(cell, "stderr").strip().splitlines()
            # the message: tslab's type errors are one line; an exception's trace starts with its source line
            why = next((line for line in err if re.match(r"\s*\w*Error\b", line)), err[0] if err else "")
            problems.append(f"{name} cell {i} ({head}): reply {status or 'none'}{': ' + why.strip() if why else ''}")
            break  # tslab aborts the cells after an error: they say nothing more
        if stream_text(cell, "stderr").strip():
            problems.append(f"{name} cell {i} ({head}): wrote to stderr: {stream_text(cell, 'stderr').strip()[:300]}")
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            problems.append(f"{name} cell {i} ({head}): an error output")
        calls = cell.source.count("display(")
        shown = sum(
            1
            for o in cell.get("outputs", [])
            if o.get("output_type") == "display_data" and "image/svg+xml" in o.get("data", {})
        )
        if shown < calls:
            problems.append(f"{name} cell {i} ({head}): shows {shown} SVG pictures for {calls} display calls")


def check_notebook(name, nb, replies, problems):
    """Every check of one executed notebook; returns how many lecture numbers were compared."""
    check_outputs(name, nb, replies, problems)
    checked = check_numbers(name, nb, problems)
    if name == "micrograd_lecture_first_half.ipynb":
        check_topo(nb, problems)
    check_extra(name, nb, problems)
    return checked


def run_notebook(path, out_path, timeout, deadline, problems):
    """Executes one notebook in a fresh kernel; writes it to out_path; returns it and each cell's reply status."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(str(path), as_version=4)
    replies = {}

    def on_cell_executed(cell, cell_index, execute_reply, **_):
        replies[cell_index] = execute_reply["content"].get("status")

    client = NotebookClient(
        nb,
        timeout=timeout,
        startup_timeout=60,
        kernel_name="tslab",
        allow_errors=True,
        record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        on_cell_executed=on_cell_executed,
    )
    left = int(deadline - time.monotonic())
    if left <= 0:
        problems.append(f"{path.name}: not run, the time limit for all notebooks was used up")
        return nb, {}

    def alarm(*_):
        raise TimeoutError(f"{path.name}: still running when the time limit for all notebooks ran out")

    signal.signal(signal.SIGALRM, alarm)
    signal.alarm(left)
    try:
        client.execute()
    except Exception as e:  # a timeout, a dead kernel: say which
        problems.append(f"{path.name}: {type(e).__name__}: {str(e).strip().splitlines()[-1] if str(e).strip() else ''}")
    finally:
        signal.alarm(0)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(out_path))
    return nb, replies


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    ks = sub.add_parser("kernelspec", help="write kernels/tslab/kernel.json under a folder")
    ks.add_argument("folder")
    rn = sub.add_parser("run", help="execute and check the notebooks")
    rn.add_argument("notebooks", nargs="*", help="names in notebooks/ or paths (default: every notebook in notebooks/)")
    rn.add_argument("--out", default=str(ROOT / "test-results" / "notebooks"))
    rn.add_argument("--update", action="store_true", help="write the executed notebooks back where they were read")
    rn.add_argument("--timeout", type=int, default=120, help="seconds per cell (default 120)")
    rn.add_argument("--total", type=int, default=240, help="seconds for all notebooks (default 240)")
    ck = sub.add_parser("check", help="check executed notebooks' outputs without running them")
    ck.add_argument("notebooks", nargs="*", help="names in notebooks/ or paths (default: every notebook in notebooks/)")
    args = ap.parse_args()

    if args.cmd == "kernelspec":
        print(write_kernelspec(args.folder))
        return 0

    paths = []
    for n in args.notebooks or sorted(NOTEBOOKS.glob("*.ipynb")):
        p = Path(n)
        for candidate in [p, NOTEBOOKS / p, NOTEBOOKS / f"{p}.ipynb"]:
            if candidate.is_file():
                paths.append(candidate)
                break
        else:
            log(f"FAILED: no notebook {n} (give a path or a name in notebooks/)")
            return 1
    problems = []
    if args.cmd == "check":
        import nbformat

        for path in paths:
            before = len(problems)
            checked = check_notebook(path.name, nbformat.read(str(path), as_version=4), None, problems)
            log(f"{path.name}: {checked} numbers compared with the lecture's: {'ok' if len(problems) == before else 'FAILED'}")
    else:
        if not TSLAB.exists():
            log(f"FAILED: no kernel at {TSLAB.relative_to(ROOT)}: run npm ci --prefix notebooks")
            return 1
        out = Path(args.out)
        jupyter_path = out / "jupyter"
        write_kernelspec(jupyter_path)
        others = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
        os.environ["JUPYTER_PATH"] = os.pathsep.join([str(jupyter_path.resolve())] + others)
        deadline = time.monotonic() + args.total
        for path in paths:
            started = time.monotonic()
            before = len(problems)
            nb, replies = run_notebook(path, path if args.update else out / path.name, args.timeout, deadline, problems)
            checked = check_notebook(path.name, nb, replies, problems)
            cells = sum(1 for c in nb.cells if c.cell_type == "code")
            verdict = "ok" if len(problems) == before else "FAILED"
            took = time.monotonic() - started
            log(f"{path.name}: {cells} code cells, {checked} numbers compared with the lecture's, {took:.1f} s: {verdict}")
    for p in problems:
        log(f"FAILED: {p}")
    if not problems:
        log(f"all {len(paths)} notebooks {'ran and ' if args.cmd == 'run' else ''}printed the lecture's numbers")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
