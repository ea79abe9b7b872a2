"""Stage 4 - context. Reads date, region and agency mentions; writes the DocumentContext.

The publication date is the caller's, else the document's own date line (the
date mention the dates extractor marked ``published``).  The main region is the
division the article is mostly about: mention counts, with the title (first
sentence) counted three times; the province is its province-level code.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from ..data.codes import is_division, province_of
from ..extract.base import DocumentContext, Mention, TextView

TITLE_WEIGHT = 3


def publication_date(mentions: list[Mention], published: str | None) -> str | None:
    """The caller's date wins; else the first date mention marked as the date line."""
    if published:
        return published
    for m in mentions:
        if m.kind == "date" and m.attrs.get("published") and isinstance(m.value, str):
            return m.value
    return None


def _level_prefix(code: str) -> str:
    """The digits that identify a division's subtree: 37 (province), 3701 (prefecture)."""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def main_region(mentions: list[Mention], view: TextView, skip: frozenset[int] = frozenset()) -> str | None:
    """The division the article is about: the province with most mentions (title
    counted thrice), then down the tree while one child holds most of them (a
    Jinan article is about Jinan; one naming six cities of a province is about the
    province). A country wins when it is named more than any province."""
    title_end = view.sentences[0].end if view.sentences else 0
    counts: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    located = _locators(mentions)
    for m in mentions:
        if m.kind not in ("region", "agency") or id(m) in skip:
            continue
        weight = TITLE_WEIGHT if m.start < title_end else 1
        value = located.get(id(m), m.value)
        if value is None and m.attrs.get("candidates") and not m.attrs.get("weak"):
            # Ambiguous before resolution (Xi'an: the city or two districts): the
            # highest-level reading votes, as resolution will usually choose it.
            # A weak name (a bare county name) must earn its place, so it does not vote.
            value = min((c for c in m.attrs["candidates"] if is_division(c)),
                        key=lambda c: (len(_level_prefix(c)), c), default=None)
        if is_division(value):
            counts[value] += weight
        elif m.kind == "region" and isinstance(value, str) and len(value) == 2:
            countries[value] += weight
    provinces: Counter[str] = Counter()
    for code, n in counts.items():
        provinces[code[:2] + "0000"] += n
    best_country = max(countries.items(), key=lambda kv: kv[1], default=(None, 0))
    if not provinces:
        return best_country[0]
    province, total = max(provinces.items(), key=lambda kv: (kv[1], kv[0]))
    if best_country[1] > total:
        return best_country[0]
    chosen = province
    while True:
        prefix = _level_prefix(chosen)
        subtotal = sum(n for c, n in counts.items() if c.startswith(prefix))
        groups: dict[str, list[str]] = {}
        for code in counts:
            if code != chosen and code.startswith(prefix):
                key = code[:4] + "00" if len(prefix) == 2 else code
                groups.setdefault(key, []).append(code)
        if not groups:
            return chosen
        key, members = max(groups.items(), key=lambda kv: (sum(counts[c] for c in kv[1]), kv[0]))
        if sum(counts[c] for c in members) * 10 < subtotal * 6:
            return chosen
        if key in counts:
            chosen = key
        elif len(members) == 1:
            chosen = members[0]
        else:
            return chosen


#: The head of a page (headline, lead) read for national scope words, in characters.
HEAD_REACH = 300
#: A text spreads over the provinces when it names at least this many and none holds
#: this share of the mentions.
SPREAD_PROVINCES = 4
SPREAD_SHARE = 0.4


def _spread(mentions: list[Mention]) -> bool:
    """Whether the text's place mentions spread over many provinces, none dominant."""
    provinces: Counter[str] = Counter(
        str(m.value)[:2] for m in mentions if m.kind == "region" and is_division(m.value))
    total = sum(provinces.values())
    return len(provinces) >= SPREAD_PROVINCES and max(provinces.values()) < SPREAD_SHARE * total


#: How close a parent's name must stand to its child's to only locate it.
LOCATOR_REACH = 40


def _locators(mentions: list[Mention]) -> dict[int, str]:
    """A parent named beside its child ("广元市旺苍县", "Guangzhou's Huangpu district",
    "Huangpu district, Guangzhou") only locates the child: its vote goes to the child.
    Keyed by ``id`` of the parent mention, valued by the child's code."""
    # A child may be an agency's jurisdiction ("河北省石家庄市工信局": 河北省 locates 石家庄).
    places = sorted((m for m in mentions if m.kind in ("region", "agency") and is_division(m.value)),
                    key=lambda m: m.start)
    votes: dict[int, str] = {}
    for i, parent in enumerate(places):
        if parent.kind != "region":
            continue
        code = str(parent.value)
        prefix = _level_prefix(code)
        if len(prefix) == 6:
            continue
        for child in places[max(0, i - 3):i + 4]:
            if child is parent or abs(child.start - parent.start) > LOCATOR_REACH:
                continue
            if child.value != code and str(child.value).startswith(prefix):
                votes[id(parent)] = str(child.value)
                break
    return votes


def build_context(mentions: list[Mention], view: TextView, published: str | None,
                  page_reference: bool = False) -> DocumentContext:
    """Publication date only; regions come later (they need resolved dates first).
    ``page_reference``: ``published`` is the page's own date, not the caller's."""
    return DocumentContext(published=publication_date(mentions, published), language=view.info.language,
                           published_from_page=page_reference or not published)


def with_regions(context: DocumentContext, mentions: list[Mention], view: TextView,
                 national: Any = None, filed_at: frozenset[int] = frozenset()) -> DocumentContext:
    """The context with the main region and its province filled in.

    A document that names no region but speaks of the whole country (``national``, the
    ``national_scope`` words of ``indicators/context.yaml``: 全国, 国家统计局, nationwide)
    is about the country: a national statistics release. That is its ``scope_region``,
    which its indicators take; its agencies stay national (null). ``filed_at``: the ids
    of the region mentions inside a dateline (where the report was filed), which do not
    vote."""
    main = main_region(mentions, view, filed_at)
    if main is not None and national is not None and _spread(mentions) \
            and national.search(view.text, 0, HEAD_REACH):
        # "全国复工地图:浙江广东等6省份超80%": a national overview that names many
        # provinces, none of them most, is about the country.
        main = "CN"
    scope = "CN" if main is None and national is not None and national.search(view.text) else None
    return replace(context, main_region=main, province=province_of(main), scope_region=scope)
