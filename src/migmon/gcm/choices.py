"""The closed vocabularies of the follow-up, as the UN Network on Migration's pledging form and the GCM name them.

Pledge types and forms follow the Network's pledging initiative; the ten guiding principles are those of the
Compact (A/RES/73/195, annex, para. 15); the review kinds and cycles follow the GCM's review cycle
(regional reviews between International Migration Review Forums, every four years from 2022).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Editorial(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("Under review")
    PUBLISHED = "published", _("Published")


class PledgeStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    IN_PROGRESS = "in_progress", _("In progress")
    FULFILLED = "fulfilled", _("Fulfilled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PledgeType(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual pledge")
    COMMON = "common", _("Common pledge")
    PARTNERSHIP = "partnership", _("Pledge in partnership")
    MATCHING = "matching", _("Matching pledge")


class PledgeForm(models.TextChoices):
    FINANCIAL = "financial", _("Financial")
    HUMAN_RESOURCE = "human_resource", _("Human resource")
    PROCESS = "process", _("Process-oriented")
    POLICY = "policy", _("Policy-oriented")


class Level(models.TextChoices):
    LOCAL = "local", _("Local")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    INTERNATIONAL = "international", _("International")


class GuidingPrinciple(models.TextChoices):
    PEOPLE_CENTRED = "people_centred", _("People-centred")
    INTERNATIONAL_COOPERATION = "international_cooperation", _("International cooperation")
    NATIONAL_SOVEREIGNTY = "national_sovereignty", _("National sovereignty")
    RULE_OF_LAW = "rule_of_law", _("Rule of law and due process")
    SUSTAINABLE_DEVELOPMENT = "sustainable_development", _("Sustainable development")
    HUMAN_RIGHTS = "human_rights", _("Human rights")
    GENDER_RESPONSIVE = "gender_responsive", _("Gender-responsive")
    CHILD_SENSITIVE = "child_sensitive", _("Child-sensitive")
    WHOLE_OF_GOVERNMENT = "whole_of_government", _("Whole-of-government approach")
    WHOLE_OF_SOCIETY = "whole_of_society", _("Whole-of-society approach")


class ReviewKind(models.TextChoices):
    NATIONAL = "national", _("Voluntary national GCM review")
    REGIONAL = "regional", _("Regional review")


#: The review calendar: (first year, last year, what happens). IMRF every four years from 2022 (2022, 2026,
#: 2030), regional reviews in the years between them (the 2024–25 round before IMRF 2026).
CALENDAR: list[tuple[int, int, str]] = [
    (2022, 2022, "imrf"),
    (2024, 2025, "regional"),
    (2026, 2026, "imrf"),
    (2030, 2030, "imrf"),
]
CALENDAR_LABELS = {"imrf": _("International Migration Review Forum"), "regional": _("Regional reviews")}

#: The Network's pledging form asks for a description of 300 to 3,000 characters.
TEXT_MIN, TEXT_MAX = 300, 3000
