from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "meridian.core"
    label = "core"
    verbose_name = _("Site")

    def ready(self) -> None:
        from . import checks, email  # noqa: F401  (registers checks and receivers)
        from .admin_site import brand_admin

        brand_admin()
