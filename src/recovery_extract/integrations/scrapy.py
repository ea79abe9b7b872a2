"""Scrapy item pipeline (``pip install recovery-extract[scrapy]``): extraction results on items.

Enable it in the project's settings::

    ITEM_PIPELINES = {"recovery_extract.integrations.scrapy.RecoveryExtractPipeline": 300}
    RECOVERY_EXTRACT_TEXT_FIELD = "text"            # where the article text is (default)
    RECOVERY_EXTRACT_PUBLISHED_FIELD = "published"  # its date, if the spider scraped one
    RECOVERY_EXTRACT_ID_FIELD = "url"               # doc id (default: none)
    RECOVERY_EXTRACT_OUTPUT_FIELD = "recovery_extract"

Each item then gets ``item["recovery_extract"]``: the SCHEMA.md record of its text
(``quantities``, ``dates``, ``regions``, ``agencies``, ``indicators``...).  An item whose
text is missing or fails gets ``None`` there (and a warning in the log), and goes on
down the pipeline: a bad page never stops the crawl.  Items may be dicts, ``scrapy.Item``
(declare the output field), dataclasses or attrs objects.  See docs/integrations.md.
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter

from ..batch import Failure, extract_item
from ..pipeline import Pipeline, default_pipeline

__all__ = ["RecoveryExtractPipeline"]

logger = logging.getLogger(__name__)


class RecoveryExtractPipeline:
    """Adds the extraction record of ``item[text_field]`` to ``item[output_field]``."""

    def __init__(self, text_field: str = "text", published_field: str | None = "published",
                 id_field: str | None = None, output_field: str = "recovery_extract",
                 pipeline: Pipeline | None = None) -> None:
        self.text_field = text_field
        self.published_field = published_field
        self.id_field = id_field
        self.output_field = output_field
        self._pipeline = pipeline

    @classmethod
    def from_crawler(cls, crawler: Any) -> RecoveryExtractPipeline:
        """Build from the crawler's ``RECOVERY_EXTRACT_*`` settings."""
        s = crawler.settings
        return cls(text_field=s.get("RECOVERY_EXTRACT_TEXT_FIELD", "text"),
                   published_field=s.get("RECOVERY_EXTRACT_PUBLISHED_FIELD", "published"),
                   id_field=s.get("RECOVERY_EXTRACT_ID_FIELD"),
                   output_field=s.get("RECOVERY_EXTRACT_OUTPUT_FIELD", "recovery_extract"))

    def open_spider(self, spider: Any = None) -> None:
        """Compile the patterns when the crawl starts, not on the first item."""
        if self._pipeline is None:
            self._pipeline = default_pipeline()

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Return ``item`` with ``item[output_field]`` set (``None`` if extraction failed)."""
        adapter = ItemAdapter(item)
        text = adapter.get(self.text_field)
        if isinstance(text, (list, tuple)):  # e.g. the paragraphs from .getall()
            text = "\n".join(str(t) for t in text)
        published = adapter.get(self.published_field) if self.published_field else None
        doc_id = adapter.get(self.id_field) if self.id_field else None
        record = None
        if text is None:
            logger.warning("recovery-extract: item has no %r field", self.text_field)
        else:
            result = extract_item((None if doc_id is None else str(doc_id), text, published or None),
                                  str_paths=False, pipeline=self._pipeline)
            if isinstance(result, Failure):
                logger.warning("recovery-extract: %s: %s: %s", doc_id or "item", result.error,
                               result.message)
            else:
                record = result.to_dict()
        adapter[self.output_field] = record
        return item
