"""Write ``geo/data/desa_aggregates.csv``: what every UN DESA location code outside the M49 overview stands for.

Run once when a new DESA edition arrives (``python -m migmon.geo.tools.build_desa_aggregates``), then read the
diff. For each aggregate row of the 2020 and 2024 migrant-stock workbooks it decides:

* the **same M49 area** when DESA prints the name of an M49 world/region/sub-region/intermediate region
  (``Eastern Africa`` 910 → M49 014; ``Sub-Saharan Africa`` 947 and 1834 → M49 202);
* otherwise a **grouping** ``desa-NNNN`` (the newest code), with a membership rule only where the
  workbook's own notes or name give the composition (see ``GROUPINGS``).

Every rule, M49 or grouping, is then checked against the data: the country rows inside it must add up to the
aggregate's own row, for the latest year of each edition. The ``check`` column records the outcome; a rule
whose sums do not match is dropped (members left empty) rather than kept on faith.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from migmon.geo.desa import DESA_WORKBOOKS, DesaRow, read_desa_locations
from migmon.geo.groupings import country_places, evaluate_rule
from migmon.geo.m49 import M49_FILE, read_m49
from migmon.geo.names import fold_name

OUTPUT = Path(__file__).resolve().parent.parent / "data" / "desa_aggregates.csv"
COLUMNS = ["desa_code", "desa_name", "editions", "area", "kind", "name_en", "parent", "members", "check", "basis"]

# DESA spells one M49 sub-region differently.
NAME_EQUIVALENTS = {fold_name("Australia/New Zealand"): fold_name("Australia and New Zealand")}

# Country-level rows that the M49 overview file does not list; parent = the DESA sub-region they sit under.
DESA_ONLY_COUNTRIES = {
    158: ("030", "Listed under Eastern Asia in the DESA workbooks; absent from the UNSD M49 overview file."),
    830: ("154", "Listed under Northern Europe in the DESA workbooks; absent from the UNSD M49 overview file."),
}

# Groupings keyed by folded DESA name (so the 2020 and 2024 codes meet): (rule, basis).
NOTE = "DESA 2024 destination workbook, sheet 'Population notes'"
_GROUPINGS: list[tuple[str, str, str]] = [
    ("Northern Africa and Western Asia", "015+145", "SDG region named after the M49 sub-regions 015 and 145"),
    ("Central and Southern Asia", "143+034", "SDG region named after the M49 sub-regions 143 and 034"),
    ("Eastern and South-Eastern Asia", "030+035", "SDG region named after the M49 sub-regions 030 and 035"),
    ("Oceania (excluding Australia and New Zealand)", "009-053", "SDG region: M49 009 without 053, as named"),
    ("Europe and Northern America", "150+021", "SDG region named after the M49 areas 150 and 021"),
    ("More developed regions", "150+021+053+JPN", f"{NOTE}, note d: Europe, Northern America, Australia/NZ, Japan"),
    ("Developed regions", "150+021+053+JPN", f"{NOTE}, note d (the 2020 edition's name for the group)"),
    ("Less developed regions", "001-desa-901", f"{NOTE}, note e: all regions outside the more developed ones"),
    (
        "Less developed regions, excluding China",
        "desa-902-CHN-HKG-MAC-158",
        "As named; the sums show that 'China' here includes Hong Kong SAR, Macao SAR and Taiwan Province (158)",
    ),
    (
        "Least developed countries",
        "flag:ldc+STP",
        f"{NOTE}, note f: 45 LDCs as of 8 May 2024 = the 44 LDC flags of the M49 file plus Sao Tome and Principe "
        "(graduated later, in December 2024); the 2020 edition used an older list (see check)",
    ),
    ("Land-locked Developing Countries (LLDC)", "flag:lldc", f"{NOTE}, note h: 32 LLDCs = the M49 file's LLDC flags"),
    ("Small Island Developing States (SIDS)", "flag:sids", "The M49 file's SIDS flags, kept only if the sums match"),
]
GROUPINGS: dict[str, tuple[str, str]] = {fold_name(name): (rule, basis) for name, rule, basis in _GROUPINGS}
INCOME_BASIS = f"World Bank income classification ({NOTE}, note j); the workbooks do not list the members"
OTHER_BASIS = "Composition not given in the workbooks: no members"
SPECIAL_BASIS = {
    2003: "Origin workbook: migrants whose origin is not one of the listed countries (origin rows + OTHER = World)",
    934: "Less developed regions minus the least developed countries; no members (the LDC lists differ by edition)",
}
# Edition whose sums decide whether a grouping keeps its membership rule.
DECIDING_EDITION = "2024"
OTHER_CODE = 2003


@dataclass
class _Seen:
    name: str
    editions: list[str] = field(default_factory=list)


def build(data_dir: Path) -> list[dict[str, str]]:
    """The rows of ``desa_aggregates.csv``, checked against the workbooks in ``data_dir``."""
    countries = read_m49(data_dir / M49_FILE)
    level_by_name: dict[str, str] = {}
    parents: dict[str, list[str]] = {}
    for country in countries:
        for level in country.levels:
            level_by_name.setdefault(fold_name(level.name), level.m49)
            parents.setdefault(level.m49, [up.m49 for up in country.levels[: country.levels.index(level) + 1]])
    extra = {f"{code:03d}": parents[parent] for code, (parent, _) in DESA_ONLY_COUNTRIES.items()}
    places = country_places(countries, extra)

    editions: dict[str, list[DesaRow]] = {
        edition: read_desa_locations(data_dir / path) for edition, path in DESA_WORKBOOKS.items()
    }
    seen: dict[int, _Seen] = {}
    for edition, rows in editions.items():
        for row in rows:
            if row.is_aggregate or row.code in DESA_ONLY_COUNTRIES:
                entry = seen.setdefault(row.code, _Seen(row.name.rstrip("*").strip()))
                label = edition.split("-")[0]
                if label not in entry.editions:
                    entry.editions.append(label)

    # Area for each code: an M49 level by name, else a grouping shared by every code with the same folded name.
    newest_code_by_name: dict[str, int] = {}
    for code in sorted(seen, key=lambda c: ("2024" not in seen[c].editions, c)):
        newest_code_by_name.setdefault(fold_name(seen[code].name), code)
    rows_out = []
    rules: dict[str, str] = {}
    for code in sorted(seen):
        entry = seen[code]
        name = entry.name
        folded = NAME_EQUIVALENTS.get(fold_name(name), fold_name(name))
        out = {"desa_code": str(code), "desa_name": name, "editions": " ".join(sorted(entry.editions))}
        if code in DESA_ONLY_COUNTRIES:
            parent, basis = DESA_ONLY_COUNTRIES[code]
            out |= {"area": f"desa-{code}", "kind": "country", "name_en": name, "parent": parent, "members": ""}
            out |= {"basis": basis}
        elif folded in level_by_name:
            m49 = level_by_name[folded]
            out |= {"area": m49, "kind": "", "name_en": "", "parent": "", "members": m49}
            out |= {"basis": "Same name as the M49 area"}
        else:
            area = f"desa-{newest_code_by_name[fold_name(name)]}"
            rule, basis = GROUPINGS.get(fold_name(name), ("", OTHER_BASIS))
            if "income" in fold_name(name):
                basis = INCOME_BASIS
            basis = SPECIAL_BASIS.get(code, basis)
            name = "Other" if code == 2003 else name
            out |= {"area": area, "kind": "grouping", "name_en": name, "parent": "", "members": rule, "basis": basis}
            if rule:
                rules[area] = rule
        rows_out.append(out)

    for out in rows_out:
        out["check"] = _check(out, editions, places, rules)
        if out["kind"] == "grouping" and out["members"] and f"{DECIDING_EDITION}:" in out["check"]:
            out["basis"] += f"; rule {out['members']} dropped: the {DECIDING_EDITION} sums do not match"
            out["members"] = ""  # a rule the data contradicts is not kept
    return rows_out


def _check(out: dict[str, str], editions: dict[str, list[DesaRow]], places, rules) -> str:  # type: ignore[no-untyped-def]
    if not out["members"]:
        return "no rule"
    members = evaluate_rule(out["members"], places, rules)
    results = []
    for edition, rows in editions.items():
        own = [row for row in rows if row.code == int(out["desa_code"])]
        if not own:
            continue
        year = max(own[0].values)
        expected = own[0].values[year]
        inside = [row for row in rows if not row.is_aggregate and f"{row.code:03d}" in members]
        if out["area"] == "001":  # the origin workbook's OTHER row belongs to the World and to nothing smaller
            inside += [row for row in rows if row.code == OTHER_CODE]
        total = sum(row.values[year] or 0 for row in inside)
        results.append((edition, year, expected, total))
    mismatched = [f"{e}: {y} sum {t:,.0f} vs row {x:,.0f}" for e, y, x, t in results if x is None or abs(t - x) > 0.5]
    if mismatched:
        return "sums differ: " + "; ".join(mismatched)
    return "sums match " + " ".join(f"{e}/{y}" for e, y, _, _ in results)


def write(rows: list[dict[str, str]], path: Path = OUTPUT) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> int:
    from django.conf import settings

    rows = build(Path(settings.DATA_DIR))
    write(rows)
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row["check"].split(":")[0].split(" 20")[0]] += 1
    sys.stdout.write(f"wrote {len(rows)} DESA codes to {OUTPUT}: {dict(counts)}\n")
    return 0


if __name__ == "__main__":
    import django

    django.setup()
    raise SystemExit(main())
