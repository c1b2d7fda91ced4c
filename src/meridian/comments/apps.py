from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "meridian.comments"
    label = "comments"
    verbose_name = _("Comments")

    def ready(self) -> None:
        from meridian.core import slots

        from . import demo, privacy, signals  # noqa: F401

        privacy.register()
        # The article page names the place; the comment section fills it.
        slots.register("after_article", "comments/slots/after_article.html", order=10)
        # Moderators find the queue, with the count waiting, on every page.
        slots.register("account_panel", "comments/slots/account_panel.html", order=20)
