"""A complete Scrapy spider whose items carry recovery-extract results.

Run it on any article pages (tests/test_integrations_scrapy.py runs it on a local file)::

    scrapy runspider docs/examples/scrapy_spider.py -a urls=https://example.org/a.html -O items.jsonl

Each line of items.jsonl then holds the page's url, title, published date, text, and
``recovery_extract``: the SCHEMA.md record (quantities, dates, regions, agencies,
indicators).  In a Scrapy project, put the two ``RECOVERY_EXTRACT_*`` /
``ITEM_PIPELINES`` settings in settings.py instead of ``custom_settings``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy


class ArticleSpider(scrapy.Spider):
    """Follows the given urls and yields one item per article page."""

    name = "articles"
    custom_settings = {
        "ITEM_PIPELINES": {"recovery_extract.integrations.scrapy.RecoveryExtractPipeline": 300},
        "RECOVERY_EXTRACT_TEXT_FIELD": "text",
        "RECOVERY_EXTRACT_PUBLISHED_FIELD": "published",
        "RECOVERY_EXTRACT_ID_FIELD": "url",
        "FEED_EXPORT_ENCODING": "utf-8",
    }

    def __init__(self, urls: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [u for u in urls.split(",") if u]

    def parse(self, response: scrapy.http.Response) -> Iterator[dict[str, Any]]:
        paragraphs = response.css("article p::text, .article p::text").getall() \
            or response.css("p::text").getall()
        yield {
            "url": response.url,
            "title": response.css("h1::text").get(default="").strip(),
            # Common places for the date; None lets the text's own date line decide.
            "published": response.css("meta[property='article:published_time']::attr(content)").get()
            or response.css("time::attr(datetime)").get(),
            "text": "\n".join(p.strip() for p in paragraphs if p.strip()),
        }
