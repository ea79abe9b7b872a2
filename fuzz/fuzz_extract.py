"""Coverage-guided fuzzing of the whole pipeline with atheris (libFuzzer).

    python fuzz/make_corpus.py /tmp/rx-corpus            # seeds + external case texts
    python fuzz/fuzz_extract.py /tmp/rx-corpus -runs=1000000 -max_len=512 -timeout=30 \
        -artifact_prefix=/tmp/rx-crash-                  # long run (about 200 exec/s per core)

A hang counts as a crash (``-timeout``): that is how super-linear patterns show up.

Each input is used three ways: as bytes (decoding), as UTF-8 text, and as a str
with every code point the bytes spell.  Anything other than a Document (or, for
strict bytes, a RecoveryExtractError) is a crash; so is a span that does not
select its text in the original.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import recovery_extract as rx
    from recovery_extract.pipeline import INTERNAL_ERROR

PIPELINE = rx.Pipeline()


def check(original: str, doc: rx.Document) -> None:
    # extract() turns a bug into an "internal error" warning instead of raising: a crash here.
    if any(w.startswith(INTERNAL_ERROR) for w in doc.warnings):
        raise AssertionError(f"internal error: {doc.warnings}")
    for kind in ("quantities", "dates", "regions", "agencies"):
        for m in getattr(doc, kind):
            if not (0 <= m.start < m.end <= len(original)) or original[m.start:m.end] != m.text:
                raise AssertionError(f"bad {kind} span {m!r}")
    doc.to_json()


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 2)
    rest = fdp.ConsumeBytes(len(data))
    if mode == 0:
        try:
            doc = PIPELINE.extract(rest, strict=bool(rest[:1] == b"\x00"))
        except rx.RecoveryExtractError:
            return
        check(doc.text, doc)
    elif mode == 1:
        text = rest.decode("utf-8", errors="replace")
        check(text, PIPELINE.extract(text))
    else:
        text = atheris.FuzzedDataProvider(rest).ConsumeUnicode(len(rest))
        check(text, PIPELINE.extract(text, published="2022-04-27"))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
