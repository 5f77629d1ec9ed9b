"""URLs of the content app, mounted under the language prefix (/fr/, /en/, /es/)."""

from django.urls import URLPattern, URLResolver, path

from migmon.content import views

app_name = "content"

urlpatterns: list[URLPattern | URLResolver] = [
    path("search/", views.search_view, name="search"),
]
