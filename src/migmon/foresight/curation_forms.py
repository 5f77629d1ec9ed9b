"""The admin form of signals and trends: the status menu offers only what the editor may choose."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from migmon.foresight import curation
from migmon.foresight.choices import CURATED, Curation


class CuratedForm(WagtailAdminModelForm):
    def __init__(self, *args: Any, for_user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, for_user=for_user, **kwargs)
        self.user = for_user
        self.previous_status = self.instance.status if self.instance.pk else None
        allowed = curation.statuses_for(for_user, self.instance)
        if "status" in self.fields:
            self.fields["status"].choices = [c for c in Curation.choices if c[0] in allowed]
            if self.previous_status in CURATED and self.previous_status not in allowed:
                self.initial["status"] = Curation.NEW.value  # an edit by a non-curator goes back to review

    def clean_status(self) -> str:
        status = str(self.cleaned_data["status"])
        problem = curation.status_problem(self.user, self.instance, status)
        if problem:
            raise ValidationError(problem)
        return status

    def save(self, commit: bool = True) -> Any:
        curation.stamp(self.instance, user=self.user, previous=self.previous_status)
        return super().save(commit=commit)
