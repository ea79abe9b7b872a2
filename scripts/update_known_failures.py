"""Rewrite tests/external/known_failures/<suite>.txt from the current results.

    .venv/bin/python scripts/update_known_failures.py [SUITE ...]

Run it after a change that fixes (or breaks) external cases, then read the diff:
the known-failure lists are the honest record of what the library gets wrong.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import test_external as ext  # noqa: E402


def main(argv: list[str]) -> None:
    wanted = set(argv)
    failing: dict[str, list[str]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    for case in ext.CASES:
        suite = case["suite"]
        if wanted and suite not in wanted:
            continue
        totals[suite] += 1
        try:
            ok = ext.passes(case, ext.predictions(case))
        except Exception as err:  # a crash is a failure to list, not to hide
            ok = False
            print(f"{case['id']}: raised {type(err).__name__}: {err}", file=sys.stderr)
        if not ok:
            failing[suite].append(case["id"])
    folder = ext.HERE / "known_failures"
    folder.mkdir(exist_ok=True)
    for suite in sorted(totals):
        ids = failing.get(suite, [])
        header = f"# Known failures of {suite}: {len(ids)} of {totals[suite]} cases (strict xfail in tests/test_external.py)\n"
        (folder / f"{suite}.txt").write_text(header + "".join(i + "\n" for i in ids), encoding="utf-8")
        print(f"{suite:22s} {totals[suite] - len(ids):4d}/{totals[suite]:4d} pass")


if __name__ == "__main__":
    main(sys.argv[1:])
