from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordPressConfig(AppConfig):
    name = "meridian.wordpress"
    label = "wordpress"
    verbose_name = _("WordPress import and export")

    def ready(self) -> None:
        from meridian.core import slots

        from . import privacy

        privacy.register()
        # The way in for administrators, beside the Studio's in the account panel.
        slots.register("account_panel", "wordpress/slots/account_panel.html", order=30)
