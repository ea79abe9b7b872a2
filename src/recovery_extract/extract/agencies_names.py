"""Agency lexicons (``patterns/agencies/*.tsv``) and canonical names.

``name`` is the simplified Chinese name a reader would file the body under:
the jurisdiction's official name + the full body + the full type
(``市工信局`` in a Jinan article -> ``济南市工业和信息化局``; ``省委`` ->
``中共山东省委员会``; ``Provincial Department of Industry and Information
Technology`` in a Guizhou article -> ``贵州省工业和信息化厅``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.gazetteer import Gazetteer
from ..data.patterns import PatternStore
from .base import Mention

BODIES = "agencies/bodies.tsv"
NATIONAL = "agencies/national.tsv"
ZH_GRAMMAR = "agencies/patterns.zh.yaml"
NAMES = "agencies/names.yaml"


@dataclass(slots=True)
class Lexicon:
    """Body and national-body surfaces -> canonical simplified forms."""

    bodies_zh: dict[str, str] = field(default_factory=dict)
    bodies_en: dict[str, str] = field(default_factory=dict)
    national_zh: dict[str, str] = field(default_factory=dict)
    national_en: dict[str, str] = field(default_factory=dict)
    national_acronyms: dict[str, str] = field(default_factory=dict)
    canonical_types: dict[str, str] = field(default_factory=dict)
    #: ``agencies/names.yaml``: prefixes of national names, name templates, English types.
    national_prefixes: tuple[str, ...] = ()
    names: dict[str, str] = field(default_factory=dict)
    en_types: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: PatternStore) -> Lexicon:
        lex = cls()
        for row in store.tsv(BODIES):
            lex.bodies_zh[row["surface"]] = row["canonical"]
            for en in filter(None, (e.strip() for e in row.get("en", "").split("|"))):
                lex.bodies_en[en.casefold()] = row["canonical"]
        for row in store.tsv(NATIONAL):
            surface, canonical = row["surface"], row["canonical"]
            if row.get("lang") == "zh":
                lex.national_zh[surface] = canonical
            elif surface.isupper():
                lex.national_acronyms[surface] = canonical
            else:
                lex.national_en[surface.casefold()] = canonical
        types = store.yaml(ZH_GRAMMAR).get("canonical_types") or {}
        lex.canonical_types = {str(k): str(v) for k, v in types.items()}
        names = store.yaml(NAMES)
        lex.national_prefixes = tuple(str(p) for p in names["national_prefixes"])
        lex.names = {str(k): str(v) for k, v in names["names"].items()}
        lex.en_types = {str(k).casefold(): (str(v[0]), str(v[1])) for k, v in names["en_types"].items()}
        return lex


class AgencyNamer:
    """Builds ``name`` from a resolved agency mention."""

    def __init__(self, gaz: Gazetteer, lex: Lexicon) -> None:
        self.gaz = gaz
        self.lex = lex

    def name(self, m: Mention, surface: str) -> str | None:
        g: dict[str, str] = m.attrs.get("groups") or {}
        if m.attrs.get("national"):
            national = g.get("national") or surface
            for prefix in (*self.lex.national_prefixes, ""):
                key = national[len(prefix):] if prefix and national.startswith(prefix) else national
                if key in self.lex.national_zh:
                    return self.lex.national_zh[key]
            body = self.lex.bodies_en.get(" ".join((g.get("body") or "").split()).casefold())
            if body:
                return self.lex.names["national_ministry"].format(body=body)
            return self.lex.national_en.get(" ".join(national.split()).casefold())
        place = self.gaz.name(m.value) or ""
        if m.attrs.get("lang") == "en":
            return self._en(m, g, place)
        return self._zh(m.rule, g, place, surface)

    def _zh(self, rule: str, g: dict[str, str], place: str, surface: str) -> str | None:
        types = self.lex.canonical_types
        if rule == "agencies.zh.department":
            body = self.lex.bodies_zh.get(g.get("body", ""), g.get("body", ""))
            return place + body + types.get(g.get("suffix", ""), g.get("suffix", ""))
        names = self.lex.names
        if rule == "agencies.zh.government":
            office = g.get("office", "")
            return names["government"].format(place=place, office=types.get(office, office))
        if rule == "agencies.zh.party":
            return names["party"].format(place=place) if place else None
        if rule == "agencies.zh.group":
            parent = g.get("parent", "")
            body = g.get("body", "")
            if parent == names["party_parent"] and place:
                return names["party_group"].format(place=place, body=body)
            return names["government_group"].format(place=place, body=body) if parent else place + body
        return surface

    def _en(self, m: Mention, g: dict[str, str], place: str) -> str | None:
        rule = m.rule
        if rule in ("agencies.en.government", "agencies.en.government_of"):
            office = self.lex.names["press_office"] if "office" in m.attrs.get("groups", {}) \
                or rule == "agencies.en.government" and "office" in (g.get("body", "").casefold()) else ""
            return self.lex.names["government"].format(place=place, office=office) if place else None
        if rule == "agencies.en.party":
            return self.lex.names["party"].format(place=place) if place else None
        body = self.lex.bodies_en.get(" ".join((g.get("body") or "").split()).casefold())
        if body and place:
            provincial = self.gaz.level(m.value) == "province"
            kind = self.lex.en_types.get((g.get("suffix") or "").casefold(), ("", ""))
            return place + body + (kind[0] if provincial else kind[1])
        return None
