"""URLs of the JSON API, mounted at /api/ without a language prefix."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
