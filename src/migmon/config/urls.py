"""Root URLs: admin and API without a language prefix, every public page under /fr/, /en/ or /es/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("migmon.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", include("migmon.content.urls")),
    path("", include("migmon.portal.urls")),
    path("", include("migmon.incidents.urls")),
    # Wagtail's page tree serves everything else; it must stay last.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = [*static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT), *urlpatterns]
