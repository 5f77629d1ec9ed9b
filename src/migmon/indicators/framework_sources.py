"""Read the SDG framework, the series list and the GCM objectives from their files (no database).

Inputs: ``data/sdg-framework/{en,fr,es}/global_{goals,targets,indicators}.yml`` (keys such as ``10-7-3-title``),
``data/sdg-series-codes/sdmx_global_content_constraints.csv`` (indicator codes only in a trailing ``[10.7.3]``
bracket of ``Name``), ``data/gcm-objectives/gcm_objectives.csv`` and migmon's curated files in
``indicators/data/`` (see ``SOURCES.md`` there).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from migmon.indicators.vocabulary import CONSTRAINT_CODES

LANGUAGES = ("en", "fr", "es")
FRAMEWORK_DIR = Path("sdg-framework")
SERIES_FILE = Path("sdg-series-codes") / "sdmx_global_content_constraints.csv"
GCM_FILE = Path("gcm-objectives") / "gcm_objectives.csv"
CURATED_DIR = Path(__file__).resolve().parent / "data"
#: The dimension columns of the constraints file (the vocabulary says which dimensions it constrains).
DIMENSION_COLUMNS = CONSTRAINT_CODES
_INDICATOR_BRACKET = re.compile(r"\s*\[([^\]]+)\]\s*$")


def sort_key(code: str) -> str:
    """A text key ordering codes as people read them: 10.2 < 10.10 < 10.a < 10.b (numbers padded, letters after)."""
    return ".".join(part.zfill(3) if part.isdigit() else part for part in code.split("."))


@dataclass
class FrameworkEntry:
    """A goal, target or indicator entry with its titles by language (and goal short titles)."""

    code: str
    titles: dict[str, str] = field(default_factory=dict)
    shorts: dict[str, str] = field(default_factory=dict)


@dataclass
class Framework:
    goals: dict[str, FrameworkEntry]
    targets: dict[str, FrameworkEntry]
    indicators: dict[str, FrameworkEntry]

    def indicator_groups(self) -> list[list[str]]:
        """Indicator entry codes grouped by identical official English title: one group per indicator.

        English is the reference text; the French and Spanish translations of a repeat sometimes differ in
        punctuation (1.5.3 / 11.b.1 / 13.1.2), so the first entry's translations are used for the group.
        """
        groups: dict[str, list[str]] = {}
        for code in sorted(self.indicators, key=sort_key):
            groups.setdefault(self.indicators[code].titles["en"], []).append(code)
        return list(groups.values())


def _yaml_titles(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        # libyaml's safe loader when PyYAML was built with it (the wheels are): the same data, 5× faster to read.
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    # Whitespace of the folded YAML scalars collapsed; NFC so "é" is one character whatever the file used.
    return {str(key): unicodedata.normalize("NFC", " ".join(str(value).split())) for key, value in data.items()}


def read_framework(data_dir: Path) -> Framework:
    """Goals, targets and indicator entries with their titles in English, French and Spanish."""
    goals: dict[str, FrameworkEntry] = {}
    targets: dict[str, FrameworkEntry] = {}
    indicators: dict[str, FrameworkEntry] = {}
    for language in LANGUAGES:
        folder = data_dir / FRAMEWORK_DIR / language
        for key, text in _yaml_titles(folder / "global_goals.yml").items():
            number, kind = key.split("-", 1)
            entry = goals.setdefault(number, FrameworkEntry(number))
            (entry.titles if kind == "title" else entry.shorts)[language] = text
        for name, bucket in (("global_targets.yml", targets), ("global_indicators.yml", indicators)):
            for key, text in _yaml_titles(folder / name).items():
                if not key.endswith("-title"):
                    raise ValueError(f"{folder / name}: unexpected key {key!r}")
                code = key.removesuffix("-title").replace("-", ".")
                bucket.setdefault(code, FrameworkEntry(code)).titles[language] = text
    for bucket in (goals, targets, indicators):
        for entry in bucket.values():
            missing = [lang for lang in LANGUAGES if lang not in entry.titles]
            if missing:
                raise ValueError(f"framework entry {entry.code} has no title in {', '.join(missing)}")
    return Framework(goals, targets, indicators)


@dataclass
class SeriesSpec:
    code: str
    name_en: str
    unit: str
    unit_multiplier: int
    indicator_codes: list[str]
    allowed_dimensions: dict[str, object]
    description: str = ""
    source: str = ""
    #: French and Spanish names where migmon's own list gives them (empty: pages show the English name).
    name_fr: str = ""
    name_es: str = ""


def _codes(text: str) -> object:
    """``ALL`` stays a word; ``_T;PD_1`` becomes a list."""
    text = text.strip()
    return text if text == "ALL" else [code for code in text.split(";") if code]


def read_series(data_dir: Path) -> list[SeriesSpec]:
    """The SDG series of the constraints file, then migmon's extra series (``extra_series.csv``)."""
    specs = []
    path = data_dir / SERIES_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["Name"]
            match = _INDICATOR_BRACKET.search(name)
            indicator_codes = [code.strip() for code in match.group(1).split(",")] if match else []
            allowed = {column: _codes(row[column]) for column in DIMENSION_COLUMNS if row[column].strip()}
            multiplier = row["UNIT_MULT"].strip()
            if multiplier == "ALL":
                allowed["UNIT_MULT"] = "ALL"  # any multiplier is allowed; values say theirs
            specs.append(
                SeriesSpec(
                    code=row["SERIES"].strip(),
                    name_en=_INDICATOR_BRACKET.sub("", name).strip(),
                    unit=row["UNIT_MEASURE"].strip(),
                    unit_multiplier=int(multiplier) if multiplier.isdigit() else 0,
                    indicator_codes=indicator_codes,
                    allowed_dimensions=allowed,
                    source="SDG DSD content constraints (Open SDG sdg-build, 2021) — data/sdg-series-codes",
                )
            )
    with (CURATED_DIR / "extra_series.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            allowed = {}
            for part in filter(None, row["allowed_dimensions"].split("|")):
                dimension, codes = part.split("=", 1)
                allowed[dimension] = _codes(codes)
            specs.append(
                SeriesSpec(
                    code=row["code"],
                    name_en=row["name_en"],
                    name_fr=row["name_fr"],
                    name_es=row["name_es"],
                    unit=row["unit"],
                    unit_multiplier=int(row["unit_multiplier"] or 0),
                    indicator_codes=[code for code in row["indicators"].split(";") if code],
                    allowed_dimensions=allowed,
                    description=row["description"],
                    source=row["source"],
                )
            )
    return specs


def read_gcm_objectives(data_dir: Path) -> list[dict[str, str]]:
    with (data_dir / GCM_FILE).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_curated(name: str) -> list[dict[str, str]]:
    """Rows of one of migmon's curated files in ``indicators/data/``."""
    with (CURATED_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
