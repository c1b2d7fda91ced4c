from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "meridian.media"
    label = "media"
    verbose_name = _("Media library")

    def ready(self) -> None:
        from meridian.core import slots
        from meridian.core.rendering import register_image_renderer

        from . import receivers  # noqa: F401  (file cleanup)
        from .references import render_library_image

        register_image_renderer(render_library_image)
        slots.register("account_panel", "media/slots/account_panel.html", order=20)
        post_migrate.connect(enqueue_missing_renditions, sender=self)


def enqueue_missing_renditions(using: str = "default", **kwargs) -> None:
    """After `migrate`, make the renditions that imported or moved images lack."""
    from django.db import connections

    from .models import Image
    from .renditions import regenerate_missing

    if Image._meta.db_table in connections[using].introspection.table_names():
        regenerate_missing()
