"""Share of mutants killed per module, from a finished ``mutmut run`` (``make mutate``).

    .venv/bin/python tools/mutation_score.py [--min PCT MODULE ...]

Reads mutmut's per-file results (``mutants/explainer/<module>.py.meta``, JSON with
the exit code of the tests for every mutant) and prints one row per module:
killed, survived, no test reached it, timed out, other, and the score
killed / (all checked). A timeout does not count as killed: on a busy machine a mutant's
tests can time out without the mutant making them hang (rerun `make mutate` when the
machine is quieter; it retests only what is not finished). ``--min 85 params content`` exits 1 when one of those
modules scores below 85 %.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

MUTANTS = Path("mutants") / "explainer"  # where `mutmut run` leaves its results (run from the repository root)

# mutmut's own exit-code meanings (mutmut.stats.status_by_exit_code, 3.8).
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped",
          36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout",
          37: "killed", None: "not checked"}


def scores() -> dict[str, Counter]:
    out: dict[str, Counter] = {}
    for meta in sorted(MUTANTS.rglob("*.py.meta")):  # subpackages too (explainer/reflex/...)
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        module = ".".join(meta.relative_to(MUTANTS).with_name(meta.name.removesuffix(".py.meta")).parts)
        out[module] = Counter(STATUS.get(code, "other") for code in codes.values())
    return out


def score(c: Counter) -> float:
    checked = sum(n for status, n in c.items() if status != "not checked")
    return 100.0 * c["killed"] / checked if checked else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min", nargs="+", metavar=("PCT", "MODULE"), help="fail if a named module scores below PCT")
    args = ap.parse_args()
    table = scores()
    if not table:
        print("no mutation results: run `make mutate` first", file=sys.stderr)
        return 2
    cols = ("killed", "survived", "no tests", "timeout", "not checked")
    print(f"{'module':<22}{'mutants':>8}" + "".join(f"{c:>13}" for c in cols) + f"{'killed %':>10}")
    total = Counter()
    for module, c in table.items():
        if not c:
            continue
        total.update(c)
        other = sum(n for s, n in c.items() if s not in cols)
        extra = f"  (+{other} other)" if other else ""
        print(f"{module:<22}{sum(c.values()):>8}" + "".join(f"{c[s]:>13}" for s in cols) + f"{score(c):>9.1f}%{extra}")
    print(f"{'all of explainer/':<22}{sum(total.values()):>8}" + "".join(f"{total[s]:>13}" for s in cols)
          + f"{score(total):>9.1f}%")
    if args.min:
        floor, modules = float(args.min[0]), args.min[1:]
        low = [m for m in modules if m not in table or not score(table[m]) >= floor]
        if low:
            print(f"below {floor:.0f}%: {', '.join(low)}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
