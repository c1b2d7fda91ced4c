from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudioConfig(AppConfig):
    name = "meridian.studio"
    label = "studio"
    verbose_name = _("Studio")

    def ready(self) -> None:
        from meridian.core import slots

        from . import demo, signals  # noqa: F401

        slots.register("account_panel", "studio/slots/account_panel.html", order=10)
