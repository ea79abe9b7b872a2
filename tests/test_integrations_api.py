"""The public surface of the batch, display and integration modules: typed, documented,
listed in docs/api.md, and never imported by ``import recovery_extract``."""

from __future__ import annotations

import doctest
import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import recovery_extract as rx

ROOT = Path(__file__).resolve().parents[1]
API = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
MODULES = {
    "recovery_extract.batch": None, "recovery_extract.display": None,
    "recovery_extract.integrations.spacy": "spacy", "recovery_extract.integrations.dask": "dask",
    "recovery_extract.integrations.partitions": "pandas",
    "recovery_extract.integrations.spark": "pyspark", "recovery_extract.integrations.scrapy": "scrapy",
}
HEAVY = ("spacy", "dask", "distributed", "pyspark", "pandas", "scrapy", "twisted", "pyarrow")


def test_import_loads_no_integration_dependency() -> None:
    code = ("import sys, recovery_extract, recovery_extract.integrations; "
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_package_is_typed() -> None:
    assert (Path(rx.__file__).parent / "py.typed").is_file()


@pytest.mark.parametrize("name", sorted(MODULES))
def test_public_names_have_docstrings_and_are_listed(name: str) -> None:
    if MODULES[name]:
        pytest.importorskip(MODULES[name])
    module = importlib.import_module(name)
    assert module.__doc__ and module.__all__
    assert f"`{name}`" in API, f"docs/api.md has no section for {name}"
    for attr in module.__all__:
        obj = getattr(module, attr)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), f"{name}.{attr} has no docstring"
        assert f"`{attr}" in API, f"docs/api.md does not list {name}.{attr}"


def test_top_level_names_are_listed_and_documented() -> None:
    for attr in ("extract_many", "Failure"):
        assert attr in rx.__all__ and getattr(rx, attr) is getattr(importlib.import_module(
            "recovery_extract.batch"), attr)
    for attr in rx.__all__:
        assert attr in API, f"docs/api.md does not list {attr}"
        obj = getattr(rx, attr)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), attr


def test_api_examples_run() -> None:
    block = API.split("```python", 1)[1].split("```", 1)[0]
    test = doctest.DocTestParser().get_doctest(block, {}, "api.md", "docs/api.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0


def test_extra_names_in_pyproject() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for extra in ("spacy", "dask", "spark", "notebook", "scrapy", "all"):
        assert f"\n{extra} = [" in text, extra
    assert 'recovery_extract = "recovery_extract.integrations.spacy:make_component"' in text
