"""The participants' side of a workshop round (fr/en/es): join by the link, rate the drivers, see the results.

No account: the round's signed link is the way in (participants see their round only), the form is
CSRF-protected, ballots are rate-limited per address (``MIGMON_WORKSHOP_BALLOTS_PER_HOUR``), and a signed cookie
holds the participant's random key so that each has one ballot.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from migmon.core import csv_safe
from migmon.core.rate_limit import client_id, count_request
from migmon.foresight import workshops
from migmon.foresight.models import RatingRound

COOKIE_SALT = "migmon.foresight.participant"
COOKIE_AGE = 60 * 60 * 24 * 60


def _cookie_name(item: RatingRound) -> str:
    return f"migmon_workshop_{item.pk}"


def _participant_key(request: HttpRequest, item: RatingRound) -> str | None:
    key: str | None = request.get_signed_cookie(_cookie_name(item), default=None, salt=COOKIE_SALT)
    return key


def _round(token: str) -> RatingRound:
    found = workshops.round_for_token(token)
    if found is None:
        raise Http404("no such round")
    return found


def _ratings(request: HttpRequest, item: RatingRound) -> dict[int, tuple[int, int]]:
    def number(name: str) -> int:
        text = request.POST.get(name, "")
        return int(text) if text.isdecimal() and len(text) == 1 else 0

    return {d.pk: (number(f"impact-{d.pk}"), number(f"uncertainty-{d.pk}")) for d in workshops.drivers_of(item)}


def _too_many(request: HttpRequest, item: RatingRound) -> bool:
    limit = settings.MIGMON_WORKSHOP_BALLOTS_PER_HOUR
    return bool(limit) and count_request(f"migmon.workshop:{item.pk}:{client_id(request.META)}", 3600) > limit


def workshop(request: HttpRequest, token: str) -> HttpResponse:
    item = _round(token)
    key = _participant_key(request, item)
    problem = None
    if request.method == "POST" and not item.closed:
        if _too_many(request, item):
            problem, status = _("Too many ballots from this address in the last hour: wait and retry."), 429
        else:
            key = key or workshops.new_participant_key()
            try:
                workshops.record_ballot(
                    item,
                    participant_key=key,
                    pseudonym=request.POST.get("pseudonym", ""),
                    ratings=_ratings(request, item),
                )
            except workshops.BallotRefused as error:
                problem, status = str(error), 400
            else:
                response = redirect(reverse("foresight:workshop_results", args=[token]))
                response.set_signed_cookie(
                    _cookie_name(item),
                    key,
                    salt=COOKIE_SALT,
                    max_age=COOKIE_AGE,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
                return response
    elif item.closed:
        return redirect(reverse("foresight:workshop_results", args=[token]))
    ballot = workshops.ballot_of(item, key)
    given = {r.driver_id: r for r in ballot.ratings.all()} if ballot else {}
    rows = [(d, given.get(d.pk)) for d in workshops.drivers_of(item)]
    context = {
        "round": item,
        "token": token,
        "rows": rows,
        "ballot": ballot,
        "problem": problem,
        "scale": workshops.SCALE,
    }
    if request.method == "POST" and problem:
        context["posted"] = request.POST
        return render(request, "foresight/workshop.html", context, status=status)
    return render(request, "foresight/workshop.html", context)


def workshop_results(request: HttpRequest, token: str) -> HttpResponse:
    item = _round(token)
    found = workshops.results(item)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="workshop-{item.pk}.csv"'
        response.write("\ufeff")
        out = csv_safe.writer(response)
        out.writerow(["rank", "driver", "category", "ballots", "mean_impact", "mean_uncertainty", "score"])
        for rank, r in enumerate(found, start=1):
            out.writerow([rank, str(r.driver), r.driver.category, r.ballots, r.impact, r.uncertainty, r.score])
        return response
    chart = [
        {"driver": str(r.driver), "impact": r.impact, "uncertainty": r.uncertainty, "ballots": r.ballots}
        for r in found
        if r.score is not None
    ]
    context = {
        "round": item,
        "token": token,
        "results": found,
        "chart": chart,
        "ballots": item.ballots.count(),
        "voted": workshops.ballot_of(item, _participant_key(request, item)) is not None,
    }
    return render(request, "foresight/workshop_results.html", context)
