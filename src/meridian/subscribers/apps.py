from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscribersConfig(AppConfig):
    name = "meridian.subscribers"
    label = "subscribers"
    verbose_name = _("Subscribers")

    def ready(self) -> None:
        from meridian.core import periodic
        from meridian.journal.signals import published_by

        from . import placement, privacy, publishing, ticking

        published_by.connect(
            publishing.email_when_published, dispatch_uid="subscribers-email"
        )
        privacy.register()
        placement.register()
        periodic.register("subscribers", ticking.tick, every=ticking.EVERY)
