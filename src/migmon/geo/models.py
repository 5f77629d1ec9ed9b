"""Areas of the UN M49 standard (world, regions, countries) and the other groupings statistics use.

Every statistic in migmon is attached to an :class:`Area`. Countries carry M49, ISO alpha-2 and alpha-3
codes; regions carry M49 codes; UN DESA's own aggregates (World is 900 there, 001 in M49; "Sub-Saharan
Africa", income groups …) are kept as groupings with their DESA code so that no figure is lost.
"""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    WORLD = "world", _("World")
    REGION = "region", _("Region")
    SUBREGION = "subregion", _("Sub-region")
    INTERMEDIATE_REGION = "intermediate", _("Intermediate region")
    COUNTRY = "country", _("Country or area")
    GROUPING = "grouping", _("Grouping")


#: The levels of the M49 tree above the countries, world first: the kinds a region profile or page may be.
REGION_KINDS = (AreaKind.WORLD, AreaKind.REGION, AreaKind.SUBREGION, AreaKind.INTERMEDIATE_REGION)


class Area(models.Model):
    """A country, area, region or grouping, with its codes and names in French, English and Spanish."""

    code = models.CharField(
        max_length=16,
        unique=True,
        help_text=_("URL identifier: ISO alpha-3 for countries, M49 for regions, desa-NNNN for groupings."),
    )
    kind = models.CharField(max_length=16, choices=AreaKind.choices, db_index=True)
    m49 = models.CharField(max_length=3, unique=True, null=True, blank=True, help_text=_("Zero-padded M49 code."))
    iso2 = models.CharField(max_length=2, unique=True, null=True, blank=True)
    iso3 = models.CharField(max_length=3, unique=True, null=True, blank=True)
    desa_code = models.PositiveIntegerField(unique=True, null=True, blank=True, help_text=_("UN DESA location code."))
    name_en = models.CharField(max_length=200)
    name_fr = models.CharField(max_length=200)
    name_es = models.CharField(max_length=200)
    names_source = models.CharField(
        max_length=200, blank=True, help_text=_("Where the names come from, e.g. the CLDR version, or a fallback.")
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", help_text=_("Next level up.")
    )
    is_ldc = models.BooleanField(default=False, help_text=_("Least developed country"))
    is_lldc = models.BooleanField(default=False, help_text=_("Land-locked developing country"))
    is_sids = models.BooleanField(default=False, help_text=_("Small island developing state"))
    members = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="groupings", help_text=_("Countries of a grouping.")
    )

    class Meta:
        ordering = ["kind", "name_en"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language (French, English or Spanish), English as a last resort."""
        language = (translation.get_language() or "fr")[:2]
        return getattr(self, f"name_{language}", "") or self.name_en

    def name_in(self, language: str) -> str:
        """The name in ``language`` ("fr", "en" or "es")."""
        return getattr(self, f"name_{language[:2]}", "") or self.name_en


class AreaAlias(models.Model):
    """Another name for an area as real files spell it (``Turkey``, ``Netherlands``, ``Côte d'Ivoire``).

    ``folded`` is the name with accents, case, apostrophes and spacing normalised, so lookups are exact
    matches on a unique key: an unknown name is an error, never a guess.
    """

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    folded = models.CharField(max_length=200, unique=True)
    source = models.CharField(max_length=100, help_text=_("Where this spelling comes from."))

    class Meta:
        verbose_name = _("area alias")
        verbose_name_plural = _("area aliases")

    def __str__(self) -> str:
        return f"{self.name} → {self.area.code}"


class DesaCode(models.Model):
    """A UN DESA location code and the area it stands for.

    DESA reuses M49 codes for countries but numbers its aggregates itself, and one area can carry several
    DESA codes: Sub-Saharan Africa is 947 in the 2020 edition and 1834 in 2024, both M49 202. ``Area.desa_code``
    keeps the main one; this table keeps every code seen in the workbooks, so any edition resolves.
    """

    code = models.PositiveIntegerField(unique=True)
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="desa_codes")
    name = models.CharField(max_length=200, help_text=_("The name as the DESA workbook prints it."))
    editions = models.CharField(max_length=40, blank=True, help_text=_("Editions that use this code, e.g. 2020 2024."))

    class Meta:
        ordering = ["code"]
        verbose_name = _("UN DESA code")
        verbose_name_plural = _("UN DESA codes")

    def __str__(self) -> str:
        return f"{self.code} → {self.area.code}"
