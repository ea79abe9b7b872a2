"""docs/notebook.ipynb runs top to bottom in a real kernel, and is committed without outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("pandas")
pytest.importorskip("spacy")

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "notebook.ipynb"


def test_committed_with_outputs_cleared() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_notebook_executes_and_shows_the_document() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError on any failing cell
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    htmls = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any('class="recovery-extract"' in h and "<mark" in h and "<table" in h for h in htmls)
    shown = next(h for h in htmls if 'class="recovery-extract"' in h)
    assert shown.index("<table") < shown.index("<mark") and '<a href="#rx-' in shown  # table first, linked
    assert any("FileNotFoundError" in o.get("data", {}).get("text/plain", "") for o in outputs)
    assert any("FileNotFoundError" in h and "error" in h for h in htmls)  # the frame's error column
    assert any("displacy" in h or "entities" in h for h in htmls)  # displaCy's HTML
