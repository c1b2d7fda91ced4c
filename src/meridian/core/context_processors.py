from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

from .caching import content_version
from .models import SiteSettings


def _fragment_version() -> str:
    return f"{content_version()}:{get_language()}:{get_current_timezone_name()}"


def site(request: HttpRequest) -> dict:
    """Expose the site's settings and public address to every template.

    `fragment_version` goes last in the vary-on list of every `{% cache %}`
    fragment: it changes with any content change, and with the language and
    time zone dates are shown in, so a stored fragment is never shown after
    what it shows has changed. It is read from the shared cache only on pages
    that have fragments, once per request.
    """
    return {
        "site": SiteSettings.current(),
        "site_url": settings.SITE_URL,
        "fragment_version": SimpleLazyObject(_fragment_version),
    }
