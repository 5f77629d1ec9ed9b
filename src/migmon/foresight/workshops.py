"""Workshop rating rounds: the join link, one ballot per participant, and the results.

The link carries the round's number signed with the site's secret (``django.core.signing``), so nothing secret is
stored and a forged or altered link finds no round. A participant is known by a random key kept in a signed
cookie of their browser; only its SHA-256 is stored, with the pseudonym they chose — no account, no address.
Sending the form again replaces that participant's ballot while the round is open.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _

from migmon.foresight.models import Ballot, Driver, DriverRating, RatingRound

SALT = "migmon.foresight.workshop"
SCALE = range(1, 6)


class BallotRefused(Exception):
    """The ballot cannot be taken (round closed, a rating missing or out of 1–5); the message says which."""


def join_token(item: RatingRound) -> str:
    return signing.Signer(salt=SALT).sign(str(item.pk))


def round_for_token(token: str) -> RatingRound | None:
    try:
        pk = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    found: RatingRound | None = RatingRound.objects.select_related("scenario_set").filter(pk=int(pk)).first()
    return found


def new_participant_key() -> str:
    return secrets.token_urlsafe(24)


def _hashed(participant_key: str) -> str:
    return hashlib.sha256(participant_key.encode()).hexdigest()


def drivers_of(item: RatingRound) -> list[Driver]:
    return list(item.scenario_set.drivers.all())


def ballot_of(item: RatingRound, participant_key: str | None) -> Ballot | None:
    if not participant_key:
        return None
    return item.ballots.prefetch_related("ratings").filter(participant=_hashed(participant_key)).first()


@transaction.atomic
def record_ballot(
    item: RatingRound, *, participant_key: str, pseudonym: str, ratings: Mapping[int, tuple[int, int]]
) -> Ballot:
    """Store (or replace) the participant's ballot: a rating of impact and uncertainty for every driver."""
    locked = RatingRound.objects.select_for_update().get(pk=item.pk)
    if locked.closed:
        raise BallotRefused(_("This round is closed: it takes no more ballots."))
    pseudonym = pseudonym.strip()
    if not pseudonym or len(pseudonym) > 60:
        raise BallotRefused(_("Give a pseudonym of 1 to 60 characters."))
    drivers = drivers_of(locked)
    for driver in drivers:
        impact, uncertainty = ratings.get(driver.pk, (0, 0))
        if impact not in SCALE or uncertainty not in SCALE:
            raise BallotRefused(
                _("Rate the impact and the uncertainty of “%(driver)s” from 1 to 5.") % {"driver": driver}
            )
    ballot, _created = Ballot.objects.update_or_create(
        rating_round=locked, participant=_hashed(participant_key), defaults={"pseudonym": pseudonym}
    )
    ballot.ratings.all().delete()
    DriverRating.objects.bulk_create(
        DriverRating(ballot=ballot, driver_id=pk, impact=impact, uncertainty=uncertainty)
        for pk, (impact, uncertainty) in ratings.items()
        if pk in {d.pk for d in drivers}
    )
    return ballot


@dataclass(frozen=True)
class DriverResult:
    driver: Driver
    ballots: int
    impact: float | None
    uncertainty: float | None

    @property
    def score(self) -> float | None:
        """Mean impact × mean uncertainty: the drivers that matter most and are least known rank first, as
        the scenario axes are chosen among them."""
        return None if self.impact is None or self.uncertainty is None else self.impact * self.uncertainty


def results(item: RatingRound) -> list[DriverResult]:
    """Each driver's mean ratings over the round's ballots, highest score first (unrated drivers last)."""
    sums: dict[int, list[int]] = {}
    for rating in DriverRating.objects.filter(ballot__rating_round=item).values("driver_id", "impact", "uncertainty"):
        entry = sums.setdefault(rating["driver_id"], [0, 0, 0])
        entry[0] += 1
        entry[1] += rating["impact"]
        entry[2] += rating["uncertainty"]
    found = []
    for driver in drivers_of(item):
        n, impact, uncertainty = sums.get(driver.pk, [0, 0, 0])
        found.append(DriverResult(driver, n, impact / n if n else None, uncertainty / n if n else None))
    return sorted(found, key=lambda r: (r.score is None, -(r.score or 0), str(r.driver)))
