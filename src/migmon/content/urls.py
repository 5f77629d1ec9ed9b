"""URLs of the content app, mounted under the language prefix (/fr/, /en/, /es/)."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
