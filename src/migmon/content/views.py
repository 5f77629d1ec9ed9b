"""Views of the content app outside the page tree: site search."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from migmon.content import search, selectors

MAX_QUERY_LENGTH = 200


def search_view(request: HttpRequest) -> HttpResponse:
    """``?q=`` across every registered search provider, paginated."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = search.search_site(query, request) if query else []
    items = selectors.paginate(request, results)
    items.object_list = [(result, search.highlight(result.snippet, query)) for result in items.object_list]
    return TemplateResponse(
        request,
        "content/search.html",
        {"search_query": query, "items": items, "total": len(results)},
    )
