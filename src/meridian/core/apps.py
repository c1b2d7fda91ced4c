from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "meridian.core"
    label = "core"
    verbose_name = _("Site")

    def ready(self) -> None:
        from . import checks, email, slots  # noqa: F401  (checks, receivers)
        from .admin_site import brand_admin

        brand_admin()
        # Last in the footer, after what the apps put there.
        slots.register("footer", "core/slots/footer.html", order=100)
