"""Admin URLs of publishing, mounted under /admin/publishing/ by wagtail_hooks (Wagtail requires admin access;
each view also requires the data managers' permission)."""

from django.urls import path

from migmon.publishing import admin_releases, admin_tokens, admin_uploads

app_name = "publishing"

urlpatterns = [
    path("", admin_uploads.uploads_index, name="uploads"),
    path("uploads/<int:pk>/", admin_uploads.upload_detail, name="upload"),
    path("uploads/<int:pk>/progress.json", admin_uploads.upload_progress, name="upload_progress"),
    path("uploads/<int:pk>/<str:action>/", admin_uploads.upload_action, name="upload_action"),
    path("uploads/<int:pk>/files/<int:file_pk>/problems.csv", admin_uploads.upload_problems_csv, name="problems_csv"),
    path("releases/", admin_releases.releases_index, name="releases"),
    path("releases/<int:pk>/", admin_releases.release_detail, name="release"),
    path("releases/<int:pk>/original", admin_releases.release_download, name="release_download"),
    path("releases/<int:pk>/rollback/", admin_releases.release_rollback, name="release_rollback"),
    path("audit/", admin_releases.audit_index, name="audit"),
    path("tokens/", admin_tokens.tokens_index, name="tokens"),
    path("tokens/<int:pk>/revoke/", admin_tokens.token_revoke_view, name="token_revoke"),
]
