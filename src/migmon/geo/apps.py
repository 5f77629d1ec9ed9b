"""UN M49 areas (world, regions, countries) with codes, names in three languages and lookup."""

from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "migmon.geo"
    label = "geo"
    default_auto_field = "django.db.models.BigAutoField"
