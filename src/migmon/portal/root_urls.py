"""Portal URLs outside the language prefixes: the files crawlers and browsers ask for at the site's root."""

from django.urls import URLPattern, URLResolver, path

from migmon.portal import robots, sitemap

urlpatterns: list[URLPattern | URLResolver] = [
    path("sitemap.xml", sitemap.sitemap, name="sitemap"),
    path("robots.txt", robots.robots_txt, name="robots_txt"),
    path("favicon.ico", robots.favicon, name="favicon"),
]
