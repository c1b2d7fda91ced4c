from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "meridian.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from meridian.core import caching

        from . import indexing, links

        indexing.connect()
        caching.register_query_rule(links.is_cacheable_link)
