"""The closed vocabularies of foresight: scenario methods, STEEP-V categories and the signpost rule grammar.

The rule words (aggregate, comparator, state) are shared by the models, the pure evaluator
(:mod:`migmon.foresight.rules`), the API and the pages, so each is declared once here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Method(models.TextChoices):
    INDEPENDENT_TEAMS = "independent_teams", _("Independent scenario teams")
    TWO_AXES = "two_axes", _("Two axes of uncertainty")
    THREE_HORIZONS = "three_horizons", _("Three horizons")


class Pole(models.TextChoices):
    NONE = "", _("Not placed")
    LOW = "low", _("Low end")
    HIGH = "high", _("High end")


class Steepv(models.TextChoices):
    SOCIAL = "social", _("Social")
    TECHNOLOGICAL = "technological", _("Technological")
    ECONOMIC = "economic", _("Economic")
    ENVIRONMENTAL = "environmental", _("Environmental")
    POLITICAL = "political", _("Political")
    VALUES = "values", _("Values")


class Aggregate(models.TextChoices):
    LATEST = "latest", _("Value of each year")
    MEAN = "mean", _("Mean over k years")
    COUNT_ABOVE = "count_above", _("Count of corridors or areas above a value")
    SHARE_ABOVE = "share_above", _("Share of areas above a value")


class Comparator(models.TextChoices):
    ABOVE = "above", _("Above the threshold")
    BELOW = "below", _("Below the threshold")
    RISING = "rising", _("Rising")
    FALLING = "falling", _("Falling")


class Direction(models.TextChoices):
    TOWARD = "toward", _("Points toward the scenario")
    AWAY = "away", _("Points away from the scenario")


class State(models.TextChoices):
    ON = "on", _("On")
    OFF = "off", _("Off")
    INSUFFICIENT = "insufficient", _("Insufficient data")


GROUP_AGGREGATES = frozenset({Aggregate.COUNT_ABOVE.value, Aggregate.SHARE_ABOVE.value})
TREND_COMPARATORS = frozenset({Comparator.RISING.value, Comparator.FALLING.value})


class Curation(models.TextChoices):
    """Where a signal or trend stands in the curators' review (as UNDP's Future Trends and Signals System)."""

    DRAFT = "draft", _("Draft")
    NEW = "new", _("Submitted for review")
    APPROVED = "approved", _("Approved")
    ARCHIVED = "archived", _("Archived")


class Horizon(models.TextChoices):
    """When a trend is expected to matter most, in years from now."""

    NEAR = "0-3", _("0–3 years")
    MEDIUM = "3-7", _("3–7 years")
    LONG = "7-10", _("7–10 years")


class TrendImpact(models.IntegerChoices):
    LOW = 1, _("1 — low")
    MEDIUM = 2, _("2 — medium")
    HIGH = 3, _("3 — high")


CURATED = frozenset({Curation.APPROVED.value, Curation.ARCHIVED.value})
