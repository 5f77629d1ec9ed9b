"""URLs of the JSON API, mounted at /api/ without a language prefix: /api/v1/… (docs at /api/v1/docs).

The docs answer with and without the trailing slash, and every other path under /api/ answers a JSON 404
(never Django's HTML page, never a redirect into ``/fr/…``).
"""

from functools import partial

from django.urls import URLPattern, URLResolver, path, re_path
from ninja.openapi.views import openapi_view

from migmon.api.core import api, not_found

urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/", api.urls),
    path("v1/docs/", partial(openapi_view, api=api), name="api-v1-docs-slash"),
    re_path(r"^.*$", not_found, name="api-not-found"),
]
