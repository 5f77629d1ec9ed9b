"""The pledging dashboard: counts of the pledges a test creates, and shares to one decimal rounded half up."""

from __future__ import annotations

from decimal import Decimal

import pytest

from migmon.gcm import selectors, services
from migmon.gcm.shares import share
from migmon.gcm.tests.conftest import pledge_values

pytestmark = pytest.mark.django_db


def test_shares_round_half_up_to_one_decimal():
    assert [share(n, 301) for n in (212, 67, 22)] == [Decimal("70.4"), Decimal("22.3"), Decimal("7.3")]
    assert share(1, 8) == Decimal("12.5") and share(1, 16) == Decimal("6.3")  # 6.25 → 6.3, not 6.2
    assert share(3, 0) is None


def test_dashboard_counts_published_pledges_only(framework, roles):
    from migmon.geo.models import Area
    from migmon.indicators.models import GcmObjective

    author, reviewer = roles["author"], roles["reviewer"]
    mexico, chile = Area.objects.get(iso3="MEX"), Area.objects.get(iso3="CHL")
    objectives = {o.number: o for o in GcmObjective.objects.filter(number__in=[6, 20])}

    def pledge(publish=True, **changes):
        made = services.pledge_create(actor=author, values=pledge_values(**changes))
        if publish:
            services.step_submit(actor=author, subject=made)
            services.step_publish(actor=reviewer, subject=made)
        return made

    first = pledge()
    pledge(pledge_type="common", objectives=[objectives[6], objectives[20]], pledging_states=[mexico, chile])
    pledge(pledge_type="matching", matched_pledge=first, pledging_states=[chile], areas=[chile])
    pledge(publish=False)  # a draft is not counted

    board = selectors.dashboard()
    assert board["total"] == 3
    assert [(r["key"], r["count"], r["share"]) for r in board["by_type"]] == [
        ("individual", 1, Decimal("33.3")),
        ("common", 1, Decimal("33.3")),
        ("matching", 1, Decimal("33.3")),
    ]
    assert [(r["key"], r["count"], r["share"]) for r in board["by_status"]] == [("planning", 3, Decimal("100.0"))]
    assert [(r["key"], r["count"]) for r in board["by_objective"]] == [(6, 3), (20, 1)]
    assert [(r["area"].iso3, r["count"], r["share"]) for r in board["by_country"]] == [
        ("CHL", 2, Decimal("66.7")),
        ("MEX", 2, Decimal("66.7")),
    ]  # ties in the order of the names (Chili, Mexique on French pages)
    assert selectors.pledges_of_area(chile).count() == 2
    americas = Area.objects.get(m49="019")
    assert selectors.pledges_of_area(americas).count() == 3
