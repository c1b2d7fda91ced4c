from django.conf import settings
from django.http import HttpRequest

from .models import SiteSettings


def site(request: HttpRequest) -> dict:
    """Expose the site's settings and public address to every template."""
    return {
        "site": SiteSettings.current(),
        "site_url": settings.SITE_URL,
    }
