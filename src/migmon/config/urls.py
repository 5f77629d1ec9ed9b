"""Root URLs: admin and API without a language prefix, every public page under /fr/, /en/ or /es/."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from migmon.core.media import serve_media

# A database outage answers 503 with Retry-After (pages and API); every other uncaught error the 500 page.
handler500 = "migmon.core.outage.server_error"

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    re_path(r"^media/(?P<path>.+)$", serve_media, name="media"),
    path("api/", include("migmon.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("migmon.portal.root_urls")),  # sitemap.xml, robots.txt, favicon.ico
]

urlpatterns += i18n_patterns(
    path("", include("migmon.content.urls")),
    path("", include("migmon.portal.urls")),
    path("", include("migmon.incidents.urls")),
    path("", include("migmon.progress.urls")),
    path("", include("migmon.foresight.urls")),
    path("", include("migmon.gcm.urls")),
    # Wagtail's page tree serves everything else; it must stay last.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
