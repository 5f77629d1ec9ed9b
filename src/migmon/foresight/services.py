"""Writes of the foresight workspace: seeding the 2017 set, and recording signpost states when data changes.

``record_states`` keeps, per signpost and subject, the state under each data version once (with the newest
release standing then): that is the history by release. It runs after every published or rolled-back release
(:mod:`migmon.foresight.publish`) and after a signpost is saved in the admin; running it twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db import transaction
from wagtail.models import Locale, Page

from migmon.foresight import seed
from migmon.foresight.models import Scenario, ScenarioSet, Signpost, SignpostRecord
from migmon.foresight.selectors import evaluate_signpost, signposts
from migmon.indicators.selectors import data_version, observations_for


@transaction.atomic
def seed_scenario_set() -> tuple[ScenarioSet, bool]:
    """Create the 2017 set and its four scenarios if missing; link the seeded publication page when it exists.

    Editors own the content afterwards: an existing set is left as they made it, only an empty
    publication link is filled in.
    """
    fields = dict(seed.SCENARIO_SET)
    slug = fields.pop("slug")
    scenario_set, created = ScenarioSet.objects.get_or_create(slug=slug, defaults=fields)
    if created:
        for order, item in enumerate(seed.SCENARIOS, start=1):
            names = {f"name_{code}": item["names"] for code in ("fr", "en", "es")}
            premises = {key: value for key, value in item.items() if key.startswith("premise_")}
            Scenario.objects.create(scenario_set=scenario_set, slug=item["slug"], order=order, **names, **premises)
    if scenario_set.publication_page_id is None:
        page = publication_page(publication_title=seed.PUBLICATION_TITLE)
        if page is not None:
            scenario_set.publication_page = page
            scenario_set.save(update_fields=["publication_page", "updated_at"])
    return scenario_set, created


def newest_release_id(*, series: int) -> int | None:
    """The newest release among the series' current values: the one a change of state is due to."""
    newest = observations_for(series=series).order_by("-release__imported_at", "-release_id")
    return newest.values_list("release_id", flat=True).first()


def publication_page(*, publication_title: str) -> Page | None:
    """The live page presenting ``publication_title`` in the default language, if the seed content has it.

    Read through the app registry: foresight knows the content app by label only (the layer rules keep domain
    apps from importing it), as the editors' groups find the home pages.
    """
    model = apps.get_model("content", "PublicationPage")
    found = model.objects.live().public().filter(locale=Locale.get_default(), publication_title=publication_title)
    return found.first()


def record_states(items: Iterable[Signpost] | None = None) -> int:
    """Record the current state of each (published) signpost and subject under this data version; new rows."""
    version = data_version().tag
    added = 0
    for item in signposts(public=False) if items is None else items:
        if SignpostRecord.objects.filter(signpost=item, data_version=version).exists():
            continue
        newest = newest_release_id(series=item.series_id)
        for found in evaluate_signpost(item):
            _, created = SignpostRecord.objects.get_or_create(
                signpost=item,
                subject=found.subject.code,
                data_version=version,
                defaults={
                    "release_id": newest,
                    "state": found.state,
                    "year": found.evaluation.year,
                    "value": found.evaluation.value,
                },
            )
            added += created
    return added


def signpost_saved(item: Signpost) -> int:
    """After an editor saves a signpost: its state under the current data, so the history starts at once."""
    SignpostRecord.objects.filter(signpost=item, data_version=data_version().tag).delete()
    return record_states([item])
