from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "meridian.api"
    label = "content_api"
    verbose_name = _("Content API")

    def ready(self) -> None:
        from meridian.core.caching import register_query_rule

        from .caching import cacheable_query

        register_query_rule(cacheable_query)
