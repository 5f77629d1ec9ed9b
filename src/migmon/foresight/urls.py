"""URLs of the foresight pages, mounted under the language prefix (/fr/, /en/, /es/)."""

from django.urls import URLPattern, URLResolver, path

from migmon.foresight import signal_views, views, workshop_views

app_name = "foresight"

urlpatterns: list[URLPattern | URLResolver] = [
    path("foresight/", views.index, name="index"),
    path("foresight/sets/<slug:slug>/", views.set_page, name="set"),
    path("foresight/sets/<slug:slug>/dashboard/", views.dashboard, name="dashboard"),
    path("foresight/sets/<slug:slug>/pdf/", views.set_pdf, name="set_pdf"),
    path("foresight/sets/<slug:slug>/scenarios/<slug:scenario>/", views.scenario_page, name="scenario"),
    path("foresight/areas/<str:code>/", views.area_dashboard, name="area"),
    path("foresight/signposts/<int:pk>/<str:subject>/", views.signpost_page, name="signpost"),
    path("foresight/signals/", signal_views.signal_list, name="signals"),
    path("foresight/signals/<int:pk>/", signal_views.signal_page, name="signal"),
    path("foresight/trends/", signal_views.trend_list, name="trends"),
    path("foresight/trends/<int:pk>/", signal_views.trend_page, name="trend"),
    path("foresight/workshops/<str:token>/", workshop_views.workshop, name="workshop"),
    path("foresight/workshops/<str:token>/results/", workshop_views.workshop_results, name="workshop_results"),
]
