#!/usr/bin/env python3
"""Compare the JSONL records two commits write for the same texts.

    python scripts/compare_outputs.py BASE [HEAD] [--texts DIR ...] [--show N]

Each commit is checked out into a temporary git worktree and run with this
interpreter (``PYTHONPATH=<worktree>/src``) on the seeds and, when ``../shared``
is beside the checkout, on the dev and train texts.  HEAD may be ``WORKTREE``
(the default): the files as they are now, uncommitted changes included.
Prints every record that differs, field by field; exits 1 when any does, so a
refactor or speed commit can prove it changes no output.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"


def default_texts() -> list[Path]:
    """The seeds, plus the train texts when ../shared is present."""
    folders = [ROOT / "seeds"]
    if (SHARED / "train" / "texts").is_dir():
        folders.append(SHARED / "train" / "texts")
    return folders


def run(tree: Path, texts: list[Path]) -> dict[str, dict[str, object]]:
    """{id: record} written by the CLI of the package in ``tree``."""
    files = sorted(str(p) for folder in texts for p in folder.glob("*.txt"))
    env = dict(os.environ, PYTHONPATH=str(tree / "src"), RECOVERY_EXTRACT_CACHE="off")
    out = subprocess.run([sys.executable, "-m", "recovery_extract", "--format", "jsonl", *files],
                         env=env, capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1):
        sys.exit(f"{tree}: the CLI failed ({out.returncode}):\n{out.stderr[-2000:]}")
    records = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return {str(r["id"]): r for r in records}


def checkout(rev: str, into: Path) -> Path:
    """A detached worktree of ``rev`` (removed by the caller)."""
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(into), rev],
                   check=True)
    return into


def differences(a: dict[str, dict[str, object]], b: dict[str, dict[str, object]]) -> list[str]:
    """One line per field of a record that differs (lists compared item by item)."""
    lines: list[str] = []
    for doc in sorted(set(a) | set(b)):
        ra, rb = a.get(doc), b.get(doc)
        if ra is None or rb is None:
            lines.append(f"{doc}: only in {'head' if ra is None else 'base'}")
            continue
        for key in sorted(set(ra) | set(rb)):
            va, vb = ra.get(key), rb.get(key)
            if va == vb:
                continue
            if isinstance(va, list) and isinstance(vb, list):
                sa = [json.dumps(x, ensure_ascii=False, sort_keys=True) for x in va]
                sb = [json.dumps(x, ensure_ascii=False, sort_keys=True) for x in vb]
                for x in sorted(set(sa) - set(sb)):
                    lines.append(f"{doc}.{key} - {x}")
                for x in sorted(set(sb) - set(sa)):
                    lines.append(f"{doc}.{key} + {x}")
                if set(sa) == set(sb):
                    lines.append(f"{doc}.{key}: same items, other order")
            else:
                lines.append(f"{doc}.{key}: {va!r} -> {vb!r}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base")
    ap.add_argument("head", nargs="?", default="WORKTREE")
    ap.add_argument("--texts", action="append", type=Path, help="a folder of *.txt (repeatable)")
    ap.add_argument("--show", type=int, default=200, help="print at most N differing lines")
    args = ap.parse_args(argv)
    texts = args.texts or default_texts()
    with tempfile.TemporaryDirectory(prefix="rx-compare-") as tmp:
        trees: list[Path] = []
        try:
            outputs = []
            for i, rev in enumerate((args.base, args.head)):
                if rev == "WORKTREE":
                    outputs.append(run(ROOT, texts))
                    continue
                tree = checkout(rev, Path(tmp) / f"t{i}")
                trees.append(tree)
                outputs.append(run(tree, texts))
        finally:
            for tree in trees:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                               check=False)
    lines = differences(*outputs)
    n = len(outputs[0])
    for line in lines[: args.show]:
        print(line)
    if len(lines) > args.show:
        print(f"... and {len(lines) - args.show} more")
    print(f"{n} documents compared: {'identical' if not lines else f'{len(lines)} differences'}",
          file=sys.stderr)
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
