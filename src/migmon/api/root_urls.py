"""A URL conf with the API alone, attached to API 404 answers.

Django's LocaleMiddleware turns a 404 into a redirect to ``/fr/<path>`` when that path would resolve, and
Wagtail's catch-all resolves almost anything: an API 404 ("no such series") would become a redirect to an
HTML page. Pointing ``request.urlconf`` here for those answers tells the middleware no language prefix applies.
"""

from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [path("api/", include("migmon.api.urls"))]
