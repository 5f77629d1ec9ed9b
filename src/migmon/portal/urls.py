"""URLs of the portal app, mounted under the language prefix (/fr/, /en/, /es/): everything under data/."""

from django.urls import URLPattern, URLResolver, path

from migmon.portal import views

app_name = "portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("data/", views.data_index, name="data_index"),
    path("data/goals/<int:number>/", views.goal_detail, name="goal_detail"),
    path("data/indicators/<str:code>/", views.indicator_detail, name="indicator_detail"),
    path("data/series/<str:code>/", views.series_detail, name="series_detail"),
    path("data/series/<str:code>/embed/", views.series_embed, name="series_embed"),
    path("data/series/<str:code>/download/", views.series_download, name="series_download"),
    path("data/gcm/", views.gcm_index, name="gcm_index"),
    path("data/gcm/<int:number>/", views.gcm_detail, name="gcm_detail"),
    path("data/countries/", views.country_index, name="country_index"),
    path("data/countries/<str:iso3>/", views.country_profile, name="country_profile"),
    path("data/countries/<str:iso3>/pdf/", views.country_pdf, name="country_pdf"),
    path("data/regions/<str:m49>/", views.region_profile, name="region_profile"),
    path("data/regions/<str:m49>/pdf/", views.region_pdf, name="region_pdf"),
]
