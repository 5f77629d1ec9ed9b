"""URLs of the incidents app, mounted under the language prefix (/fr/, /en/, /es/)."""

from django.urls import URLPattern, URLResolver, path

from migmon.incidents import views

app_name = "incidents"

urlpatterns: list[URLPattern | URLResolver] = [
    path("missing-migrants/", views.incidents_map, name="map"),
    path("missing-migrants/methodology/", views.methodology, name="methodology"),
    path("missing-migrants/incident/<str:incident_id>/", views.incident_public, name="incident"),
    path("missing-migrants/manage/", views.manage_list, name="manage"),
    path("missing-migrants/manage/new/", views.manage_create, name="create"),
    path("missing-migrants/manage/imports/", views.manage_imports, name="imports"),
    path("missing-migrants/manage/<int:pk>/", views.manage_detail, name="detail"),
    path("missing-migrants/manage/<int:pk>/edit/", views.manage_edit, name="edit"),
    path("missing-migrants/manage/<int:pk>/<str:step>/", views.manage_step, name="step"),
]
