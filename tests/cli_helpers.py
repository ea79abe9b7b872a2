"""Helpers shared by the CLI tests: run the CLI in-process, read the ids it printed."""

from __future__ import annotations

import json

import pytest

from recovery_extract import cli


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The CLI's exit code, standard output and standard error for ``args``."""
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def ids(out: str) -> list[str]:
    """The document ids of JSON lines output, in order."""
    return [json.loads(line)["id"] for line in out.splitlines()]
