"""System checks for a production install."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    """Refuse the throwaway key outside development."""
    if settings.SECRET_KEY.startswith("django-insecure-"):
        return [
            Error(
                "MERIDIAN_SECRET_KEY is not set.",
                hint="Set MERIDIAN_SECRET_KEY to a long random value "
                "(python -c 'import secrets; print(secrets.token_urlsafe(50))').",
                id="meridian.E001",
            )
        ]
    return []
