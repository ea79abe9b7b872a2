"""Regenerate the region gazetteer in patterns/regions/ from cpca's division table.

How to run (from the repository root)::

    pip install cpca==0.5.5 pypinyin
    python scripts/build_gazetteer.py

(in this project's dev setup: ``/tmp/probe-venv/bin/python scripts/build_gazetteer.py``).

Inputs
    * ``cpca/resources/adcodes.csv`` and ``cpca/resources/56_nations.csv`` from the
      installed cpca 0.5.5 package (MIT licence).  The files are located with
      ``importlib.util.find_spec`` (which does not execute ``cpca/__init__.py``;
      importing cpca would pull in pandas) and read as plain CSV.
    * ``patterns/regions/historic.tsv`` (hand-maintained): abolished divisions and
      overrides for changes after the cpca snapshot.
    * ``patterns/regions/en_exceptions.tsv`` (hand-maintained): conventional English
      names and corrections of pinyin readings.
    * pypinyin, for the pinyin of short names.

Outputs (generated; do not edit by hand)
    * ``patterns/regions/divisions.tsv``
    * ``patterns/regions/aliases.en.tsv``

The output is deterministic: rows are sorted and unique, no timestamps are written.
The script also validates the hand-maintained files it reads (and
``aliases.zh.tsv``) and exits non-zero on any inconsistency.
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "patterns" / "regions"

CPCA_VERSION_EXPECTED = "0.5.5"

# --------------------------------------------------------------------------
# Data tables for the short-name rules
# --------------------------------------------------------------------------

# cpca rows that are placeholders in the NBS/GB/T 2260 tables, not divisions.
PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})

# Province-level municipalities: their districts/counties hang directly off the province.
MUNICIPALITIES = frozenset({"11", "12", "31", "50"})

# Administrative suffixes, tried longest first.  A suffix is only stripped when the
# remainder keeps at least two characters; otherwise the next (shorter) suffix is
# tried, and if none works the short name is empty.
SUFFIXES_BY_LEVEL = {
    "province": ("特别行政区", "自治区", "省", "市"),
    "prefecture": ("自治州", "地区", "盟", "市"),
    "county": ("自治县", "自治旗", "矿区", "新区", "特区", "区", "县", "市", "旗"),
}

# Ethnic designations written without 族 in official names (蒙古, 哈萨克 ...) come
# from the 56-nationality list; these extra tokens are stripped as well.
EXTRA_ETHNIC_TOKENS = ("各族",)

# Short names that are generic words rather than place names (城区 "urban district",
# 郊区 "suburb", 市中 "city centre" ...).  Such divisions get an empty short name and
# no English alias.
GENERIC_SHORT_NAMES = frozenset({
    "城区", "郊区", "矿区", "市中", "城中", "城东", "城西", "城南", "城北", "城关", "新城", "新区",
})

# County-level names whose short form is an everyday Chinese word (合作 "cooperation",
# 南部 "southern part", 平安 "safe", 新华 as in Xinhua News Agency ...).  Their short
# column is left empty so that only the full name (合作市, 南部县) is matched; the
# English alias is still generated (Hezuo, Nanbu are not English words).
COMMON_WORD_SHORTS = frozenset({
    "合作", "南部", "东方", "友谊", "友好", "新华", "和平", "平安", "太平", "振兴", "复兴", "新兴",
    "宏伟", "富裕", "富民", "红旗", "前进", "向阳", "东风", "红星", "工农", "爱民", "大方", "同心",
    "安定", "和顺", "通道", "前锋", "古城", "共和", "安居", "江南", "江北", "河东", "河西", "龙井",
    "新市", "西市", "海港", "港口", "站前", "路南", "路北", "桥东", "桥西", "河口", "大观", "永和",
})

# Banners named by position (乌拉特前旗, 科尔沁左翼中旗 ...) have no usable short form.
POSITIONAL_BANNER_ENDINGS = ("前旗", "中旗", "后旗", "左旗", "右旗")

# Explicit short names where the rules above do not apply.
SHORT_OVERRIDES = {
    "神农架林区": "神农架",          # 林区 is a suffix only here (万柏林区, 北林区 are 万柏林, 北林)
    "中沙群岛的岛礁及其海域": "中沙群岛",
    "达尔罕茂明安联合旗": "达茂",     # conventional abbreviation (达茂旗)
    "喀喇沁左翼蒙古族自治县": "喀左",  # conventional abbreviation (喀左县)
}

# Place-name readings of heteronymous characters that pypinyin's phrase dictionary
# gets wrong inside place names.  Applied per character after lazy_pinyin; word-level
# exceptions (长子 Zhangzi ...) are in en_exceptions.tsv.
PLACE_CHAR_READINGS = {
    "长": "chang",   # 长治, 长垣, 天长, 长宁 ... (长子县 Zhangzi is an exception row)
    "朝": "chao",    # 朝阳
    "漯": "luo",     # 漯河
    "蚌": "beng",    # 蚌埠, 蚌山
    "珲": "hun",     # 珲春
    "筠": "jun",     # 筠连
    "涡": "guo",     # 涡阳
    "峙": "shi",     # 繁峙
    "都": "du",      # 望都, 花都, 宁都, 丰都, 都匀, 武都 ... (pypinyin: dou)
    "勒": "le",      # 锡林郭勒, 库尔勒, 阿勒泰, 策勒 (pypinyin: lei)
    "什": "shi",     # 喀什, 乌什, 阿图什, 康巴什, 什邡 (pypinyin: shen)
    "尾": "wei",     # 马尾 (pypinyin: yi)
    "卡": "ka",      # 浪卡子 (pypinyin: qia)
    "佛": "fo",      # 佛冈, 佛坪 (pypinyin: fu)
    "曾": "zeng",    # 曾都 (pypinyin: ceng)
    "单": "shan",    # 单县 Shan County (pypinyin: dan)
    "费": "bi",      # 费县 Bi County (pypinyin: fei)
    "浚": "xun",     # 浚县 Xun County (pypinyin: jun)
    "蔚": "yu",      # 蔚县 Yu County (pypinyin: wei)
    "莘": "shen",    # 莘县 Shen County (pypinyin: xin)
    "歙": "she",     # 歙县 She County (pypinyin: xi)
}

# Divisions whose short name would be one character (沛县, 单县) get an English alias WITH
# its suffix only (``Pei County``): a bare syllable (``Pei``) is not a place name in English.
# Full names that are generic words (城区 "urban district", 东区 "east district") get none.
ONE_CHAR_EN_SUFFIXES = {"县": "County", "区": "District", "市": "City", "旗": "Banner"}
ONE_CHAR_EN_SKIP = frozenset({"城区", "郊区", "矿区", "东区", "西区"})

LEVEL_RANK = {"province": 1, "prefecture": 2, "county": 3}

GENERATED_NOTE = "# Generated by scripts/build_gazetteer.py; do not edit by hand"


# --------------------------------------------------------------------------
# cpca resources
# --------------------------------------------------------------------------

def cpca_resource(name: str) -> Path:
    """Path of a file in cpca/resources without importing cpca."""
    spec = importlib.util.find_spec("cpca")  # finds the package; does not run __init__
    if spec is not None and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            p = Path(loc) / "resources" / name
            if p.is_file():
                return p
    for f in importlib.metadata.files("cpca") or ():
        if f.name == name and f.parent.name == "resources":
            return Path(f.locate())
    raise SystemExit(f"cannot find cpca/resources/{name}; pip install cpca=={CPCA_VERSION_EXPECTED}")


def cpca_version() -> str:
    return importlib.metadata.version("cpca")


def pypinyin_version() -> str:
    return importlib.metadata.version("pypinyin")


def load_nationalities() -> list[str]:
    """Ethnic tokens to strip, longest first: '苗族', and '蒙古'/'哈萨克' style (no 族)."""
    with open(cpca_resource("56_nations.csv"), encoding="utf-8") as f:
        names = [line.strip() for line in f if line.strip()]
    tokens = set(EXTRA_ETHNIC_TOKENS)
    for n in names:
        tokens.add(n)                       # 苗族
        base = n[:-1] if n.endswith("族") else n
        if len(base) >= 2:                  # 蒙古, 哈萨克; never single characters like 回, 藏
            tokens.add(base)
    return sorted(tokens, key=lambda t: (-len(t), t))


# --------------------------------------------------------------------------
# Short names
# --------------------------------------------------------------------------

def strip_ethnic(stem: str, tokens: list[str]) -> str:
    changed = True
    while changed:
        changed = False
        for t in tokens:
            if stem.endswith(t) and len(stem) - len(t) >= 2:
                stem = stem[: -len(t)]
                changed = True
                break
    if stem.endswith("族") and len(stem) >= 3:   # 鄂温克族 -> 鄂温克 (all of it is the ethnic name)
        stem = stem[:-1]
    return stem


def short_name(name: str, level: str, tokens: list[str]) -> str:
    if name in SHORT_OVERRIDES:
        return SHORT_OVERRIDES[name]
    if level == "county" and name.endswith(POSITIONAL_BANNER_ENDINGS):
        return ""
    stem = None
    for suf in SUFFIXES_BY_LEVEL[level]:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            stem = name[: -len(suf)]
            break
    if stem is None:
        if any(name.endswith(s) for s in SUFFIXES_BY_LEVEL[level]):
            return ""           # 沛县, 城区, 矿区: one character (or nothing) left
        stem = name             # no administrative suffix (西沙群岛)
    stem = strip_ethnic(stem, tokens)
    if len(stem) < 2 or stem in GENERIC_SHORT_NAMES:
        return ""
    return stem


# --------------------------------------------------------------------------
# TSV helpers
# --------------------------------------------------------------------------

def read_tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """(column names, rows) of a file with '#' comment lines and one header row."""
    with open(path, encoding="utf-8", newline="") as f:
        lines = [ln.rstrip("\n") for ln in f]
    body = [ln for ln in lines if ln and not ln.startswith("#")]
    header = body[0].split("\t")
    rows = []
    for i, ln in enumerate(body[1:], 2):
        cells = ln.split("\t")
        if len(cells) != len(header):
            raise SystemExit(f"{path.name}: row {i} has {len(cells)} cells, expected {len(header)}: {ln!r}")
        rows.append(dict(zip(header, cells)))
    return header, rows


def write_tsv(path: Path, header_lines: list[str], columns: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header_lines:
            f.write(h + "\n")
        f.write("\t".join(columns) + "\n")
        for r in rows:
            assert all("\t" not in c and "\n" not in c for c in r), r
            f.write("\t".join(r) + "\n")


# --------------------------------------------------------------------------
# Divisions
# --------------------------------------------------------------------------

def level_of(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "prefecture"
    return "county"


def build_divisions(tokens: list[str]) -> list[dict[str, str]]:
    with open(cpca_resource("adcodes.csv"), encoding="utf-8", newline="") as f:
        raw = list(csv.DictReader(f))
    names: dict[str, str] = {}
    for r in raw:
        code = r["adcode"][:6]
        if r["adcode"][6:].strip("0"):
            raise SystemExit(f"unexpected sub-county adcode {r['adcode']}")
        if code in names and names[code] != r["name"]:
            raise SystemExit(f"duplicate code {code}")
        names[code] = r["name"]

    real = {c: n for c, n in names.items() if n not in PLACEHOLDER_NAMES}
    divisions: dict[str, dict[str, str]] = {}
    for code, name in real.items():
        level = level_of(code)
        prov = code[:2] + "0000"
        if level == "province":
            parent = ""
        elif level == "prefecture":
            parent = prov
        else:
            pref = code[:4] + "00"
            # municipalities, 省直辖县级行政区划 (4290xx, 4190xx, 4690xx, 1390xx, 6590xx):
            # no real prefecture above the county -> parent is the province
            parent = pref if (code[:2] not in MUNICIPALITIES and pref in real) else prov
        stem = short_name(name, level, tokens)
        divisions[code] = {
            "code": code, "name": name, "short": stem, "en_stem": stem,
            "level": level, "parent": parent, "valid_from": "", "valid_to": "",
        }

    _, hist = read_tsv(OUT_DIR / "historic.tsv")
    for h in hist:
        code = h["code"]
        if code in divisions and divisions[code]["name"] != h["name"]:
            raise SystemExit(f"historic.tsv: {code} {h['name']} conflicts with cpca name {divisions[code]['name']}")
        stem = short_name(h["name"], h["level"], tokens)
        if h["short"] != stem:
            print(f"note: historic.tsv short for {code} {h['name']}: {h['short']!r} (rule gives {stem!r})")
        divisions[code] = {k: h[k] for k in ("code", "name", "short", "level", "parent", "valid_from", "valid_to")}
        divisions[code]["en_stem"] = h["short"] or stem

    province_shorts = {d["short"] for d in divisions.values() if d["level"] == "province" and d["short"]}
    for d in divisions.values():
        if d["level"] == "county" and (d["short"] in COMMON_WORD_SHORTS or d["short"] in province_shorts):
            d["short"] = ""   # 合作市, 河南县 (Qinghai), 河北区 (Tianjin): match by full name only
    return [divisions[c] for c in sorted(divisions)]


def validate_divisions(divs: list[dict[str, str]]) -> None:
    by_code = {d["code"]: d for d in divs}
    errors = []
    for d in divs:
        c = d["code"]
        if len(c) != 6 or not c.isdigit():
            errors.append(f"bad code {c}")
        if d["level"] not in LEVEL_RANK:
            errors.append(f"{c}: bad level {d['level']}")
        if d["level"] != level_of(c):
            errors.append(f"{c}: level {d['level']} does not match code structure")
        if d["level"] == "province":
            if d["parent"]:
                errors.append(f"{c}: province with a parent")
        else:
            p = by_code.get(d["parent"])
            if p is None:
                errors.append(f"{c}: parent {d['parent']} missing")
            elif LEVEL_RANK[p["level"]] >= LEVEL_RANK[d["level"]]:
                errors.append(f"{c}: parent {p['code']} not of a higher level")
            elif not d["valid_to"] and p["valid_to"]:
                errors.append(f"{c} {d['name']}: current division under abolished parent {p['code']} {p['name']}")
        if d["valid_from"] and d["valid_to"] and d["valid_from"] >= d["valid_to"]:
            errors.append(f"{c}: valid_from >= valid_to")
    if errors:
        raise SystemExit("divisions invalid:\n  " + "\n  ".join(errors))


# --------------------------------------------------------------------------
# English aliases
# --------------------------------------------------------------------------

def pinyin_alias(short: str) -> str:
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(short, style=Style.NORMAL, v_to_u=True, errors="default")
    if len(syllables) != len(short):
        raise SystemExit(f"pinyin length mismatch for {short}: {syllables}")
    syllables = [PLACE_CHAR_READINGS.get(ch, s) for ch, s in zip(short, syllables)]
    out = syllables[0]
    for s in syllables[1:]:
        out += ("'" + s) if s[0] in "aoe" else s
    return out[0].upper() + out[1:]


def one_char_alias(name: str) -> str:
    """``沛县`` -> ``Pei County``: the English name of a one-character division keeps its suffix."""
    if len(name) != 2 or name in ONE_CHAR_EN_SKIP or name[1] not in ONE_CHAR_EN_SUFFIXES:
        return ""
    return f"{pinyin_alias(name[0])} {ONE_CHAR_EN_SUFFIXES[name[1]]}"


def ascii_fold(s: str) -> str:
    return s.replace("ü", "u").replace("Ü", "U")


def build_english(divs: list[dict[str, str]]) -> list[list[str]]:
    codes = {d["code"] for d in divs}
    _, exc = read_tsv(OUT_DIR / "en_exceptions.tsv")
    drops = set()
    adds: dict[tuple[str, str], str] = {}
    for e in exc:
        if e["code"] not in codes:
            raise SystemExit(f"en_exceptions.tsv: unknown code {e['code']} ({e['alias']})")
        key = (e["alias"], e["code"])
        if e["note"] == "drop":
            drops.add(key)
        else:
            adds[key] = e["note"]

    rows: dict[tuple[str, str], str] = {}
    for d in divs:
        if len(d["en_stem"]) < 2:
            suffixed = one_char_alias(d["name"])
            if suffixed:
                rows[(suffixed, d["code"])] = "pinyin-suffixed"
            continue
        alias = pinyin_alias(d["en_stem"])
        rows[(alias, d["code"])] = "pinyin"
        folded = ascii_fold(alias)
        if folded != alias:
            rows.setdefault((folded, d["code"]), "pinyin-ascii")
    unused_drops = drops - set(rows)
    if unused_drops:
        raise SystemExit(f"en_exceptions.tsv: drop rows that match no generated alias: {sorted(unused_drops)}")
    for key in drops:
        del rows[key]
    for key, note in adds.items():
        if key in drops:
            raise SystemExit(f"en_exceptions.tsv: {key} both dropped and added")
        rows[key] = note
    return [[a, c, n] for (a, c), n in sorted(rows.items())]


# --------------------------------------------------------------------------
# Checks on the other hand-maintained files
# --------------------------------------------------------------------------

def validate_zh_aliases(divs: list[dict[str, str]]) -> None:
    by_code = {d["code"]: d for d in divs}
    _, rows = read_tsv(OUT_DIR / "aliases.zh.tsv")
    keys = [(r["alias"], r["code"]) for r in rows]
    if keys != sorted(set(keys)):
        raise SystemExit("aliases.zh.tsv: not sorted/unique by (alias, code)")
    for r in rows:
        d = by_code.get(r["code"])
        if d is None:
            raise SystemExit(f"aliases.zh.tsv: unknown code {r['code']} ({r['alias']})")
        if r["alias"] in (d["name"], d["short"]):
            raise SystemExit(f"aliases.zh.tsv: {r['alias']} is already the name/short of {r['code']}")
        if r["note"].split(";")[0] == "abbr1" and (len(r["alias"]) != 1 or d["level"] != "province"):
            raise SystemExit(f"aliases.zh.tsv: bad abbr1 row {r}")


def main() -> int:
    tokens = load_nationalities()
    divs = build_divisions(tokens)
    validate_divisions(divs)
    validate_zh_aliases(divs)
    en = build_english(divs)

    cv, pv = cpca_version(), pypinyin_version()
    if cv != CPCA_VERSION_EXPECTED:
        print(f"warning: cpca {cv} installed, the data was checked against {CPCA_VERSION_EXPECTED}", file=sys.stderr)

    write_tsv(
        OUT_DIR / "divisions.tsv",
        [
            "# File: regions/divisions.tsv",
            "# Format: code<TAB>name<TAB>short<TAB>level<TAB>parent<TAB>valid_from<TAB>valid_to",
            f"# Source: cpca {cv} (PyPI) resources/adcodes.csv, GB/T 2260 codes as of c. 2016 (first 6 digits of the 12-digit NBS codes); "
            "plus patterns/regions/historic.tsv (hand-maintained: abolished divisions since 2000 and changes after the cpca snapshot)",
            "# Licence: cpca is MIT-licensed (Copyright (c) DQinYuan); codes and names are official public facts; historic.tsv is part of this project",
            "# Used by: src/recovery_extract/extract/regions.py",
            GENERATED_NOTE,
            "# level: province | prefecture | county; parent: code of the province/prefecture above (empty for provinces).",
            "# Districts of 北京/天津/上海/重庆 and directly administered county-level units (e.g. 湖北 4290xx, 河南 419001, 海南 4690xx) have the province as parent.",
            "# short: conventional short name (administrative suffix and ethnic designation stripped); empty when it would be one character, a generic word (城区, 郊区 ...),",
            "#   a positional banner name (乌拉特前旗), or, for county level, an everyday word (合作市, 南部县, 平安区) or a province short name (河南县, 河北区): match those by full name.",
            "# valid_from/valid_to: ISO dates, empty = open; a code is valid for dates d with valid_from <= d < valid_to.",
        ],
        ["code", "name", "short", "level", "parent", "valid_from", "valid_to"],
        [[d[k] for k in ("code", "name", "short", "level", "parent", "valid_from", "valid_to")] for d in divs],
    )
    write_tsv(
        OUT_DIR / "aliases.en.tsv",
        [
            "# File: regions/aliases.en.tsv",
            "# Format: alias<TAB>code<TAB>note",
            f"# Source: Hanyu Pinyin of the short names in divisions.tsv, computed with pypinyin {pv} (phrase dictionary, Style.NORMAL, "
            "apostrophe before a/o/e syllables, place-name character readings in scripts/build_gazetteer.py), merged with patterns/regions/en_exceptions.tsv",
            "# Licence: pypinyin is MIT-licensed; generated data is part of this project",
            "# Used by: src/recovery_extract/extract/regions.py",
            GENERATED_NOTE,
            "# Base aliases only: the extractor adds Province/City/County/District/Prefecture suffix variants and case-folds.",
            "# Several codes may share an alias (Shanxi, Chaoyang, Xinhua ...): all rows are kept; the extractor resolves ambiguity.",
            "# note: pinyin | pinyin-ascii (ü folded to u) | pinyin-suffixed (one-character name: the alias carries its suffix, Pei County)",
            "#   | the note of the en_exceptions.tsv row (conventional, reading ...)",
        ],
        ["alias", "code", "note"],
        en,
    )
    print(f"divisions.tsv: {len(divs)} rows; aliases.en.tsv: {len(en)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
