from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "meridian.comments"
    label = "comments"
    verbose_name = _("Comments")

    def ready(self) -> None:
        from . import demo, privacy, signals  # noqa: F401

        privacy.register()
