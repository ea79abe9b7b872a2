"""Scrapy item pipeline: a fake crawl response through the docs' spider, and a real crawl."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import recovery_extract as rx

pytest.importorskip("scrapy")

from scrapy.http import HtmlResponse  # noqa: E402
from scrapy.utils.test import get_crawler  # noqa: E402

from recovery_extract.integrations.scrapy import RecoveryExtractPipeline  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "scrapy_spider.py"
PAGE = """<html><head><meta property="article:published_time" content="2020-02-25T10:00:00">
<title>x</title></head><body><h1>济南复工</h1><article>
<p>截至2月24日,济南市规模以上工业企业开工率98.78%,上岗职工30.9万人。</p>
<p>市工信局表示,将继续做好服务。</p></article></body></html>"""


def _spider_module() -> Any:
    spec = importlib.util.spec_from_file_location("scrapy_spider_example", EXAMPLE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fake_response_through_spider_and_pipeline() -> None:
    module = _spider_module()
    crawler = get_crawler(module.ArticleSpider, module.ArticleSpider.custom_settings)
    pipeline = RecoveryExtractPipeline.from_crawler(crawler)
    pipeline.open_spider()
    response = HtmlResponse(url="https://example.org/jinan.html", body=PAGE.encode("utf-8"),
                            encoding="utf-8")
    [item] = list(module.ArticleSpider(urls=response.url).parse(response))
    item = pipeline.process_item(item)
    record = item["recovery_extract"]
    assert record["id"] == "https://example.org/jinan.html"
    assert record == rx.extract(item["text"], doc_id=item["url"], published=item["published"]).to_dict()
    assert ("98.78%", 98.78) in [(q["text"], q["value"]) for q in record["quantities"]]
    assert [d["value"] for d in record["dates"]] == ["2020-02-24"]


@dataclass
class Article:
    body: str | None
    extracted: Any = field(default=None)


def test_settings_field_names_dataclass_items_and_missing_text(caplog: pytest.LogCaptureFixture) -> None:
    crawler = get_crawler(settings_dict={"RECOVERY_EXTRACT_TEXT_FIELD": "body",
                                         "RECOVERY_EXTRACT_PUBLISHED_FIELD": None,
                                         "RECOVERY_EXTRACT_OUTPUT_FIELD": "extracted"})
    pipeline = RecoveryExtractPipeline.from_crawler(crawler)
    item = pipeline.process_item(Article(body="Operating rate reached 97% in Shandong."))
    assert [q["value"] for q in item.extracted["quantities"]] == [97]
    empty = pipeline.process_item(Article(body=None))
    assert empty.extracted is None and "no 'body' field" in caplog.text


def test_bad_text_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    pipeline = RecoveryExtractPipeline()
    item = pipeline.process_item({"text": 12345, "url": "u"})
    assert item["recovery_extract"] is None
    assert "TypeError" in caplog.text


def test_real_crawl_of_a_local_page(tmp_path: Path) -> None:
    page = tmp_path / "jinan.html"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "items.jsonl"
    proc = subprocess.run([sys.executable, "-m", "scrapy", "runspider", str(EXAMPLE),
                           "-a", f"urls={page.as_uri()}", "-O", str(out), "-s", "LOG_LEVEL=WARNING",
                           "-s", "TELNETCONSOLE_ENABLED=False"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    [item] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert item["recovery_extract"]["id"] == page.as_uri()
    assert item["recovery_extract"]["indicators"], item
