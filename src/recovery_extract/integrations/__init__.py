"""Thin adapters that run the same extraction inside other tools.

Each module imports its tool only when imported itself, and each tool is an
optional extra, so ``import recovery_extract`` never loads any of them:

- :mod:`recovery_extract.integrations.spacy`: the ``recovery_extract`` pipeline
  component (``nlp.add_pipe("recovery_extract")``; ``pip install recovery-extract[spacy]``).
- :mod:`recovery_extract.integrations.dask`: ``extract_bag`` and ``indicator_frame``
  (``[dask]``).
- :mod:`recovery_extract.integrations.spark`: ``extract_indicators`` via ``mapInPandas``
  and ``indicator_schema`` (``[spark]``).
- :mod:`recovery_extract.integrations.scrapy`: ``RecoveryExtractPipeline``, an item
  pipeline (``[scrapy]``).

All of them call :func:`recovery_extract.batch.extract_item`, the function behind
:func:`recovery_extract.extract_many`: there is no second implementation.
"""

from __future__ import annotations

__all__: list[str] = []
