"""A signpost's rule and state said in words, in the visitor's language, for pages and the API.

The rule is data (:mod:`migmon.foresight.rules`); readers need the sentence ("the value rises 2 years running,
with at least 3 data points") and the reason a state is what it is ("no data", "2020 broke it").
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from migmon.foresight.choices import Aggregate, Comparator, State
from migmon.foresight.models import Signpost
from migmon.foresight.rules import Evaluation


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"


def measure_words(item: Signpost) -> str:
    if item.aggregate == Aggregate.MEAN:
        return ngettext("the mean over %(k)d year", "the mean over %(k)d years", item.window) % {"k": item.window}
    if item.aggregate == Aggregate.COUNT_ABOVE:
        return _("the number of corridors or areas above %(cut)s") % {"cut": _number(item.cut)}
    if item.aggregate == Aggregate.SHARE_ABOVE:
        return _("the share of areas above %(cut)s") % {"cut": _number(item.cut)}
    return _("the value")


def comparison_words(item: Signpost) -> str:
    if item.comparator == Comparator.ABOVE:
        return _("is above %(threshold)s") % {"threshold": _number(item.threshold)}
    if item.comparator == Comparator.BELOW:
        return _("is below %(threshold)s") % {"threshold": _number(item.threshold)}
    if item.comparator == Comparator.RISING:
        return _("rises from one year to the next")
    return _("falls from one year to the next")


def rule_words(item: Signpost) -> str:
    """The whole rule as one sentence."""
    running = ngettext("in the latest year", "%(k)d years running", item.persistence) % {"k": item.persistence}
    points = ngettext("at least %(n)d data point", "at least %(n)d data points", item.min_points) % {
        "n": item.min_points
    }
    return _("On when %(measure)s %(comparison)s %(running)s (%(points)s).") % {
        "measure": measure_words(item),
        "comparison": comparison_words(item),
        "running": running,
        "points": points,
    }


def state_label(state: str) -> str:
    return str(State(state).label)


def reason_words(evaluation: Evaluation) -> str:
    """Why the state is what it is."""
    if evaluation.reason == "no_data":
        return _("No data for this series here: the signpost cannot be judged.")
    if evaluation.reason == "too_few_points":
        return _("Only %(points)d data points: too few to judge.") % {"points": evaluation.points}
    broken = [str(check.year) for check in evaluation.checks if check.holds is False]
    missing = [str(check.year) for check in evaluation.checks if check.holds is None]
    if evaluation.reason == "broke":
        return _("The condition failed in %(years)s.") % {"years": ", ".join(broken)}
    if evaluation.reason == "gap":
        return _("Missing data in %(years)s: the condition cannot be checked.") % {"years": ", ".join(missing)}
    years = [str(check.year) for check in evaluation.checks]
    return _("The condition held in %(years)s.") % {"years": ", ".join(years)}
