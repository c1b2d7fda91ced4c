from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordPressConfig(AppConfig):
    name = "meridian.wordpress"
    label = "wordpress"
    verbose_name = _("WordPress import and export")

    def ready(self) -> None:
        from . import privacy

        privacy.register()
