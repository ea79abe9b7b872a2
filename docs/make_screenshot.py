"""Regenerate docs/repr_html_seed_001.png: ``Document._repr_html_`` of seed 001 in headless Chromium.

Usage: ``python docs/make_screenshot.py [--chromium PATH]`` (needs Chromium and a CJK font,
e.g. Debian's ``chromium`` and ``fonts-noto-cjk``).  Not part of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

import recovery_extract as rx

DOCS = Path(__file__).resolve().parent
SEED = DOCS.parent / "seeds" / "001_d9be41072b7395af.txt"
OUT = DOCS / "repr_html_seed_001.png"
PAGE = ("<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        "<body style='margin:16px;background:#fff'>{body}</body></html>")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    ap.add_argument("--size", default="1200,1850", help="window width,height in pixels")
    args = ap.parse_args()
    if not args.chromium:
        raise SystemExit("chromium not found: install it or pass --chromium")
    doc = rx.extract(SEED.read_bytes(), doc_id=SEED.stem)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "seed.html"
        page.write_text(PAGE.format(title=SEED.stem, body=doc._repr_html_()), encoding="utf-8")
        subprocess.run([args.chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--hide-scrollbars",
                        f"--screenshot={OUT}", f"--window-size={args.size}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
    print(f"{OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
