"""The peers: what users would otherwise pick, timed on the same documents.

Two halves in one file:

- :func:`ensure_env` (run by ``bench/run.py`` in the project's venv) creates
  ``bench/.peers-venv`` (git-ignored) and installs the peers from PyPI with pip;
- ``python bench/peers.py IN.json OUT.json`` (run with that venv's python, in a
  subprocess) times each peer on each document it covers and counts what it
  extracted.  It never imports recovery_extract.

Each peer is built once and warmed up on one document before timing (their
first call loads dictionaries and models), so the figures are steady-state
cost per document, the same footing as ours.  Coverage (what each peer is
used for):

======================  =====  ===========  ===========================================
peer                    lang   kind         call
======================  =====  ===========  ===========================================
jionlp.money            zh     quantities   ``jio.ner.extract_money(text)``
jionlp.time             zh     dates        ``jio.ner.extract_time(text, time_base)``
jionlp.location         zh     regions      ``jio.recognize_location(text)``
cpca                    zh     regions      ``cpca.transform_text_with_addrs(text)``
recognizers.units       zh en  quantities   currency + dimension + percentage models
recognizers.datetime    zh en  dates        DateTimeRecognizer model
quantulum3              en     quantities   ``quantulum3.parser.parse(text)``
dateparser.search       zh en  dates        ``search_dates(text, languages=[lang])``
======================  =====  ===========  ===========================================
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ENV = HERE / ".peers-venv"
#: What ``ensure_env`` installs; recognizers-text 1.0.2a2 imports ``emoji.UNICODE_EMOJI`` (emoji < 2).
REQUIREMENTS = ("jionlp", "recognizers-text-suite", "quantulum3", "cpca", "dateparser", "emoji<2")
#: A fixed "now" for the peers that read one (relative dates): the seeds' era.
TIME_BASE = 1582588800.0  # 2020-02-25T00:00:00Z


# ---------------------------------------------------------------------------- environment
def env_python(env: Path = ENV) -> Path:
    return env / "bin" / "python"


def ensure_env(env: Path = ENV, log: Callable[[str], None] = print) -> Path:
    """The peers' python, creating the venv and installing the peers on first use."""
    marker = env / ".bench-requirements"
    wanted = "\n".join(REQUIREMENTS)
    if env_python(env).exists() and marker.exists() and marker.read_text() == wanted:
        return env_python(env)
    log(f"creating {env} and installing the peers from PyPI (about a minute) ...")
    if not env_python(env).exists():
        subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    subprocess.run([str(env_python(env)), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(env_python(env)), "-m", "pip", "install", "--quiet", *REQUIREMENTS], check=True)
    marker.write_text(wanted)
    return env_python(env)


def versions(python: Path) -> dict[str, str]:
    """Installed versions of the peers (from their metadata)."""
    code = ("import json, importlib.metadata as m\n"
            f"names = {['jionlp', 'recognizers-text-suite', 'quantulum3', 'cpca', 'dateparser']!r}\n"
            "print(json.dumps({n: m.version(n) for n in names}))")
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def run(python: Path, docs: list[dict[str, str]], repeats: int, timeout: float = 3600) -> dict[str, Any]:
    """Time the peers on ``docs`` (``id``, ``text``, ``lang``) in a subprocess of the peers' venv."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-peers-") as tmp:
        src, dst = Path(tmp) / "in.json", Path(tmp) / "out.json"
        src.write_text(json.dumps({"docs": docs, "repeats": repeats}, ensure_ascii=False), encoding="utf-8")
        subprocess.run([str(python), str(Path(__file__).resolve()), str(src), str(dst)], check=True,
                       timeout=timeout, stdout=subprocess.DEVNULL)
        return json.loads(dst.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------- the peers
Peer = tuple[str, tuple[str, ...], str, Callable[[str, str], int]]


def _peers() -> list[Peer]:
    """(name, languages, kind, call(text, lang) -> number of items found), each built once."""
    out: list[Peer] = []

    import jionlp as jio

    def jio_money(text: str, lang: str) -> int:
        return len(jio.ner.extract_money(text))

    def jio_time(text: str, lang: str) -> int:
        return len(jio.ner.extract_time(text, time_base=TIME_BASE))

    def jio_location(text: str, lang: str) -> int:
        found = jio.recognize_location(text)
        return sum(len(found.get(k) or ()) for k in ("domestic", "foreign", "others"))

    out += [("jionlp.money", ("zh",), "quantities", jio_money),
            ("jionlp.time", ("zh",), "dates", jio_time),
            ("jionlp.location", ("zh",), "regions", jio_location)]

    import cpca

    def cpca_text(text: str, lang: str) -> int:
        frame = cpca.transform_text_with_addrs(text)
        return int(frame["adcode"].notna().sum()) if len(frame) else 0

    out.append(("cpca", ("zh",), "regions", cpca_text))

    from recognizers_date_time import DateTimeRecognizer
    from recognizers_number import NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer
    from recognizers_text import Culture

    cultures = {"zh": Culture.Chinese, "en": Culture.English}
    units = {lang: (NumberWithUnitRecognizer(c).get_currency_model(), NumberWithUnitRecognizer(c).get_dimension_model(),
                    NumberRecognizer(c).get_percentage_model()) for lang, c in cultures.items()}
    dates = {lang: DateTimeRecognizer(c).get_datetime_model() for lang, c in cultures.items()}

    def rt_units(text: str, lang: str) -> int:
        return sum(len(model.parse(text)) for model in units[lang])

    def rt_dates(text: str, lang: str) -> int:
        return len(dates[lang].parse(text))

    out += [("recognizers.units", ("zh", "en"), "quantities", rt_units),
            ("recognizers.datetime", ("zh", "en"), "dates", rt_dates)]

    from quantulum3 import parser as q3

    def quantulum(text: str, lang: str) -> int:
        return len(q3.parse(text))

    out.append(("quantulum3", ("en",), "quantities", quantulum))

    import datetime as dt

    from dateparser.search import search_dates

    base = dt.datetime.fromtimestamp(TIME_BASE)

    def dateparser_search(text: str, lang: str) -> int:
        return len(search_dates(text, languages=[lang], settings={"RELATIVE_BASE": base}) or ())

    out.append(("dateparser.search", ("zh", "en"), "dates", dateparser_search))
    return out


def _time_peers(docs: list[dict[str, str]], repeats: int) -> dict[str, Any]:
    """Per peer: setup and warm-up seconds, and per document the median seconds and the count."""
    t0 = time.perf_counter()
    peers = _peers()
    result: dict[str, Any] = {"import_seconds": time.perf_counter() - t0, "peers": {}}
    for name, langs, kind, call in peers:
        mine = [d for d in docs if d["lang"] in langs]
        if not mine:
            continue
        warm = {}
        for lang in langs:  # first calls load dictionaries and models
            first = next((d for d in mine if d["lang"] == lang), None)
            if first is not None:
                t = time.perf_counter()
                call(first["text"], lang)
                warm[lang] = time.perf_counter() - t
        per_doc: dict[str, dict[str, float]] = {}
        for d in mine:
            times, count = [], 0
            for _ in range(repeats):
                t = time.process_time()
                count = call(d["text"], d["lang"])
                times.append(time.process_time() - t)
            per_doc[d["id"]] = {"seconds": statistics.median(times), "count": count}
        result["peers"][name] = {"langs": list(langs), "kind": kind, "warmup_seconds": warm, "docs": per_doc}
    return result


def main(argv: list[str]) -> int:
    """``peers.py IN.json OUT.json``: time the peers on the documents of IN, write OUT."""
    warnings.simplefilter("ignore")
    os.environ.setdefault("TQDM_DISABLE", "1")
    src, dst = Path(argv[0]), Path(argv[1])
    spec = json.loads(src.read_text(encoding="utf-8"))
    out = _time_peers(spec["docs"], int(spec.get("repeats") or 1))
    dst.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
