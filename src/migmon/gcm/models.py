"""Pledges toward the GCM objectives, their status updates, GCM reviews, and the history of editorial steps.

A :class:`Pledge` is a measurable, time-bound commitment to one or more objectives, as the UN Network on
Migration's pledging initiative defines it. Its status (planning … fulfilled, withdrawn) changes only through a
:class:`PledgeUpdate` that says when, what happened and the evidence. Pledges and :class:`Review` rows follow the
editorial workflow of the incidents register (draft → under review → published, a second person publishes);
only published rows are public. :class:`WorkflowEvent` records every step, with who took it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from migmon.gcm.attachments import validate_attachment
from migmon.gcm.choices import Editorial, Level, PledgeStatus, PledgeType, ReviewKind
from migmon.geo.models import Area
from migmon.indicators.models import GcmObjective


class EditorialFields(models.Model):
    """The workflow's state and the people behind each step (four eyes: the publisher is a second person)."""

    editorial = models.CharField(
        _("editorial state"), max_length=10, choices=Editorial.choices, default=Editorial.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Pledge(EditorialFields):
    """One pledge, with the fields of the Network's pledging form."""

    public_id = models.CharField(_("pledge id"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), help_text=_("300 to 3,000 characters."))
    pledge_type = models.CharField(_("type"), max_length=12, choices=PledgeType.choices)
    matched_pledge = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="matching_pledges",
        verbose_name=_("matched pledge"),
    )
    forms = models.JSONField(_("forms"), default=list, help_text=_("Financial, human resource, process, policy."))
    objectives = models.ManyToManyField(GcmObjective, related_name="pledges", verbose_name=_("GCM objectives"))
    guiding_principles = models.JSONField(_("guiding principles"), default=list, blank=True)
    level = models.CharField(_("level"), max_length=14, choices=Level.choices)
    pledging_states = models.ManyToManyField(
        Area, related_name="pledges_made", blank=True, verbose_name=_("pledging States")
    )
    stakeholders = models.TextField(_("pledging stakeholders"), blank=True, help_text=_("One per line."))
    partners = models.TextField(_("partners"), blank=True, help_text=_("One per line."))
    areas = models.ManyToManyField(Area, related_name="pledges_covering", blank=True, verbose_name=_("areas"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    metric = models.TextField(_("metric"), help_text=_("How fulfilment is measured."))
    attachment = models.FileField(
        _("attachment"), upload_to="gcm/pledges/%Y/", blank=True, validators=[validate_attachment]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PledgeStatus.choices, default=PledgeStatus.PLANNING, db_index=True
    )

    class Meta:
        ordering = ["public_id"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        permissions = [
            ("review_pledge", _("Can review pledges and return them to their author")),
            ("publish_pledge", _("Can publish pledges and reviews")),
        ]

    def __str__(self) -> str:
        return f"{self.public_id} {self.title}"


class PledgeUpdate(models.Model):
    """One change of a pledge's status: the date it happened, what happened, and the evidence."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"))
    status_before = models.CharField(max_length=12, choices=PledgeStatus.choices)
    status = models.CharField(_("new status"), max_length=12, choices=PledgeStatus.choices)
    narrative = models.TextField(_("narrative"))
    evidence = models.TextField(_("evidence"), help_text=_("A link or a reference to the document that shows it."))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("pledge update")
        verbose_name_plural = _("pledge updates")

    def __str__(self) -> str:
        return f"{self.pledge_id} {self.date}: {self.status_before} → {self.status}"


class Review(EditorialFields):
    """A voluntary national GCM review or a regional review, for one country or region and one cycle."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="gcm_reviews", verbose_name=_("area"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=ReviewKind.choices)
    title = models.CharField(_("title"), max_length=300)
    document_url = models.URLField(_("document link"), max_length=500, blank=True)
    document = models.FileField(
        _("document"), upload_to="gcm/reviews/%Y/", blank=True, validators=[validate_attachment]
    )
    objectives = models.ManyToManyField(GcmObjective, related_name="reviews", verbose_name=_("objectives covered"))

    class Meta:
        ordering = ["-year", "area__code"]
        verbose_name = _("GCM review")
        verbose_name_plural = _("GCM reviews")

    def __str__(self) -> str:
        return f"{self.area.code} {self.year} {self.kind}"


class Action(models.TextChoices):
    CREATED = "created", _("Created")
    EDITED = "edited", _("Edited")
    STATUS = "status", _("Status updated")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned to draft")
    PUBLISHED = "published", _("Published")
    IMPORTED = "imported", _("Imported")


class WorkflowEvent(models.Model):
    """One step in the life of a pledge or a review: who, when, what, and the reviewer's note."""

    pledge = models.ForeignKey(Pledge, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    review = models.ForeignKey(Review, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    editorial = models.CharField(max_length=10, choices=Editorial.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pledge__isnull=False, review__isnull=True)
                | models.Q(pledge__isnull=True, review__isnull=False),
                name="gcm_event_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pledge_id or self.review_id} {self.action} {self.created_at:%Y-%m-%d %H:%M}"
