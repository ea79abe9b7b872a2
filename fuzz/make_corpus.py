"""Write a fuzzing corpus: the seeds, their paragraphs, and every external case text.

    python fuzz/make_corpus.py DIR [LIMIT]

LIMIT keeps every n-th sample so that about LIMIT inputs are written (for CI).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def samples() -> list[bytes]:
    out: list[bytes] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append(text.encode("utf-8"))
        out.append(text.encode("gb18030", errors="ignore"))
        out.extend(p.encode("utf-8") for p in text.split("\n") if p.strip())
    for path in sorted((ROOT / "tests" / "external").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["text"].encode("utf-8"))
    return out


def main(folder: str, limit: int | None = None) -> None:
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    chosen = samples()
    if limit:
        chosen = chosen[:: max(1, len(chosen) * 3 // limit)]
    for data in chosen:
        # The first byte picks the harness mode; cycle through all three.
        for mode in (b"\x00", b"\x01", b"\x02"):
            blob = mode + data
            (target / hashlib.sha1(blob).hexdigest()).write_bytes(blob)
    print(f"wrote {len(list(target.iterdir()))} inputs to {target}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "fuzz/corpus",
         int(sys.argv[2]) if len(sys.argv) > 2 else None)
