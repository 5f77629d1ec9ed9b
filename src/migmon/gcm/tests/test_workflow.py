"""The editorial workflow of pledges and reviews (four eyes) and the status history of a pledge."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from migmon.gcm import selectors, services
from migmon.gcm.choices import Editorial
from migmon.gcm.models import Pledge, Review
from migmon.gcm.tests.conftest import pledge_values

pytestmark = pytest.mark.django_db


def published(pledge: Pledge, author, reviewer) -> Pledge:
    services.step_submit(actor=author, subject=pledge)
    services.step_publish(actor=reviewer, subject=pledge)
    return pledge


def test_a_second_person_publishes_and_only_then_it_is_public(framework, roles):
    author, reviewer = roles["author"], roles["reviewer"]
    pledge = services.pledge_create(actor=author, values=pledge_values())
    assert pledge.public_id.startswith("P-") and pledge.editorial == Editorial.DRAFT
    assert not selectors.public_pledges().filter(pk=pledge.pk).exists()
    services.step_submit(actor=author, subject=pledge)
    with pytest.raises(services.WorkflowError):
        services.step_publish(actor=author, subject=pledge)  # the author cannot approve their own pledge
    assert not selectors.public_pledges().filter(pk=pledge.pk).exists()
    services.step_publish(actor=reviewer, subject=pledge)
    assert selectors.public_pledges().get(pk=pledge.pk).published_by == reviewer
    actions = list(pledge.events.order_by("created_at", "id").values_list("action", "actor__username"))
    assert actions == [("created", "author"), ("submitted", "author"), ("published", "reviewer")]


def test_whoever_changed_it_since_the_last_publication_cannot_publish(framework, roles):
    author, reviewer = roles["author"], roles["reviewer"]
    pledge = published(services.pledge_create(actor=author, values=pledge_values()), author, reviewer)
    services.step_return(actor=reviewer, subject=pledge, note="add the 2025 report")
    assert not selectors.public_pledges().filter(pk=pledge.pk).exists()
    services.pledge_status_change(
        actor=reviewer,
        pledge=pledge,
        status="in_progress",
        when=date(2025, 6, 30),
        narrative="Fee schedules published",
        evidence="https://example.org/fees-2025",
    )
    services.step_submit(actor=author, subject=pledge)
    with pytest.raises(services.WorkflowError):
        services.step_publish(actor=reviewer, subject=pledge)  # the reviewer changed its status
    with pytest.raises(services.WorkflowError):
        services.step_publish(actor=author, subject=pledge)  # the author submitted it
    assert pledge.editorial == Editorial.REVIEW


def test_only_drafts_change_and_every_status_change_is_an_update(framework, roles):
    author, reviewer = roles["author"], roles["reviewer"]
    pledge = services.pledge_create(actor=author, values=pledge_values())
    update = services.pledge_status_change(
        actor=author,
        pledge=pledge,
        status="in_progress",
        when=date(2025, 3, 1),
        narrative="Complaints desk opened",
        evidence="Decree 12/2025",
    )
    assert (update.status_before, update.status, pledge.status) == ("planning", "in_progress", "in_progress")
    with pytest.raises(ValidationError) as refused:
        services.pledge_status_change(
            actor=author, pledge=pledge, status="fulfilled", when=date(2025, 4, 1), narrative="", evidence=""
        )
    assert set(refused.value.message_dict) == {"narrative", "evidence"}
    # The status is not an ordinary field: editing the pledge keeps it.
    services.pledge_update(actor=author, pledge=pledge, values=pledge_values(status="fulfilled", title="Fair fees"))
    pledge.refresh_from_db()
    assert pledge.status == "in_progress" and pledge.title == "Fair fees"
    published(pledge, author, reviewer)
    with pytest.raises(services.WorkflowError):
        services.pledge_update(actor=author, pledge=pledge, values=pledge_values())
    with pytest.raises(services.WorkflowError):
        services.pledge_status_change(
            actor=author, pledge=pledge, status="fulfilled", when=date(2025, 4, 1), narrative="x", evidence="y"
        )
    assert [u.status for u in pledge.updates.all()] == ["in_progress"]


def test_reviews_follow_the_same_workflow(framework, roles):
    from migmon.geo.models import Area
    from migmon.indicators.models import GcmObjective

    author, reviewer = roles["author"], roles["reviewer"]
    values = {
        "area": Area.objects.get(iso3="MEX"),
        "year": 2025,
        "kind": "national",
        "title": "Voluntary national GCM review",
        "document_url": "",
        "objectives": list(GcmObjective.objects.filter(number__in=[6, 8])),
    }
    with pytest.raises(ValidationError):
        services.review_create(actor=author, values={**values, "year": 2017})
    review = services.review_create(actor=author, values=values)
    assert not selectors.public_reviews().filter(pk=review.pk).exists()
    services.step_submit(actor=author, subject=review)
    with pytest.raises(services.WorkflowError):
        services.step_publish(actor=author, subject=review)
    services.step_publish(actor=reviewer, subject=review)
    assert selectors.public_reviews().get().objectives.count() == 2
    assert Review.objects.get().events.count() == 3


def test_a_matching_pledge_is_published_after_the_pledge_it_matches(framework, roles):
    author, reviewer = roles["author"], roles["reviewer"]
    first = services.pledge_create(actor=author, values=pledge_values())
    matching = services.pledge_create(actor=author, values=pledge_values(pledge_type="matching", matched_pledge=first))
    services.step_submit(actor=author, subject=matching)
    with pytest.raises(services.WorkflowError):
        services.step_publish(actor=reviewer, subject=matching)
    published(first, author, reviewer)
    services.step_publish(actor=reviewer, subject=matching)
    assert matching.editorial == Editorial.PUBLISHED
