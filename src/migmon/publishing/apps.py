from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "migmon.publishing"
    label = "publishing"
    verbose_name = _("Publishing")
    default_auto_field = "django.db.models.BigAutoField"
