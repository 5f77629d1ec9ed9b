"""Staged uploads, their files' reports and previews, and the audit log of what data managers did.

An :class:`Upload` is one or several files sent together with the import options. A background job checks
it (the real import, rolled back) and, when asked, publishes it (the same import, committed). The job's live
progress is not kept here but in files beside the staged upload (:mod:`migmon.publishing.jobs`): on SQLite an
import holds the database's write lock for its whole transaction, so nothing else could write a progress row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UploadStatus(models.TextChoices):
    CHECKING = "checking", _("Checking")
    CHECKED = "checked", _("Ready to publish")
    REFUSED = "refused", _("Refused by the check")
    PUBLISHING = "publishing", _("Publishing")
    PUBLISHED = "published", _("Published")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")
    DISCARDED = "discarded", _("Discarded")


#: Statuses in which a background job works on the upload.
RUNNING = (UploadStatus.CHECKING, UploadStatus.PUBLISHING)


class Upload(models.Model):
    """Files sent together, with the options of ``migmon import``; checked, then published or discarded."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="publishing_uploads"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    keep_going = models.BooleanField(default=False, help_text=_("Reject bad rows and publish the rest."))
    area = models.CharField(
        max_length=80, blank=True, help_text=_("Area of observations whose file names none (like --area).")
    )
    series = models.CharField(
        max_length=40, blank=True, help_text=_("Series of observations whose file names none (like --series).")
    )
    status = models.CharField(max_length=16, choices=UploadStatus.choices, default=UploadStatus.CHECKING)
    reason = models.TextField(blank=True, help_text=_("Why the last job failed or was cancelled."))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("upload")
        verbose_name_plural = _("uploads")

    def __str__(self) -> str:
        return f"upload #{self.pk} ({self.status})"


class UploadFile(models.Model):
    """One staged file: where it is stored, its checksum, and what the check found."""

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=300, help_text=_("The file's name as uploaded."))
    stored = models.CharField(max_length=500, help_text=_("Path of the staged copy under the uploads folder."))
    size = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    format_name = models.CharField(max_length=80, blank=True)
    dataset = models.CharField(max_length=60, blank=True)
    outcome = models.CharField(max_length=40, blank=True, help_text=_("imported, already imported, refused …"))
    message = models.TextField(blank=True)
    records = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    kept = models.PositiveIntegerField(default=0, help_text=_("Published observations the file leaves as they are."))
    problems = models.JSONField(default=list, blank=True)
    changes = models.JSONField(default=list, blank=True, help_text=_("Changed values, old → new (the first ones)."))
    changes_total = models.PositiveIntegerField(default=0)
    release_id = models.BigIntegerField(null=True, blank=True, help_text=_("Release the publication made."))

    class Meta:
        ordering = ["upload", "id"]
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")

    def __str__(self) -> str:
        return self.name

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.problems if problem.get("severity") == "error")


class AuditAction(models.TextChoices):
    UPLOAD = "upload", _("Upload")
    PUBLISH = "publish", _("Publish")
    DISCARD = "discard", _("Discard")
    ROLLBACK = "rollback", _("Roll back")
    CANCEL = "cancel", _("Cancel")


class AuditEntry(models.Model):
    """Who did what to which file, when, with its checksum and counts; never edited."""

    action = models.CharField(max_length=16, choices=AuditAction.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    upload = models.ForeignKey(Upload, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit")
    release_id = models.BigIntegerField(null=True, blank=True)
    file_name = models.CharField(max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.action} {self.file_name} by {self.user_id}"


class ApiToken(models.Model):
    """A data manager's key for pushing imports from another system: shown once, stored as a sha256 digest.

    The token is ``mgm_<prefix>_<secret>``; ``prefix`` finds the row, the digest of the whole token proves it. It
    opens the imports endpoints only (``/api/v1/imports``): everything else in the API is public reading, and the
    admin needs a signed-in session.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="publishing_tokens")
    name = models.CharField(max_length=100, help_text=_("What the token is for, e.g. the system that uses it."))
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} (mgm_{self.prefix}_…)"
