"""Helpers the core tests share."""

import json
import os
import subprocess
import sys

PROBE = """
import json
from django.conf import settings
print(json.dumps({
    "db": str(settings.DATABASES["default"]["NAME"]),
    "engine": settings.DATABASES["default"]["ENGINE"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "media": str(settings.MEDIA_ROOT),
    "mail": str(settings.EMAIL_FILE_PATH),
    "email_backend": settings.EMAIL_BACKEND,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "secure_cookies": settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE,
    "hosts": settings.ALLOWED_HOSTS,
    "site_url": settings.SITE_URL,
    "storage": settings.STORAGES["default"]["BACKEND"],
    "storage_options": settings.STORAGES["default"].get("OPTIONS", {}),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}))
"""


def settings_for(tmp_path, **env) -> dict:
    """Return the settings a fresh interpreter reads from these MERIDIAN_* variables."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("MERIDIAN_")
    }
    environ.update(DJANGO_SETTINGS_MODULE="meridian.settings", **env)
    environ.setdefault("MERIDIAN_DATA_DIR", str(tmp_path / "site"))
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)
