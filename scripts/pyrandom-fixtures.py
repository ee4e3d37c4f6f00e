"""Regenerate test/fixtures/pyrandom.json: streams of CPython's random.Random, printed by python3.

    python3 scripts/pyrandom-fixtures.py                # writes the fixture
    python3 scripts/pyrandom-fixtures.py --gauss N      # prints N gauss(0, 1) draws from seed 42 (JSON)
"""
import json
import os
import random
import sys

if "--gauss" in sys.argv:
    n = int(sys.argv[sys.argv.index("--gauss") + 1])
    r = random.Random(42)
    json.dump([r.gauss(0, 1) for _ in range(n)], sys.stdout)
    sys.exit()

seeds = [0, 1, 42, 7, -42, 2**32 - 1, 2**32, 2**40 + 3, 2**53 - 1, 2**100 + 12345]
fixture = {"python": sys.version.split()[0], "random": {}, "getrandbits": {}, "randbelow": {}, "shuffle": {},
           "gauss": {}, "choices": {}}
for s in seeds:
    r = random.Random(s)
    count = 700 if s in (42, 2**100 + 12345) else 20  # 700 x 2 words cross two 624-word regenerations
    fixture["random"][str(s)] = [r.random() for _ in range(count)]
for s in [42, 3]:
    r = random.Random(s)
    fixture["getrandbits"][str(s)] = [[k, r.getrandbits(k)] for k in [0, 1, 5, 31, 32, 33, 40, 52, 53] * 5]
    r = random.Random(s)
    fixture["randbelow"][str(s)] = [[n, r._randbelow(n)] for n in [1, 2, 3, 7, 100, 1000, 2**31, 2**32 + 5, 2**53 - 1] * 5]
    r = random.Random(s)
    xs = list(range(100))
    r.shuffle(xs)
    fixture["shuffle"][str(s)] = xs
    r = random.Random(s)
    fixture["gauss"][str(s)] = [r.gauss(0, 1) for _ in range(501)] + [r.gauss(1.5, 0.08) for _ in range(99)]
    r = random.Random(s)
    w = [r.random() for _ in range(27)]
    w[3] = 0.0
    fixture["choices"][str(s)] = {"weights": w, "picks": r.choices(range(27), weights=w, k=2000)}
# microgpt's first use: shuffle the 32,033 names with seed 42 (checked against the names module)
names = [l.strip() for l in open(os.environ.get("NAMES", "/work/shared/microgpt/names.txt")) if l.strip()]
r = random.Random(42)
r.shuffle(names)
fixture["names_seed42_first"] = names[:50]
fixture["names_seed42_last"] = names[-5:]
# ... then microgpt's 4,192 weights, gauss(0, 0.08) each in state_dict order: a few of them by index
w = [r.gauss(0, 0.08) for _ in range(4192)]
fixture["init_seed42"] = {str(i): w[i] for i in [0, 1, 2, 15, 16, 431, 432, 688, 864, 4191]}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "pyrandom.json")
with open(out, "w") as f:
    json.dump(fixture, f)
    f.write("\n")
print("wrote", out)
