"""The target register: what each series is assessed against, and who changed it, when and why.

Seeded from Open SDG's table of targets and desired directions (``seed_progress_targets``) and edited by data
managers in the Wagtail admin; every change keeps a :class:`TargetChange` with the values before and after.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from migmon.indicators.models import Series
from migmon.progress.rules import DEFAULT_BASE_YEAR, DEFAULT_TARGET_YEAR, Direction, Rule, TargetKind


class Measure(models.TextChoices):
    VALUE = "value", _("The series' values")
    CORRIDORS_ABOVE_5 = "corridors_above_5", _("Share of the sending country's corridors above 5 %")


class ProgressTarget(models.Model):
    """How one series (one disaggregation of it, or its totals) is assessed toward 2030."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="progress_targets")
    disaggregation = models.CharField(
        max_length=400, blank=True, help_text=_("Dimension key such as COMPOSITE_BREAKDOWN=PD_1; empty for totals.")
    )
    measure = models.CharField(max_length=24, choices=Measure.choices, default=Measure.VALUE)
    indicator_code = models.CharField(max_length=12, blank=True, help_text=_("Indicator the rule was read for."))
    direction = models.CharField(
        max_length=8,
        choices=[(Direction.INCREASE.value, _("Increase")), (Direction.DECREASE.value, _("Decrease"))],
        default=Direction.DECREASE.value,
    )
    target_value = models.FloatField(null=True, blank=True, help_text=_("Empty when only a direction is set."))
    target_kind = models.CharField(
        max_length=8,
        choices=[
            (TargetKind.ABSOLUTE.value, _("Absolute value")),
            (TargetKind.RELATIVE.value, _("Factor of the base-year value")),
        ],
        default=TargetKind.ABSOLUTE.value,
    )
    target_year = models.PositiveSmallIntegerField(default=DEFAULT_TARGET_YEAR)
    limit = models.FloatField(null=True, blank=True, help_text=_("Natural bound of the series (100 for a %)."))
    base_year = models.PositiveSmallIntegerField(default=DEFAULT_BASE_YEAR)
    source_text = models.CharField(max_length=300, blank=True, help_text=_("The target as its source words it."))
    basis = models.TextField(blank=True, help_text=_("Where the rule comes from."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["series__code", "disaggregation"]
        constraints = [
            models.UniqueConstraint(fields=["series", "disaggregation", "measure"], name="progress_target_key")
        ]
        verbose_name = _("progress target")
        verbose_name_plural = _("progress targets")

    def __str__(self) -> str:
        return f"{self.series.code} {self.disaggregation}".strip()

    def rule(self) -> Rule:
        return Rule(
            direction=Direction(self.direction),
            target=self.target_value,
            target_kind=TargetKind(self.target_kind),
            target_year=self.target_year,
            limit=self.limit,
            base_year=self.base_year,
        )


class TargetChange(models.Model):
    """One change to the register: who, when, why, and the values before and after."""

    target = models.ForeignKey(ProgressTarget, on_delete=models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    changed_by_name = models.CharField(max_length=150, blank=True, help_text=_("Kept if the account goes."))
    reason = models.TextField()
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("progress target change")
        verbose_name_plural = _("progress target changes")

    def __str__(self) -> str:
        return f"{self.target} {self.changed_at:%Y-%m-%d} {self.changed_by_name}"
