"""URLs of the progress pages, mounted under the language prefix (/fr/, /en/, /es/)."""

from django.urls import URLPattern, URLResolver, path

from migmon.progress import views

app_name = "progress"

urlpatterns: list[URLPattern | URLResolver] = [
    path("progress/", views.index, name="index"),
    path("progress/method/", views.method, name="method"),
    path("progress/areas/<str:code>/", views.area_progress, name="area"),
    path("progress/indicators/<str:code>/", views.indicator_progress, name="indicator"),
    path("progress/series/<str:code>/", views.series_progress, name="series"),
]
