from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "meridian.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from meridian.core import caching, slots

        from . import indexing, links

        indexing.connect()
        caching.register_query_rule(links.is_cacheable_link)
        slots.register("head", "search/slots/head.html")
        slots.register("header", "search/slots/header.html")
