from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JournalConfig(AppConfig):
    name = "meridian.journal"
    label = "journal"
    verbose_name = _("Journal")

    def ready(self) -> None:
        from . import images, privacy, signals  # noqa: F401

        images.register()
        privacy.register()
