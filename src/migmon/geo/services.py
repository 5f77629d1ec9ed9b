"""Write the geography: M49 areas, DESA codes and groupings, names in three languages, aliases.

:func:`geography_load` is idempotent: it compares what the files say with what the database holds and
writes only the differences, so a second run reports zero changes.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import babel
from babel import Locale
from babel.core import get_cldr_version
from django.db import transaction

from migmon.geo.groupings import country_places, evaluate_rule
from migmon.geo.lookup import forget_shared
from migmon.geo.m49 import M49_FILE, M49Country, read_m49
from migmon.geo.models import REGION_KINDS, Area, AreaAlias, AreaKind, DesaCode
from migmon.geo.names import fold_name

GEO_DATA_DIR = Path(__file__).resolve().parent / "data"
ALIASES_FILE = GEO_DATA_DIR / "aliases.csv"
DESA_AGGREGATES_FILE = GEO_DATA_DIR / "desa_aggregates.csv"
# Country-level areas real files use that neither M49 nor DESA lists (Kosovo, XK, in World Bank corridors).
EXTRA_AREAS_FILE = GEO_DATA_DIR / "extra_areas.csv"
M49_SOURCE = "UNSD M49 overview"
AREA_FIELDS = (
    "kind",
    "m49",
    "iso2",
    "iso3",
    "desa_code",
    "name_en",
    "name_fr",
    "name_es",
    "names_source",
    "is_ldc",
    "is_lldc",
    "is_sids",
)


@dataclass
class GeographyLoadResult:
    """What a load changed, per table, and where names fell back to English."""

    areas: Counter[str] = field(default_factory=Counter)
    desa_codes: Counter[str] = field(default_factory=Counter)
    aliases: Counter[str] = field(default_factory=Counter)
    memberships: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    cldr_version: str = ""
    english_fallbacks: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(
            counts[key]
            for counts in (self.areas, self.desa_codes, self.aliases, self.memberships)
            for key in ("created", "updated", "deleted")
        )


@dataclass
class _AreaSpec:
    code: str
    values: dict[str, object]
    parent: str | None = None
    members_rule: str = ""


def geography_load(*, data_dir: Path) -> GeographyLoadResult:
    """Bring the areas, DESA codes, memberships and aliases in line with the files; return what changed."""
    countries = read_m49(data_dir / M49_FILE)
    desa_rows = _read_csv(DESA_AGGREGATES_FILE)
    alias_rows = _read_csv(ALIASES_FILE)
    result = GeographyLoadResult(cldr_version=f"CLDR {get_cldr_version()} (Babel {babel.__version__})")
    specs = _area_specs(countries, desa_rows, result)
    with transaction.atomic():
        areas = _sync_areas(specs, result)
        _sync_members(specs, countries, desa_rows, areas, result)
        _sync_desa_codes(desa_rows, areas, result)
        _sync_aliases(_alias_specs(specs, desa_rows, alias_rows), areas, result)
    forget_shared()  # names may have changed without a save signal (queryset updates)
    result.kinds = Counter(Area.objects.values_list("kind", flat=True))
    return result


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _translations(cldr_key: str | None, english: str, result: GeographyLoadResult) -> tuple[str, str, str]:
    """French and Spanish names from CLDR for an ISO alpha-2 or M49 region code; English where CLDR has none."""
    names = []
    for language in ("fr", "es"):
        name = Locale(language).territories.get(cldr_key) if cldr_key else None
        names.append(name or english)
    if cldr_key and all(Locale(lang).territories.get(cldr_key) for lang in ("fr", "es")):
        return names[0], names[1], f"en: {M49_SOURCE}; fr, es: {result.cldr_version}"
    result.english_fallbacks.append(english)
    return names[0], names[1], "fr, es: English name (CLDR has no name for this area)"


def _area_specs(
    countries: list[M49Country], desa_rows: list[dict[str, str]], result: GeographyLoadResult
) -> dict[str, _AreaSpec]:
    """Every area the files describe, keyed by migmon code, parents before children."""
    primary_desa = _primary_desa_codes(desa_rows)
    specs: dict[str, _AreaSpec] = {}
    for country in countries:
        parent = None
        for kind, level in zip(
            REGION_KINDS, (country.world, country.region, country.subregion, country.intermediate), strict=True
        ):
            if level is None:
                continue
            if level.m49 not in specs:
                fr, es, source = _translations(level.m49, level.name, result)
                values = _blank_values(kind, level.name, fr, es, source) | {
                    "m49": level.m49,
                    "desa_code": primary_desa.get(level.m49),
                }
                specs[level.m49] = _AreaSpec(level.m49, values, parent)
            parent = level.m49
    for row in desa_rows:
        if row["kind"] == "grouping" and row["area"] not in specs:
            english = row["name_en"]
            # CLDR names regions by M49 code only; DESA's own groupings have no CLDR name.
            values = _blank_values(AreaKind.GROUPING, english, english, english, "")
            values["names_source"] = "en: UN DESA International Migrant Stock; fr, es: English name (not in CLDR)"
            values["desa_code"] = primary_desa[row["area"]]
            result.english_fallbacks.append(english)
            specs[row["area"]] = _AreaSpec(row["area"], values, None, row["members"])
        elif row["kind"] == "grouping" and row["members"]:
            specs[row["area"]].members_rule = row["members"]
    for country in countries:
        fr, es, source = _translations(country.iso2, country.name, result)
        values = _blank_values(AreaKind.COUNTRY, country.name, fr, es, source) | {
            "m49": country.m49,
            "iso2": country.iso2 or None,
            "iso3": country.iso3 or None,
            "desa_code": int(country.m49),
            "is_ldc": country.is_ldc,
            "is_lldc": country.is_lldc,
            "is_sids": country.is_sids,
        }
        parent = country.levels[-1].m49
        specs[country.iso3] = _AreaSpec(country.iso3, values, parent)
    for row in desa_rows:
        if row["kind"] == "country":
            english = row["name_en"]
            values = _blank_values(AreaKind.COUNTRY, english, english, english, "")
            values |= {"m49": f"{int(row['desa_code']):03d}", "desa_code": int(row["desa_code"])}
            values["names_source"] = "en: UN DESA International Migrant Stock; fr, es: English name (not in M49 file)"
            result.english_fallbacks.append(english)
            specs[row["area"]] = _AreaSpec(row["area"], values, row["parent"])
    for row in _read_csv(EXTRA_AREAS_FILE):
        fr, es, source = _translations(row["iso2"], row["name_en"], result)
        values = _blank_values(AreaKind.COUNTRY, row["name_en"], fr, es, source) | {"iso2": row["iso2"]}
        values["names_source"] = source.replace(M49_SOURCE, "geo/data/extra_areas.csv (see its source column)")
        specs[row["code"]] = _AreaSpec(row["code"], values, row["parent"])
    return specs


def _blank_values(kind: str, en: str, fr: str, es: str, source: str) -> dict[str, object]:
    return {
        "kind": kind,
        "m49": None,
        "iso2": None,
        "iso3": None,
        "desa_code": None,
        "name_en": en,
        "name_fr": fr,
        "name_es": es,
        "names_source": source,
        "is_ldc": False,
        "is_lldc": False,
        "is_sids": False,
    }


def _primary_desa_codes(desa_rows: list[dict[str, str]]) -> dict[str, int]:
    """The DESA code kept on each area: the lowest one the newest edition uses (Africa: 903, not 947)."""
    primary: dict[str, int] = {}
    ranked = sorted(desa_rows, key=lambda row: ("2024" not in row["editions"].split(), int(row["desa_code"])))
    for row in ranked:
        primary.setdefault(row["area"], int(row["desa_code"]))
    return primary


def _sync_areas(specs: dict[str, _AreaSpec], result: GeographyLoadResult) -> dict[str, Area]:
    existing = {area.code: area for area in Area.objects.all()}
    for code, spec in specs.items():  # dict order puts parents first
        parent = existing[spec.parent] if spec.parent else None
        area = existing.get(code)
        if area is None:
            existing[code] = Area.objects.create(code=code, parent=parent, **spec.values)
            result.areas["created"] += 1
            continue
        changed = [name for name in AREA_FIELDS if getattr(area, name) != spec.values[name]]
        if area.parent_id != (parent.pk if parent else None):
            area.parent = parent
            changed.append("parent")
        if changed:
            for name in changed:
                if name != "parent":
                    setattr(area, name, spec.values[name])
            area.save(update_fields=changed)
            result.areas["updated"] += 1
        else:
            result.areas["unchanged"] += 1
    stale = [code for code in existing if code not in specs]
    if stale:
        # Areas the files no longer describe are reported, not deleted: observations may point at them.
        result.areas["stale"] += len(stale)
    return existing


def _sync_members(
    specs: dict[str, _AreaSpec],
    countries: list[M49Country],
    desa_rows: list[dict[str, str]],
    areas: dict[str, Area],
    result: GeographyLoadResult,
) -> None:
    extra = {row["area"]: row for row in desa_rows if row["kind"] == "country"}
    places = country_places(
        countries,
        {areas[code].m49 or "": _ancestors(areas[code]) for code in extra},
    )
    rules = {code: spec.members_rule for code, spec in specs.items() if spec.members_rule}
    by_m49 = {area.m49: area for area in areas.values() if area.m49 and area.kind == AreaKind.COUNTRY}
    for code, spec in specs.items():
        if spec.values["kind"] != AreaKind.GROUPING:
            continue
        grouping = areas[code]
        wanted = (
            {by_m49[m49].pk for m49 in evaluate_rule(spec.members_rule, places, rules)} if spec.members_rule else set()
        )
        current = set(grouping.members.values_list("pk", flat=True))
        if wanted == current:
            result.memberships["unchanged"] += 1
            continue
        grouping.members.set(wanted)
        result.memberships["updated"] += 1


def _ancestors(area: Area) -> list[str]:
    codes = []
    node = area.parent
    while node is not None:
        codes.append(node.m49 or "")
        node = node.parent
    return codes


def _sync_desa_codes(desa_rows: list[dict[str, str]], areas: dict[str, Area], result: GeographyLoadResult) -> None:
    existing = {desa.code: desa for desa in DesaCode.objects.all()}
    wanted = set()
    for row in desa_rows:
        code = int(row["desa_code"])
        wanted.add(code)
        area = areas[row["area"]]
        desa = existing.get(code)
        if desa is None:
            DesaCode.objects.create(code=code, area=area, name=row["desa_name"], editions=row["editions"])
            result.desa_codes["created"] += 1
        elif (desa.area_id, desa.name, desa.editions) != (area.pk, row["desa_name"], row["editions"]):
            DesaCode.objects.filter(pk=desa.pk).update(area=area, name=row["desa_name"], editions=row["editions"])
            result.desa_codes["updated"] += 1
        else:
            result.desa_codes["unchanged"] += 1
    stale = [code for code in existing if code not in wanted]
    result.desa_codes["deleted"] += DesaCode.objects.filter(code__in=stale).delete()[0] if stale else 0


def _alias_specs(
    specs: dict[str, _AreaSpec], desa_rows: list[dict[str, str]], alias_rows: list[dict[str, str]]
) -> dict[str, tuple[str, str, str]]:
    """folded name → (name, area code, source). Two areas claiming one folded name is a data error."""
    wanted: dict[str, tuple[str, str, str]] = {}

    def add(name: str, code: str, source: str) -> None:
        folded = fold_name(name)
        if not folded:
            return
        if code not in specs:
            raise ValueError(f"alias {name!r} points at unknown area code {code!r} ({source})")
        claimed = wanted.get(folded)
        if claimed and claimed[1] != code:
            raise ValueError(f"alias {name!r} ({source}) is already {claimed[0]!r} of {claimed[1]}: fix {ALIASES_FILE}")
        wanted.setdefault(folded, (name, code, source))

    for code, spec in specs.items():
        add(str(spec.values["name_en"]), code, M49_SOURCE if spec.values["m49"] else "UN DESA")
        if spec.values["iso3"]:
            add(str(spec.values["iso3"]), code, "ISO 3166-1 alpha-3")
    for row in desa_rows:
        add(row["desa_name"], row["area"], f"UN DESA IMS {row['editions']}")
    for row in alias_rows:
        add(row["alias"], row["code"], row["source"])
    # CLDR's English short names are the common variants (Bolivia, Iran, Russia, Vietnam, South Korea …).
    # Where one is another area's name (CLDR "Micronesia" is the M49 sub-region's name) the official name wins.
    english = Locale("en").territories
    for code, spec in specs.items():
        name = english.get(str(spec.values["iso2"])) if spec.values["iso2"] else None
        if name and fold_name(name) not in wanted:
            wanted[fold_name(name)] = (name, code, f"CLDR {get_cldr_version()} English short name")
    return wanted


def _sync_aliases(wanted: dict[str, tuple[str, str, str]], areas: dict[str, Area], result: GeographyLoadResult) -> None:
    existing = {alias.folded: alias for alias in AreaAlias.objects.all()}
    stale = [alias.pk for folded, alias in existing.items() if folded not in wanted]
    if stale:
        result.aliases["deleted"] += AreaAlias.objects.filter(pk__in=stale).delete()[0]
    to_create = []
    for folded, (name, code, source) in wanted.items():
        alias = existing.get(folded)
        area = areas[code]
        if alias is None:
            to_create.append(AreaAlias(area=area, name=name, folded=folded, source=source))
        elif (alias.area_id, alias.name, alias.source) != (area.pk, name, source):
            AreaAlias.objects.filter(pk=alias.pk).update(area=area, name=name, source=source)
            result.aliases["updated"] += 1
        else:
            result.aliases["unchanged"] += 1
    AreaAlias.objects.bulk_create(to_create)
    result.aliases["created"] += len(to_create)
