"""Resolve the area codes and names real files carry to :class:`~migmon.geo.models.Area` rows.

Importers resolve tens of thousands of rows, so :class:`AreaLookup` reads the areas, their aliases and DESA
codes once (three queries) and then answers from dictionaries. Requests (the API, pages, ``migmon export``)
share one per process, :meth:`AreaLookup.shared`: building one costs about 30 ms for the 300 areas and their
950 names, checking that it is still current one small aggregate query. Names are compared after :func:`fold_name`;
a value that matches nothing raises :class:`UnknownArea` — there is no fuzzy matching, ever: a wrong
country is worse than a rejected row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, connections, router
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_noop

from migmon.geo.models import Area, AreaAlias, DesaCode
from migmon.geo.names import fold_name

__all__ = ["KINDS", "AreaLookup", "UnknownArea", "fold_name", "forget_shared"]

KINDS = ("m49", "iso2", "iso3", "name", "desa", "code", "any")


class UnknownArea(LookupError):
    """A code or name that matches no area. The message says what was asked and that nothing was guessed."""

    def __init__(self, value: object, kind: str, detail: str = "") -> None:
        self.value = value
        self.kind = kind
        #: The message as a msgid and its parameters, so that an import report shows it in its reader's language
        #: (English text only when a ``detail`` is added).
        self.rule = _UNKNOWN.get(kind, "") if not detail else ""
        self.params = {"area": repr(value)}
        message = f"unknown area {kind} {value!r}: no area has this {_KIND_WORDS.get(kind, kind)}; no guess was made"
        if detail:
            message += f" ({detail})"
        super().__init__(message)


_UNKNOWN = {
    "m49": gettext_noop("unknown area m49 %(area)s: no area has this M49 code; no guess was made"),
    "iso2": gettext_noop("unknown area iso2 %(area)s: no area has this ISO alpha-2 code; no guess was made"),
    "iso3": gettext_noop("unknown area iso3 %(area)s: no area has this ISO alpha-3 code; no guess was made"),
    "name": gettext_noop("unknown area name %(area)s: no area has this name or alias; no guess was made"),
    "desa": gettext_noop("unknown area desa %(area)s: no area has this UN DESA location code; no guess was made"),
    "code": gettext_noop("unknown area code %(area)s: no area has this migmon code; no guess was made"),
    "any": gettext_noop("unknown area any %(area)s: no area has this code, name or alias; no guess was made"),
}
_KIND_WORDS = {
    "m49": "M49 code",
    "iso2": "ISO alpha-2 code",
    "iso3": "ISO alpha-3 code",
    "name": "name or alias",
    "desa": "UN DESA location code",
    "code": "migmon code",
    "any": "code, name or alias",
}


class AreaLookup:
    """Every way of naming an area, in memory: build once per import with :meth:`from_db`, then :meth:`resolve`."""

    def __init__(self, areas: Iterable[Area], aliases: Iterable[AreaAlias] = (), desa_codes: Iterable[DesaCode] = ()):
        self.by_code: dict[str, Area] = {}
        self.by_m49: dict[str, Area] = {}
        self.by_iso2: dict[str, Area] = {}
        self.by_iso3: dict[str, Area] = {}
        self.by_desa: dict[int, Area] = {}
        self.by_name: dict[str, Area] = {}
        by_pk: dict[int, Area] = {}
        for area in areas:
            by_pk[area.pk] = area
            self.by_code[area.code.casefold()] = area
            if area.m49:
                self.by_m49[area.m49] = area
            if area.iso2:
                self.by_iso2[area.iso2.upper()] = area
            if area.iso3:
                self.by_iso3[area.iso3.upper()] = area
            if area.desa_code is not None:
                self.by_desa[area.desa_code] = area
        # Names by precedence, first claim wins: official English names, then the curated aliases, then the
        # French and Spanish names — so Spanish "Micronesia" (the country) never hides the M49 sub-region.
        for area in by_pk.values():
            self.by_name.setdefault(fold_name(area.name_en), area)
        for alias in aliases:
            self.by_name.setdefault(alias.folded, by_pk[alias.area_id])
        for area in by_pk.values():
            for name in (area.name_fr, area.name_es):
                self.by_name.setdefault(fold_name(name), area)
        for desa in desa_codes:
            self.by_desa.setdefault(desa.code, by_pk[desa.area_id])

    @classmethod
    def from_db(cls) -> AreaLookup:
        """Read the whole geography (a few hundred rows) in three queries."""
        areas = list(Area.objects.all())
        return cls(areas, AreaAlias.objects.all(), DesaCode.objects.all())

    @classmethod
    def shared(cls) -> AreaLookup:
        """The process's lookup, rebuilt when the geography changed.

        "Changed" is judged twice: saving or deleting an area, alias or DESA code in this process forgets the
        shared lookup (signals; :func:`forget_shared` after bulk loads), and the row counts and largest ids of
        the three tables, read in one query, catch rows another process added or removed. A rename made in
        another process shows after that process's next change or a restart (geography is loaded at deploy).
        """
        global _shared
        stamp = _geography_stamp()
        current = _shared
        if current is not None and current[0] == stamp:
            return current[1]
        lookup = cls.from_db()
        _shared = (stamp, lookup)
        return lookup

    def resolve(self, value: str, kind: str = "any") -> Area:
        """The area ``value`` names, read as ``kind`` (one of :data:`KINDS`); :class:`UnknownArea` if none.

        ``m49`` accepts ``4`` or ``004``; ``iso2``/``iso3``/``code`` ignore case; ``desa`` takes DESA location
        codes (M49 for countries, DESA's own numbers for aggregates: 900 is the World); ``name`` compares
        :func:`fold_name` keys of the official names in three languages and the curated aliases; ``any``
        tries the codes first, then the name.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown lookup kind {kind!r}; expected one of {', '.join(KINDS)}")
        text = str(value).strip()
        if not text:
            raise UnknownArea(value, kind, "empty value")
        if kind == "any":
            for attempt in ("code", "iso3", "iso2", "m49"):
                area = self._find(text, attempt)
                if area is not None:
                    return area
            kind_found = self._find(text, "name")
            if kind_found is None:
                raise UnknownArea(value, kind)
            return kind_found
        area = self._find(text, kind)
        if area is None:
            raise UnknownArea(value, kind)
        return area

    def resolve_many(self, values: Iterable[str], kind: str = "any") -> dict[str, Area]:
        """Resolve distinct values at once; raises on the first unknown one."""
        return {value: self.resolve(value, kind) for value in dict.fromkeys(values)}

    def _find(self, text: str, kind: str) -> Area | None:
        if kind == "code":
            return self.by_code.get(text.casefold())
        if kind == "iso2":
            return self.by_iso2.get(text.upper()) if len(text) == 2 else None
        if kind == "iso3":
            return self.by_iso3.get(text.upper()) if len(text) == 3 else None
        if kind in {"m49", "desa"}:
            if not text.isdecimal():
                return None
            if kind == "m49":
                return self.by_m49.get(text.zfill(3)) if len(text) <= 3 else None
            return self.by_desa.get(int(text))
        return self.by_name.get(fold_name(text))


_shared: tuple[tuple[Any, ...], AreaLookup] | None = None


def forget_shared() -> None:
    """Drop the shared lookup: the next :meth:`AreaLookup.shared` reads the geography again."""
    global _shared
    _shared = None


def _geography_stamp() -> tuple[Any, ...]:
    """Which database, and the row count and largest id of the areas, aliases and DESA codes (one query)."""
    parts = []
    for model in (Area, AreaAlias, DesaCode):
        table = connection.ops.quote_name(model._meta.db_table)
        parts.append(f"(SELECT COUNT(*) FROM {table}), (SELECT MAX(id) FROM {table})")  # noqa: S608
    # Counted where the areas are read (a replica holds the primary's rows: the stamp names the primary).
    with connections[router.db_for_read(Area)].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))  # table names from the models, no input
        row = cursor.fetchone()
    return (connection.alias, str(connection.settings_dict["NAME"]), *row)


@receiver(post_save, sender=Area)
@receiver(post_save, sender=AreaAlias)
@receiver(post_save, sender=DesaCode)
@receiver(post_delete, sender=Area)
@receiver(post_delete, sender=AreaAlias)
@receiver(post_delete, sender=DesaCode)
def _geography_changed(**kwargs: object) -> None:
    forget_shared()
