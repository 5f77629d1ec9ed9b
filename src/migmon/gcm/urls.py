"""URLs of the follow-up, mounted under the language prefix (/fr/, /en/, /es/) beside the data pages."""

from django.urls import URLPattern, URLResolver, path

from migmon.gcm import views

app_name = "gcm"

urlpatterns: list[URLPattern | URLResolver] = [
    path("data/gcm/follow-up/", views.dashboard, name="dashboard"),
    path("data/gcm/pledges/", views.pledge_list, name="pledges"),
    path("data/gcm/pledges/<str:public_id>/", views.pledge_public, name="pledge"),
    path("data/gcm/pledges/<str:public_id>/attachment/", views.pledge_attachment, name="attachment"),
    path("data/gcm/reviews/", views.review_calendar, name="reviews"),
    path("data/gcm/reviews/<int:pk>/document/", views.review_document, name="review_document"),
    path("data/countries/<str:iso3>/gcm/", views.country_profile, name="country_profile"),
    path("data/regions/<str:m49>/gcm/", views.region_profile, name="region_profile"),
    path("data/gcm/manage/", views.manage_list, name="manage"),
    path("data/gcm/manage/new/", views.manage_create, name="create"),
    path("data/gcm/manage/import/", views.manage_import, name="import"),
    path("data/gcm/manage/<int:pk>/", views.manage_detail, name="detail"),
    path("data/gcm/manage/<int:pk>/edit/", views.manage_edit, name="edit"),
    path("data/gcm/manage/<int:pk>/status/", views.manage_status, name="status"),
    path("data/gcm/manage/<int:pk>/<str:step>/", views.manage_step, name="step"),
    path("data/gcm/manage/reviews/new/", views.review_create, name="review_create"),
    path("data/gcm/manage/reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("data/gcm/manage/reviews/<int:pk>/edit/", views.review_edit, name="review_edit"),
    path("data/gcm/manage/reviews/<int:pk>/<str:step>/", views.review_step, name="review_step"),
]
