"""Membership rules for the DESA groupings, written as sums and differences of M49 areas.

A rule such as ``015+145`` (Northern Africa and Western Asia) or ``001-901`` (less developed regions) is
evaluated on the country rows of the M49 file plus the two country-level rows DESA publishes that the M49
overview omits. Terms: an M49 area code (its countries), an ISO alpha-3 code (one country), ``desa-NNNN``
(another grouping's rule) or ``flag:ldc``/``flag:lldc``/``flag:sids`` (the M49 file's flags).
No rule, no members: groupings whose composition the data does not give stay empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from migmon.geo.m49 import M49Country

_TERM = re.compile(r"([+-]?)\s*(desa-\d+|flag:[a-z]+|[A-Z]{3}|\d{3})\s*")


@dataclass(frozen=True)
class CountryPlace:
    """A country-level area and every M49 area above it (its own code included)."""

    m49: str
    iso3: str
    ancestors: frozenset[str]
    flags: frozenset[str]


def country_places(countries: Iterable[M49Country], extra: Mapping[str, list[str]]) -> list[CountryPlace]:
    """Places for the M49 countries plus ``extra`` (M49 code → codes of the levels above it)."""
    places = []
    for country in countries:
        flags = {
            name for name, on in (("ldc", country.is_ldc), ("lldc", country.is_lldc), ("sids", country.is_sids)) if on
        }
        ancestors = {level.m49 for level in country.levels} | {country.m49}
        places.append(CountryPlace(country.m49, country.iso3, frozenset(ancestors), frozenset(flags)))
    for m49, levels in extra.items():
        places.append(CountryPlace(m49, "", frozenset({*levels, m49}), frozenset()))
    return places


def evaluate_rule(rule: str, places: list[CountryPlace], rules: Mapping[str, str] | None = None) -> set[str]:
    """The M49 codes of the countries ``rule`` names (see the module docstring for the syntax)."""
    members: set[str] = set()
    for sign, term in _TERM.findall(rule):
        selected = _term_members(term, places, rules or {})
        if sign == "-":
            members -= selected
        else:
            members |= selected
    return members


def _term_members(term: str, places: list[CountryPlace], rules: Mapping[str, str]) -> set[str]:
    if term.startswith("desa-"):
        if term not in rules:
            raise ValueError(f"rule refers to {term}, which has no rule")
        return evaluate_rule(rules[term], places, rules)
    if term.startswith("flag:"):
        return {place.m49 for place in places if term[5:] in place.flags}
    if len(term) == 3 and term.isalpha():
        found = {place.m49 for place in places if place.iso3 == term}
    else:
        found = {place.m49 for place in places if term in place.ancestors}
    if not found:
        raise ValueError(f"rule term {term!r} names no country")
    return found
