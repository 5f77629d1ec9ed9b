"""URLs of the JSON API, mounted at /api/ without a language prefix: /api/v1/… (docs at /api/v1/docs)."""

from django.urls import URLPattern, URLResolver, path

from migmon.api.core import api

urlpatterns: list[URLPattern | URLResolver] = [path("v1/", api.urls)]
