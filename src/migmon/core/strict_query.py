"""Unknown query parameters are errors: an API operation accepts the names it declares and no others.

django-ninja knows each operation's query schema (the parameters of the view and the fields of its ``Query[…]``
schemas); :func:`reject_unknown_query_parameters` is installed once for the whole API (``api.add_decorator``)
and answers 400 ``{"message", "parameter"}`` naming every undeclared parameter, so a typo (``strat=2015``) or a
parameter of another endpoint never silently widens the answer. It runs after the rate limit and after ninja
has validated the declared parameters.

An endpoint whose names are only known at run time (observation filters by dimension, ``sex=F``) says so with
:func:`accepts_dynamic_names`: the function it gives is asked about each undeclared name, e.g.::

    @router.get("/observations")
    @accepts_dynamic_names(is_dimension_name, described_as="a dimension name (sex, age, …)")
    def list_observations(request, params: Query[ObservationParams]): ...

Domain apps may import this module (it imports no app); they need not, since the decorator covers every router.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse

DYNAMIC_NAMES_ATTRIBUTE = "_migmon_dynamic_query_names"


@dataclass(frozen=True)
class DynamicNames:
    is_known: Callable[[str], bool]
    described_as: str


def accepts_dynamic_names(is_known: Callable[[str], bool], *, described_as: str) -> Callable:
    """Let a view accept, beyond its declared parameters, every name ``is_known`` accepts."""

    def mark(view: Callable) -> Callable:
        setattr(view, DYNAMIC_NAMES_ATTRIBUTE, DynamicNames(is_known, described_as))
        return view

    return mark


def declared_query_names(view: Callable) -> frozenset[str]:
    """The query parameter names of the ninja operation built from ``view`` (path parameters excluded)."""
    operation = view._ninja_operation  # type: ignore[attr-defined]  # set by ninja when it registers the view
    return frozenset(
        name
        for model in operation.models
        if model.__ninja_param_source__ == "query"
        for name in model.__ninja_flatten_map__
    )


def unknown_parameters_answer(unknown: list[str], accepted: list[str]) -> HttpResponse:
    names = ", ".join(repr(name) for name in unknown)
    plural = "s" if len(unknown) > 1 else ""
    accepts = ", ".join(accepted) if accepted else "no query parameters"
    message = f"Unknown query parameter{plural} {names}; this endpoint accepts {accepts}."
    body = orjson.dumps({"message": message, "parameter": unknown[0]})
    return HttpResponse(body, status=400, content_type="application/json")


def reject_unknown_query_parameters(view: Callable) -> Callable:
    """ninja "operation" decorator: 400 when the query names a parameter the operation does not declare."""
    declared = declared_query_names(view)
    dynamic: DynamicNames | None = getattr(view, DYNAMIC_NAMES_ATTRIBUTE, None)
    accepted = sorted(declared) + ([dynamic.described_as] if dynamic else [])

    @functools.wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        unknown = [name for name in request.GET if name not in declared]
        if unknown and dynamic is not None:
            unknown = [name for name in unknown if not dynamic.is_known(name)]
        if unknown:
            return unknown_parameters_answer(unknown, accepted)
        return view(request, *args, **kwargs)

    return checked
