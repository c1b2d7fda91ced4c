from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscribersConfig(AppConfig):
    name = "meridian.subscribers"
    label = "subscribers"
    verbose_name = _("Subscribers")

    def ready(self) -> None:
        from meridian.core import periodic

        from . import placement, privacy, ticking

        privacy.register()
        placement.register()
        periodic.register("subscribers", ticking.tick, every=ticking.EVERY)
