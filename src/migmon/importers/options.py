"""What the person importing a file may tell the reader that the file itself does not say.

``migmon import --area GBR --series SM_POP_REFG_OR``, the publishing upload form and ``POST /api/v1/imports``
all build one :class:`ReadOptions` and hand it to :func:`migmon.importers.detect.reader_for`, which gives it to
the chosen reader's ``for_file``. A national Open SDG CSV holds no country column (a national platform holds one
country), an sdg-build SDMX file may carry ``REF_AREA="_T"``: the options fill in what is missing. A reader uses
only what its format can lack and ignores the rest; a value the file does state is never overridden silently.
Nothing here imports Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .values import ValueRuleError, area_kind_of

_SERIES = re.compile(r"[A-Z][A-Z0-9_]*")
#: Longest area code or name accepted (the longest UN M49 English name has 52 characters).
AREA_MAX_CHARS = 80
SERIES_MAX_CHARS = 40


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """The area and the series of a file's observations, when the file does not name them.

    ``area`` is any code or name ``geo`` resolves (``826``, ``GBR``, ``GB``, ``United Kingdom``): the reader
    records it with the kind its shape says (:func:`~migmon.importers.values.area_kind_of`) and the loader
    resolves it like an area written in a file. ``series`` is an SDG series code (``SM_POP_REFG_OR``).
    """

    area: str | None = None
    series: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "area", (self.area or "").strip() or None)
        object.__setattr__(self, "series", (self.series or "").strip() or None)

    def __bool__(self) -> bool:
        return self.area is not None or self.series is not None

    @property
    def area_code(self) -> tuple[str, str] | None:
        """``(area_kind, code)`` of the configured area, or None."""
        return area_kind_of(self.area) if self.area is not None else None

    def problems(self) -> list[tuple[str, str, str]]:
        """Every broken rule as ``(option, value, rule)``: empty when the options can be used."""
        found: list[tuple[str, str, str]] = []
        if self.area is not None and (len(self.area) > AREA_MAX_CHARS or not self.area.isprintable()):
            found.append(("area", self.area, f"an area code or name of at most {AREA_MAX_CHARS} printable characters"))
        if self.series is not None and (len(self.series) > SERIES_MAX_CHARS or not _SERIES.fullmatch(self.series)):
            found.append(("series", self.series, "an SDG series code: capitals, digits and _ (SM_POP_REFG_OR)"))
        return found

    def checked(self) -> ReadOptions:
        """The options themselves, or ValueRuleError naming the first option that breaks its rule."""
        for option, value, rule in self.problems():
            raise ValueRuleError(f"--{option} {value!r}: expected {rule}")
        return self


#: No options: the file must say everything itself.
NO_OPTIONS = ReadOptions()
