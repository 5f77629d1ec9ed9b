"""The statuses both methods give, their labels (Open SDG's ``status.yml`` wording) and how they compare.

Open SDG's five statuses (plus "not available") come from a score between −5 and +5; the anticipated-progress
method (ESCAP/UNECE) has three. :func:`agreement_class` maps both onto one scale (on track / needs acceleration
/ going backwards) so pages can say when the two methods disagree.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import pgettext_lazy


class Status(StrEnum):
    TARGET_ACHIEVED = "target_achieved"
    SUBSTANTIAL = "substantial_progress"
    MODERATE = "moderate_progress"
    LIMITED = "limited_progress"
    DETERIORATION = "deterioration"
    ON_TRACK = "on_track"
    ACCELERATE = "accelerate"
    REGRESSING = "regressing"
    NOT_AVAILABLE = "not_available"


#: Labels as Open SDG's translations word them (open-sdg/sdg-translations ``translations/*/status.yml``).
LABELS = {
    Status.TARGET_ACHIEVED: pgettext_lazy("progress status", "Target achieved"),
    Status.SUBSTANTIAL: pgettext_lazy("progress status", "On track"),
    Status.MODERATE: pgettext_lazy("progress status", "Progress made but acceleration needed"),
    Status.LIMITED: pgettext_lazy("progress status", "Limited progress"),
    Status.DETERIORATION: pgettext_lazy("progress status", "Deterioration"),
    Status.ON_TRACK: pgettext_lazy("anticipated progress", "On track to reach the target"),
    Status.ACCELERATE: pgettext_lazy("anticipated progress", "Acceleration needed to reach the target"),
    Status.REGRESSING: pgettext_lazy("anticipated progress", "Regressing from the target"),
    Status.NOT_AVAILABLE: pgettext_lazy("progress status", "Not available"),
}

#: An icon per status so that a chip never relies on colour alone (characters, no icon font).
ICONS = {
    Status.TARGET_ACHIEVED: "★",
    Status.SUBSTANTIAL: "✓",
    Status.MODERATE: "➚",
    Status.LIMITED: "→",
    Status.DETERIORATION: "✗",
    Status.ON_TRACK: "✓",
    Status.ACCELERATE: "➚",
    Status.REGRESSING: "✗",
    Status.NOT_AVAILABLE: "?",
}

OPEN_SDG_ORDER = (
    Status.TARGET_ACHIEVED,
    Status.SUBSTANTIAL,
    Status.MODERATE,
    Status.LIMITED,
    Status.DETERIORATION,
    Status.NOT_AVAILABLE,
)
ANTICIPATED_ORDER = (Status.ON_TRACK, Status.ACCELERATE, Status.REGRESSING, Status.NOT_AVAILABLE)

_AGREEMENT = {
    Status.TARGET_ACHIEVED: "on_track",
    Status.SUBSTANTIAL: "on_track",
    Status.ON_TRACK: "on_track",
    Status.MODERATE: "accelerate",
    Status.LIMITED: "accelerate",
    Status.ACCELERATE: "accelerate",
    Status.DETERIORATION: "backwards",
    Status.REGRESSING: "backwards",
}


def status_from_score(score: float) -> Status:
    """Open SDG's thresholds on a (mean) score: ≥ 2.5 substantial, ≥ 0 moderate, ≥ −2.5 limited."""
    if score >= 2.5:
        return Status.SUBSTANTIAL
    if score >= 0:
        return Status.MODERATE
    if score >= -2.5:
        return Status.LIMITED
    return Status.DETERIORATION


def agreement_class(status: Status) -> str | None:
    """on_track / accelerate / backwards for comparing the methods; None when not available."""
    return _AGREEMENT.get(status)


def methods_disagree(open_sdg: Status, anticipated: Status) -> bool:
    """True when both methods have a status and they fall in different classes."""
    first, second = agreement_class(open_sdg), agreement_class(anticipated)
    return first is not None and second is not None and first != second
